/** Which failures of a LangGraph server a remote evaluation waits out, and what it takes back from a run. */
import { describe, expect, it } from "vitest";
import { describeRemoteError, isTransientRemoteError, LostRunError, RemoteRunError, RemoteServerError } from "../../src/eval/remote/errors.js";
import { stateFromValues } from "../../src/eval/remote/state.js";

const http = (status: number) => Object.assign(new Error(`HTTP ${status}: x`), { status });
const refused = () => new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2024"), { code: "ECONNREFUSED" }) });

describe("remote errors", () => {
  it("waits out a server that is down, restarting, overloaded or that lost the run", () => {
    for (const error of [
      refused(),
      new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }),
      Object.assign(new Error("Unable to connect to LangGraph server."), { name: "ConnectionError" }),
      new DOMException("The operation was aborted due to timeout", "TimeoutError"),
      new SyntaxError("Unexpected end of JSON input"),
      http(500), http(502), http(503), http(429), http(404), http(409),
      new LostRunError("the run ended with status \"interrupted\""),
    ]) {
      expect(isTransientRemoteError(error), String(error)).toBe(true);
    }
  });

  it("does not retry what another try cannot change", () => {
    for (const error of [http(400), http(401), http(403), http(422), new RemoteRunError("boom"), new RemoteServerError("gone"), new Error("a bug"), "text"]) {
      expect(isTransientRemoteError(error), String(error)).toBe(false);
    }
  });

  it("says what failed underneath a fetch error", () => {
    expect(describeRemoteError(refused())).toBe("fetch failed (connect ECONNREFUSED 127.0.0.1:2024)");
    expect(describeRemoteError(http(503))).toBe("HTTP 503: x");
  });
});

describe("the state a server returns", () => {
  const state = { task: "t", subgoals: [], actions: [], transcripts: [], errors: [], results: {}, round: 1, stopReason: "planner_stop", answer: "4" };

  it("is taken as the run's final state when it has a Lumos state's fields", () => {
    expect(stateFromValues(state)).toBe(state);
    expect(stateFromValues({ ...state, answer: null, stopReason: null }).answer).toBeNull();
  });

  it("is the graph's own error when the run raised", () => {
    expect(() => stateFromValues({ __error__: { error: "GraphRecursionError", message: "Recursion limit of 520 reached" } })).toThrow(new RemoteRunError("Recursion limit of 520 reached"));
    expect(() => stateFromValues({ __error__: { error: "Error", message: "" } })).toThrow(/^Error$/);
  });

  it("names what is missing when it is not a Lumos state", () => {
    expect(() => stateFromValues(null)).toThrow(/no state/);
    expect(() => stateFromValues({ messages: [] })).toThrow(/not a Lumos state \(missing or malformed: subgoals, actions, transcripts, errors, results, round, stopReason, answer\)/);
    expect(() => stateFromValues({ ...state, round: "1" })).toThrow(/malformed: round\)/);
    // garbage inside the lists is caught too, before it becomes a record
    expect(() => stateFromValues({ ...state, errors: [1, { kind: "no_such_kind" }], actions: [{ text: "R1 = X()" }] })).toThrow(/malformed: actions, errors\)/);
    expect(() => stateFromValues({ ...state, results: { R1: 7 } })).toThrow(/malformed: results\)/);
  });
});
