/**
 * The multimodal domain against a loopback OpenAI-compatible server that plays the planner and grounder
 * (/v1/completions) and a vision model (/v1/chat/completions): every VQA call carries the task's image as an
 * image content part, in both formulations, and the protocol turns stay Lumos's. A missing, corrupt or huge
 * image and an unreachable vision server each end as a recorded result.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLumosGraph, openEnvironmentCount } from "../../src/index.js";
import { createModuleModel } from "../../src/models/fromSpec.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";
import { loadAokvqa, type AokvqaRow } from "../../src/datasets/aokvqa.js";
import type { DatasetItem } from "../../src/datasets/types.js";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

const dir = mkdtempSync(join(tmpdir(), "lumos-vision-"));
let server: ScriptedServer;
let png: Buffer;
const savedEnv = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };

interface ImagePart {
  type: string;
  text?: string;
  image_url?: { url: string };
}

let aokvqaItems: DatasetItem<AokvqaRow>[];

beforeAll(async () => {
  aokvqaItems = await loadAokvqa(FIXTURES_DIR);
  png = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#11aa33" } }).png().toBuffer();
  writeFileSync(join(dir, "dog.png"), png);
  writeFileSync(join(dir, "huge.png"), await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#777777" } }).png().toBuffer());
  writeFileSync(join(dir, "broken.png"), Buffer.from("\x89PNG\r\n\x1a\n then nothing that decodes"));
  server = await startScriptedServer(({ path, body }) => {
    if (path.endsWith("/chat/completions")) {
      // "aokvqa-vision" answers A-OKVQA questions: the gold choice for even fixture items, a miss for odd ones
      if (body.model === "aokvqa-vision") {
        const question = JSON.stringify(body.messages);
        const index = aokvqaItems.findIndex((item) => question.includes(JSON.stringify(item.source.question).slice(1, -1)));
        return index % 2 === 0 ? aokvqaItems[index].gold : "no idea";
      }
      return "sleeping";
    }
    // Ollama's chat API (one NDJSON line) and Anthropic's Messages API, for the other vision backends
    if (path === "/api/chat") return { raw: `${JSON.stringify({ model: body.model, created_at: "2026-01-01T00:00:00Z", message: { role: "assistant", content: "napping" }, done: true, done_reason: "stop" })}\n` };
    if (path === "/v1/messages") {
      return { json: { id: "msg_1", type: "message", role: "assistant", model: body.model, content: [{ type: "text", text: "resting" }], stop_reason: "end_turn", stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } };
    }
    const prompt = String(body.prompt);
    const [module, formulation] = String(body.model).split("|");
    if (module === "ground-aokvqa") return `R1 = VQA([IMG], Question: ${/Task: ([^\n]*)\n/.exec(prompt.slice(prompt.lastIndexOf("Task: ")))?.[1]})`;
    if (module === "ground") return "R1 = VQA([IMG], Question: What is the animal doing?)";
    if (formulation === "onetime") return "Subgoal 1: Find what the animal is doing.";
    return turnIndex(prompt) === 0 ? "Subgoal 1: Find what the animal is doing." : "Yes, I will stop planning.";
  });
  process.env.OPENAI_BASE_URL = server.url;
  process.env.OPENAI_API_KEY = "sk-loopback";
});

afterAll(async () => {
  await server.close();
  process.env.OPENAI_BASE_URL = savedEnv.base;
  process.env.OPENAI_API_KEY = savedEnv.key;
  if (savedEnv.base === undefined) delete process.env.OPENAI_BASE_URL;
  if (savedEnv.key === undefined) delete process.env.OPENAI_API_KEY;
});

afterEach(() => expect(openEnvironmentCount()).toBe(0));

async function graphFor(formulation: "iterative" | "onetime", options: Record<string, unknown> = {}, timeoutMs?: number) {
  return createLumosGraph({
    planner: await createModuleModel(`completion:plan|${formulation}@${server.url}`),
    grounder: await createModuleModel(`completion:ground|${formulation}@${server.url}`),
    domain: "multimodal",
    formulation,
    domainOptions: { vqaModel: "openai:llava", imagesDir: dir, ...options },
    ...(timeoutMs ? { actionLimits: { timeoutMs } } : {}),
  });
}

const chatRequests = () => server.requests.filter((r) => r.path.endsWith("/chat/completions"));

describe("VQA with a vision model over HTTP", () => {
  it.each(["iterative", "onetime"] as const)("sends the task's image as an image content part (%s)", async (formulation) => {
    const before = chatRequests().length;
    const graph = await graphFor(formulation);
    const out = await graph.invoke({ task: "What is the dog doing?", environment: { image: "dog.png", caption: "A dog on a sofa." } });
    expect(out.answer).toBe("sleeping");
    expect(out.actions[0].logged).toBe("R1 = VQA([IMG], Question: What is the animal doing?) = Question: What is the animal doing?; Answer: sleeping");
    const calls = chatRequests().slice(before);
    expect(calls).toHaveLength(1);
    const content = (calls[0].body.messages as { content: ImagePart[] }[])[0].content;
    expect(content[0]).toEqual({ type: "text", text: "What is the animal doing?\nAnswer the question using a single word or phrase." });
    expect(content[1]).toEqual({ type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } });
    // the planner's first turn describes the image in the protocol's slot
    const planPrompt = String(server.requests.find((r) => String(r.body.model).startsWith("plan") && String(r.body.prompt).includes("What is the dog doing?"))?.body.prompt);
    expect(planPrompt).toContain("Task: What is the dog doing?; Initial Environment Description: An image. Caption: A dog on a sofa.\n<|assistant|>\n");
  });

  it("sends the image in each provider's own form to Ollama (llava) and Anthropic", async () => {
    process.env.OLLAMA_BASE_URL = server.url.replace(/\/v1$/, "");
    process.env.ANTHROPIC_BASE_URL = server.url.replace(/\/v1$/, "");
    process.env.ANTHROPIC_API_KEY = "sk-ant-loopback";
    try {
      const ollama = await (await graphFor("iterative", { vqaModel: "ollama:llava" })).invoke({ task: "What is the dog doing?", environment: { image: "dog.png" } });
      expect(ollama.answer).toBe("napping");
      const ollamaCall = server.requests.filter((r) => r.path === "/api/chat").at(-1);
      // LangChain's Ollama adapter sends the text and the image as two user messages of the one turn
      const ollamaMessages = ollamaCall?.body.messages as { role: string; content: string; images?: string[] }[];
      expect(ollamaMessages).toEqual([
        { role: "user", content: "What is the animal doing?\nAnswer the question using a single word or phrase." },
        { role: "user", content: "", images: [png.toString("base64")] },
      ]);

      const anthropic = await (await graphFor("iterative", { vqaModel: "anthropic:claude-vision" })).invoke({ task: "What is the dog doing?", environment: { image: "dog.png" } });
      expect(anthropic.answer).toBe("resting");
      const anthropicCall = server.requests.filter((r) => r.path === "/v1/messages").at(-1);
      const blocks = (anthropicCall?.body.messages as { content: Record<string, unknown>[] }[])[0].content;
      expect(blocks).toContainEqual({ type: "image", source: { type: "base64", media_type: "image/png", data: png.toString("base64") } });
    } finally {
      delete process.env.OLLAMA_BASE_URL;
      delete process.env.ANTHROPIC_BASE_URL;
      delete process.env.ANTHROPIC_API_KEY;
    }
  });

  it("lumos eval --dataset aokvqa sends every task's COCO image and scores the answers as option texts", async () => {
    const items = aokvqaItems;
    const images = mkdtempSync(join(tmpdir(), "lumos-coco-"));
    for (const item of items) {
      const path = join(images, (item.environment as { image: string }).image);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, png);
    }
    const out = join(mkdtempSync(join(tmpdir(), "lumos-aokvqa-")), "run");
    const before = chatRequests().length;
    const r = await runCli([
      "eval", "--dataset", "aokvqa", "--data-dir", FIXTURES_DIR, "--images-dir", images, "--vqa-model", "openai:aokvqa-vision",
      "--planner", `completion:plan|iterative@${server.url}`, "--grounder", `completion:ground-aokvqa|iterative@${server.url}`, "--out", out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const calls = chatRequests().slice(before);
    expect(calls).toHaveLength(items.length);
    for (const call of calls) {
      const content = (call.body.messages as { content: ImagePart[] }[])[0].content;
      expect(content[1]).toEqual({ type: "image_url", image_url: { url: `data:image/png;base64,${png.toString("base64")}` } });
    }
    // even items were answered with the gold choice, given as the option's text; odd ones with no option
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.tasks).toBe(items.length);
    const records = readFileSync(join(out, "predictions.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    const predictions = new Map(records.map((record) => [record.id, record.prediction]));
    expect(items.map((item) => predictions.get(item.id))).toEqual(items.map((item, i) => (i % 2 === 0 ? item.gold : "no idea")));
    const scored = items.filter((item) => !item.source.difficult_direct_answer);
    const da = scored.map((item) => (items.indexOf(item) % 2 === 0 ? Math.min(1, item.source.direct_answers.filter((a) => a === item.gold).length / 3) : 0));
    expect(summary.metrics.mcAccuracy).toBe(50);
    expect(summary.metrics.mcAccuracyStrict).toBe(50);
    expect(summary.metrics.daAccuracy).toBe(Math.round((da.reduce((a, b) => a + b, 0) / da.length) * 10000) / 100);
    expect(summary.stopReasons).toEqual({ planner_stop: items.length });
  });

  it("scales a huge image down before sending it", async () => {
    const before = chatRequests().length;
    const out = await (await graphFor("iterative", { maxImageSide: 256 })).invoke({ task: "What is in the picture?", environment: { image: "huge.png" } });
    expect(out.answer).toBe("sleeping");
    const content = (chatRequests()[before].body.messages as { content: ImagePart[] }[])[0].content;
    const sent = Buffer.from(String(content[1].image_url?.url).split(",")[1], "base64");
    const meta = await sharp(sent).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 256, 192]);
  });

  it("records a missing or corrupt image as an environment error, never a crash", async () => {
    const graph = await graphFor("iterative");
    const missing = await graph.invoke({ task: "What is it?", environment: { image: "nowhere.png" } });
    expect(missing.stopReason).toBe("environment_error");
    expect(missing.errors[0].message).toMatch(/nowhere.png cannot be read: no such file/);
    const broken = await graph.invoke({ task: "What is it?", environment: { image: "broken.png" } });
    expect(broken.stopReason).toBe("environment_error");
    expect(broken.errors[0].message).toMatch(/broken.png is not a readable image/);
    const none = await graph.invoke({ task: "What is it?", environment: { caption: "only words" } });
    const noImageAtAll = await graph.invoke({ task: "What is it?" });
    expect(noImageAtAll.stopReason).toBe("action_error");
    expect(noImageAtAll.errors[0].message).toMatch(/this task has no image/);
    expect(none.stopReason).toBe("environment_error");
    expect(none.errors[0].message).toMatch(/needs the task's image/);
  });

  it("records an unreachable vision server as a failed action", async () => {
    process.env.OPENAI_BASE_URL = "http://127.0.0.1:1/v1";
    try {
      const out = await (await graphFor("iterative", {}, 3_000)).invoke({ task: "What is it?", environment: { image: "dog.png" } });
      expect(out.stopReason).toBe("action_error");
      expect(out.errors[0].module).toBe("executor");
      expect(["tool_error", "tool_timeout"]).toContain(out.errors[0].kind);
    } finally {
      process.env.OPENAI_BASE_URL = server.url;
    }
  });
});
