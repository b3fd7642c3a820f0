import { describe, expect, it } from "vitest";
import { parseModelSpec, ModelSpecError } from "../../src/models/spec.js";
import { createModuleModel } from "../../src/models/fromSpec.js";
import { normaliseBaseURL } from "../../src/models/openaiCompletions.js";
import { loadNodeLlamaCpp } from "../../src/models/llamaCpp.js";

describe("model specs", () => {
  it("parses every backend", () => {
    expect(parseModelSpec("completion:ai2lumos/lumos_maths_plan_iterative@http://127.0.0.1:8000/v1")).toEqual({
      kind: "completion",
      model: "ai2lumos/lumos_maths_plan_iterative",
      baseURL: "http://127.0.0.1:8000/v1",
    });
    expect(parseModelSpec("openai:gpt-4o-mini")).toEqual({ kind: "chat", provider: "openai", model: "gpt-4o-mini" });
    expect(parseModelSpec("ollama:llama3.1:8b")).toEqual({ kind: "chat", provider: "ollama", model: "llama3.1:8b" });
    expect(parseModelSpec("anthropic:claude-3-5-haiku-latest")).toMatchObject({ provider: "anthropic" });
    expect(parseModelSpec("llamacpp:./models/lumos.gguf")).toEqual({ kind: "llamacpp", modelPath: "./models/lumos.gguf" });
  });

  it("explains malformed specs", () => {
    expect(() => parseModelSpec("gpt4")).toThrow(ModelSpecError);
    expect(() => parseModelSpec("completion:model")).toThrow(/completion:<model>@<http/);
    expect(() => parseModelSpec("completion:model@http://")).toThrow(/is not a URL/);
    expect(() => parseModelSpec("mystery:model")).toThrow(/unknown model provider "mystery"/);
    expect(() => parseModelSpec("openai:")).toThrow(/nothing after "openai:"/);
  });

  it("adds /v1 to a base URL that lacks it", () => {
    expect(normaliseBaseURL("http://127.0.0.1:8000")).toBe("http://127.0.0.1:8000/v1");
    expect(normaliseBaseURL("http://127.0.0.1:8000/v1/")).toBe("http://127.0.0.1:8000/v1");
  });

  it("names the missing API key instead of failing later", async () => {
    await expect(createModuleModel("openai:gpt-4o-mini", { env: {} })).rejects.toThrow("openai: models need OPENAI_API_KEY in the environment");
    await expect(createModuleModel("anthropic:claude", { env: {} })).rejects.toThrow(/ANTHROPIC_API_KEY/);
  });

  it("builds chat modules when keys are present", async () => {
    const module = await createModuleModel("openai:gpt-4o-mini", { env: { OPENAI_API_KEY: "sk-test" } });
    expect(module.description).toBe("openai:gpt-4o-mini");
  });

  it("says how to install node-llama-cpp when it is missing", async () => {
    let installed = true;
    try {
      await loadNodeLlamaCpp();
    } catch (error) {
      installed = false;
      expect((error as Error).message).toMatch(/npm install node-llama-cpp/);
    }
    expect(installed).toBe(false);
  });
});
