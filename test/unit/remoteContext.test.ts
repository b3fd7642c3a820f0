/** What a remote evaluation sends as each run's context, and the flags that ask for one. */
import { isAbsolute } from "node:path";
import { describe, expect, it } from "vitest";
import { lumosEnvironment } from "../../src/config.js";
import { ConfigurationError } from "../../src/core/errors.js";
import { LumosContextSchema } from "../../src/graph/context.js";
import { remoteRunContext, type RemoteContextParts } from "../../src/eval/remote/context.js";
import { defaultAssistant } from "../../src/eval/remote/evaluation.js";
import { checkRemoteUrl } from "../../src/eval/remote/server.js";
import { remoteFromFlags } from "../../src/cli/remoteFlags.js";
import { UsageError } from "../../src/cli/usageError.js";

const parts: RemoteContextParts = {
  planner: "completion:plan@http://127.0.0.1:8000/v1",
  grounder: "openai:gpt-4o-mini",
  domain: "qa",
  domainOptions: { corpus: "hotpotqa-distractor", qaModel: "openai:gpt-4o-mini" },
  dataDir: "data",
  formulation: "onetime",
  maxRounds: 8,
  onActionError: "continue",
  parallel: true,
};

describe("the run context of a remote evaluation", () => {
  it("carries the models, the domain by name with its options, the run options and an absolute data directory", () => {
    const context = remoteRunContext(parts);
    expect(context).toEqual({
      corpus: "hotpotqa-distractor",
      qaModel: "openai:gpt-4o-mini",
      planner: parts.planner,
      grounder: parts.grounder,
      domain: "qa",
      dataDir: expect.stringMatching(/\/data$/),
      formulation: "onetime",
      maxRounds: 8,
      onActionError: "continue",
      parallel: true,
    });
    expect(isAbsolute(context.dataDir!)).toBe(true);
    // what is left unset is not sent: the graph applies its own defaults, as in a local run
    expect(Object.keys(context)).not.toContain("constrained");
    expect(LumosContextSchema.safeParse(context).success).toBe(true);
    expect(JSON.parse(JSON.stringify(context))).toEqual(context);
  });

  it("refuses the oracle and model objects, which live in this process", () => {
    expect(() => remoteRunContext({ ...parts, planner: "oracle" })).toThrow(/--planner oracle replays gold programs .* cannot run on a LangGraph server/);
    expect(() => remoteRunContext({ ...parts, grounder: "oracle" })).toThrow(/--grounder oracle/);
    expect(() => remoteRunContext({ ...parts, planner: { description: "a module" } })).toThrow(ConfigurationError);
  });

  it("refuses a context the graphs' schema rejects, naming the field", () => {
    expect(() => remoteRunContext({ ...parts, maxRounds: 1000 })).toThrow(/context for the server is not valid: maxRounds/);
    expect(() => remoteRunContext({ ...parts, domainOptions: { sqlStatementMs: "many" } })).toThrow(/sqlStatementMs/);
  });

  it("runs the formulation's graph unless an assistant is named", () => {
    expect(defaultAssistant("iterative")).toBe("lumos_iterative");
    expect(defaultAssistant("onetime")).toBe("lumos_onetime");
  });
});

describe("--remote, --assistant and --remote-retry-s", () => {
  const env = lumosEnvironment({ LUMOS_REMOTE_API_KEY: "k1", LANGSMITH_API_KEY: "k2" });

  it("are a local run when --remote is absent, and refuse its companions alone", () => {
    expect(remoteFromFlags({}, env)).toBeUndefined();
    expect(() => remoteFromFlags({ assistant: "lumos_iterative" }, env)).toThrow(UsageError);
    expect(() => remoteFromFlags({ "remote-retry-s": "5" }, env)).toThrow(/--remote-retry-s goes with --remote/);
  });

  it("check the URL and take the API key from the environment", () => {
    expect(remoteFromFlags({ remote: "http://127.0.0.1:2024", assistant: "a1", "remote-retry-s": "30" }, env)).toEqual({
      url: "http://127.0.0.1:2024", assistant: "a1", apiKey: "k1", retryWindowMs: 30_000,
    });
    expect(remoteFromFlags({ remote: "https://x.example" }, lumosEnvironment({ LANGSMITH_API_KEY: "k2" }))).toMatchObject({ apiKey: "k2", retryWindowMs: 300_000 });
    expect(remoteFromFlags({ remote: "https://x.example" }, lumosEnvironment({}))?.apiKey).toBeUndefined();
    expect(() => remoteFromFlags({ remote: "localhost:2024" }, env)).toThrow(/not an http\(s\) URL/);
    expect(() => remoteFromFlags({ remote: "not a url" }, env)).toThrow(/is not a URL/);
    expect(() => remoteFromFlags({ remote: "http://h:1", "remote-retry-s": "0" }, env)).toThrow(/positive integer/);
    expect(() => remoteFromFlags({ remote: "http://h:1", assistant: " " }, env)).toThrow(/assistant id or a graph id/);
  });

  it("normalise the server's base URL", () => {
    expect(checkRemoteUrl("http://127.0.0.1:2024/")).toBe("http://127.0.0.1:2024");
    expect(checkRemoteUrl("https://deploy.example/api/")).toBe("https://deploy.example/api");
    expect(() => checkRemoteUrl("http://h/?x=1")).toThrow(/query or fragment/);
  });
});
