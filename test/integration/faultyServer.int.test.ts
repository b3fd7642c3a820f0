/**
 * The completions client against a loopback server that misbehaves: invalid JSON, empty or wrongly shaped
 * `choices`, a body cut short, a 50 MB body, a hang. Each is retried to success when the next answer is
 * good, or ends as a bounded error; the 50 MB body is never read to its end (the server sees the client hang
 * up) and never stored.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import { errorMessage } from "../../src/errors/message.js";
import { mathsAccuracy } from "../../src/eval/metrics/index.js";
import { runEvaluation } from "../../src/eval/runner.js";
import { recordsIn } from "../helpers/evalRecords.js";
import { createLumosGraph } from "../../src/graph/build.js";
import { completionModule } from "../../src/models/completionModule.js";
import { OpenAICompletionsLLM, type OpenAICompletionsOptions } from "../../src/models/openaiCompletions.js";
import { isTransientError, MalformedReplyError, ReplyTooLargeError } from "../../src/models/transientError.js";
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from "../helpers/scriptedServer.js";
import { failure } from "../helpers/failure.js";

const FIFTY_MB = 50 * 1024 * 1024;
const GOOD = "R1 = Calculator(2)";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that answers `faults` in turn, then `GOOD` for ever. */
async function serverWith(...faults: ScriptedReply[]): Promise<ScriptedServer> {
  let call = 0;
  server = await startScriptedServer(() => faults[call++] ?? GOOD);
  return server;
}

const client = (url: string, options: Partial<OpenAICompletionsOptions> = {}) =>
  new OpenAICompletionsLLM({ model: "m", baseURL: url, retryDelayMs: 5, timeoutMs: 2_000, ...options });


const FAULTS: [string, ScriptedReply][] = [
  ["invalid JSON", { raw: '{"choices": [{"text": "R1 = Calc' }],
  ["an HTML error page with status 200", { raw: "<html><body>Bad gateway</body></html>" }],
  ["an empty choices list", { json: { choices: [] } }],
  ["no choices at all", { json: { id: "cmpl-1", object: "text_completion" } }],
  ["choices that are not a list", { json: { choices: { text: GOOD } } }],
  ["a choice without text (chat shape)", { json: { choices: [{ message: { role: "assistant", content: GOOD } }] } }],
  ["a choice whose text is not a string", { json: { choices: [{ text: 42 }] } }],
  ["null as the body", { raw: "null" }],
  ["a body cut short (Content-Length larger than sent)", { truncate: { declared: 1000, send: '{"choices":[{"text":"R1 = ' } }],
  ["a hang before any answer", { hang: "silent" }],
  ["a hang in the middle of the body", { hang: "midway" }],
];

describe("completions client against a faulty server", () => {
  for (const [what, fault] of FAULTS) {
    it(`retries ${what} and succeeds when the next answer is good`, async () => {
      const s = await serverWith(fault);
      const hang = "hang" in (fault as object);
      const llm = client(s.url, hang ? { timeoutMs: 300 } : {});
      expect(await llm.invoke("p", { stop: ["\n"] })).toBe(GOOD);
      expect(s.requests).toHaveLength(2);
    });
  }

  it("after the last retry, records a malformed reply as a retryable error with a bounded message", async () => {
    // under the body cap, so it is read whole and fails as JSON
    const junk = `<html>${"x".repeat(400 * 1024)}</html>`;
    const s = await serverWith(...Array.from({ length: 5 }, () => ({ raw: junk })));
    const error = await failure(client(s.url, { transientRetries: 2 }).invoke("p"));
    expect(error).toBeInstanceOf(MalformedReplyError);
    expect(isTransientError(error)).toBe(true);
    expect(errorMessage(error)).toMatch(/^completion server at http:\/\/127\.0\.0\.1:\d+\/v1\/completions returned invalid JSON \(409613 characters\): <html>x+$/);
    expect(errorMessage(error).length).toBeLessThan(400);
    expect(s.requests).toHaveLength(3);
  });

  it("does not retry when the caller aborts during a hang", async () => {
    const s = await serverWith({ hang: "silent" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(client(s.url, { timeoutMs: 60_000 }).invoke("p", { signal: controller.signal }));
    expect(isTransientError(error, controller.signal)).toBe(false);
    expect(s.requests).toHaveLength(1);
  });

  for (const chunked of [false, true]) {
    it(`stops reading a 50 MB body ${chunked ? "sent chunked" : "announced by Content-Length"}, aborts, and keeps none of it`, async () => {
      const s = await serverWith({ huge: { bytes: FIFTY_MB, chunked } });
      const llm = client(s.url, { timeoutMs: 30_000 });
      const error = await failure(llm.invoke("p"));
      expect(error).toBeInstanceOf(ReplyTooLargeError);
      // greedy decoding would send the same again: not retried
      expect(isTransientError(error)).toBe(false);
      expect(s.requests).toHaveLength(1);
      const message = errorMessage(error);
      expect(message).toContain(`over the cap of ${llm.maxResponseBytes} bytes`);
      expect(message).toMatch(chunked ? /sent a reply of more than 589824 bytes \(\d+ received\)/ : new RegExp(`announced a reply of ${FIFTY_MB} bytes`));
      expect(message).not.toMatch(/xxxx/);
      expect(message.length).toBeLessThan(300);
      // the server saw the client hang up long before the end of the body
      await s.streams[0].settled;
      expect(s.streams[0].bytesPlanned).toBe(FIFTY_MB);
      expect(s.streams[0].closedEarly).toBe(true);
      expect(s.streams[0].bytesSent).toBeLessThan(FIFTY_MB / 4);
    });
  }

  it("refuses a completion text over maxReplyBytes even when the body is within its cap", async () => {
    const s = await serverWith("y".repeat(5000));
    const error = await failure(client(s.url, { maxReplyBytes: 1000 }).invoke("p"));
    expect(error).toBeInstanceOf(ReplyTooLargeError);
    expect(errorMessage(error)).toMatch(/returned a completion of 5000 bytes, over the cap of 1000 bytes of a module reply; it was not kept$/);
    expect(s.requests).toHaveLength(1);
  });

  it("reads only the start of a huge error page and still retries the status", async () => {
    const s = await serverWith({ status: 503, body: `Service Unavailable ${"z".repeat(3 * 1024 * 1024)}` });
    expect(await client(s.url).invoke("p")).toBe(GOOD);
    expect(s.requests).toHaveLength(2);
  });
});

describe("an evaluation against a faulty server", () => {
  it("retries malformed replies to success and records an over-size reply as a small error", async () => {
    // t0: every first reply of a conversation turn is broken once, then good; t1: the planner's reply is 50 MB
    const seen = new Map<string, number>();
    server = await startScriptedServer(({ body }) => {
      const prompt = String(body.prompt);
      const task = /Task: (\w+)/.exec(prompt)?.[1] ?? "";
      const count = (seen.get(prompt) ?? 0) + 1;
      seen.set(prompt, count);
      if (task === "t1") return { huge: { bytes: FIFTY_MB } };
      if (count === 1) return [{ raw: "{" }, { json: { choices: [] } }, { truncate: { declared: 500, send: "{" } }][seen.size % 3];
      if (String(body.model) === "plan") return prompt.includes("executed result") ? "Yes, I will stop planning." : "Subgoal 1: Add two and three.";
      return "R1 = Calculator(2 + 3)";
    });
    const url = server.url;
    const model = (name: string) => completionModule(new OpenAICompletionsLLM({ model: name, baseURL: url, retryDelayMs: 5 }));
    const graph = createLumosGraph({ planner: model("plan"), grounder: model("ground") });
    const items: DatasetItem[] = [
      { id: "t0", question: "t0 What is two plus three?", gold: "5", source: null },
      { id: "t1", question: "t1 What is two plus three?", gold: "5", source: null },
    ];
    const path = join(mkdtempSync(join(tmpdir(), "lumos-faulty-")), "predictions.jsonl");
    await runEvaluation({
      items, metric: mathsAccuracy, predictionsPath: path, retries: 1, retryDelayMs: 1,
      solve: (item, signal) => graph.invoke({ task: item.question }, { signal }),
    });
    const run = { records: await recordsIn(path) };
    expect(run.records[0]).toMatchObject({ id: "t0", prediction: "5", correct: true, stopReason: "planner_stop", errors: [] });
    expect(run.records[1]).toMatchObject({ id: "t1", prediction: null, stopReason: "model_error" });
    expect(run.records[1].errors[0]).toMatchObject({ kind: "model_error", module: "planner", retryable: false });
    expect(run.records[1].error).toMatch(/announced a reply of 52428800 bytes, over the cap of 589824 bytes; the reply was not kept/);
    // nothing of the 50 MB body reached the file
    expect(readFileSync(path, "utf8").length).toBeLessThan(8 * 1024);
    for (const stream of server.streams) {
      await stream.settled;
      expect(stream.closedEarly).toBe(true);
    }
  });
});
