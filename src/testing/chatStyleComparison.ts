/**
 * Chat styles measured against each other in one run: the same benchmark tasks, the same decisions (gold
 * programs), the same seeded drift, answered by a loopback chat server once as text (the in-context style)
 * and once as tool calls (the structured style), both through the real `openai:` client; the oracle's text
 * without drift is the ceiling. Used by the structured-output bench and its test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Formulation } from "../core/records.js";
import { createDomainKit } from "../domains/kit.js";
import { resolveDomain } from "../domains/resolve.js";
import { getDataset } from "../eval/benchmarks.js";
import { evaluateDataset } from "../eval/evaluate.js";
import type { EvalRecord } from "../eval/record.js";
import type { ChatStyle } from "../core/chatStyle.js";
import { createLanguageModel, createModuleModel } from "../models/fromSpec.js";
import { actionVocabulary } from "../structured/vocabulary.js";
import { startDriftingChatServer, type DriftOptions } from "./driftingChatServer.js";
import type { ScriptedReply, ScriptedRequest } from "./scriptedServer.js";

/** Errors that mean a module's reply could not be read as the protocol. */
export const FORMAT_ERROR_KINDS = ["malformed_plan", "malformed_action", "empty_output"] as const;

export interface StyleMeasurement {
  style: ChatStyle | "oracle";
  tasks: number;
  correct: number;
  /** The dataset's headline metric, percent. */
  accuracy: number;
  /** Planner and grounder requests sent. */
  replies: number;
  formatErrors: number;
  /** Tasks that recorded a format error (under the default policy it ends them). */
  tasksWithFormatErrors: number;
  /** Mean size of a planner or grounder request body, bytes (what a provider bills as input, before tokenizing). */
  meanRequestBytes: number;
  /** Of that, the tool definition a structured request carries. */
  meanToolBytes: number;
  wallMs: number;
}

export interface ComparisonOptions {
  dataset: string;
  dataDir: string;
  formulation: Formulation;
  limit?: number;
  /** Share of replies that drift (default 0.2). */
  rate?: number;
  seed?: number;
  concurrency?: number;
  /** Answers the QA tool's model (complex QA), which the comparison reaches as `openai:qa`. */
  qa?: (request: ScriptedRequest) => ScriptedReply;
}

const isFormatError = (kind: string) => (FORMAT_ERROR_KINDS as readonly string[]).includes(kind);

function measure(style: StyleMeasurement["style"], records: EvalRecord[], accuracy: number, requests: ScriptedRequest[], wallMs: number): StyleMeasurement {
  const modules = requests.filter((r) => r.body.model === "plan" || r.body.model === "ground");
  const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));
  const mean = (values: number[]) => (values.length === 0 ? 0 : Math.round(values.reduce((a, b) => a + b, 0) / values.length));
  const formatErrors = records.flatMap((r) => r.errors).filter((e) => isFormatError(e.kind)).length;
  return {
    style,
    tasks: records.length,
    correct: records.filter((r) => r.correct).length,
    accuracy,
    replies: modules.length,
    formatErrors,
    tasksWithFormatErrors: records.filter((r) => r.errors.some((e) => isFormatError(e.kind))).length,
    meanRequestBytes: mean(modules.map((r) => bytes(r.body))),
    meanToolBytes: mean(modules.map((r) => bytes(r.body.tools))),
    wallMs,
  };
}

/** Runs the oracle (no drift), then the in-context and structured styles against the drifting server. */
export async function compareChatStyles(options: ComparisonOptions): Promise<StyleMeasurement[]> {
  const spec = getDataset(options.dataset);
  const items = await spec.load(options.dataDir);
  const programs = [...spec.goldPrograms!(options.limit ? items.slice(0, options.limit) : items, options.dataDir)];
  // the server reads the vocabulary per request: the domain (whose QA model needs the server's URL) comes later
  const drift: DriftOptions = { rate: options.rate ?? 0.2, seed: options.seed, formulation: options.formulation, vocabulary: { forms: [] }, other: options.qa };
  const server = await startDriftingChatServer(programs, drift);
  // every `openai:` model of the comparison talks to the loopback server, whatever the process environment says
  const env = { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: "sk-loopback" };
  try {
    const kit = { ...createDomainKit(options.dataDir), languageModel: (model: string, settings: { maxTokens?: number } = {}) => createLanguageModel(model, { ...settings, env }) };
    const domainOptions = { ...spec.defaultDomainOptions?.(options.dataDir), ...(options.qa ? { qaModel: "openai:qa" } : {}) };
    const domain = await resolveDomain(spec.domain, domainOptions, kit);
    drift.vocabulary = actionVocabulary(domain);
    const common = { dataset: options.dataset, dataDir: options.dataDir, formulation: options.formulation, limit: options.limit, concurrency: options.concurrency ?? 8, domain, maxRounds: 40 };
    const results: StyleMeasurement[] = [];
    for (const style of ["oracle", "in-context", "structured"] as const) {
      const from = server.requests.length;
      const started = performance.now();
      const outDir = mkdtempSync(join(tmpdir(), `lumos-styles-${style}-`));
      const models =
        style === "oracle"
          ? { planner: "oracle", grounder: "oracle" }
          : { planner: await createModuleModel("openai:plan", { chatStyle: style, env }), grounder: await createModuleModel("openai:ground", { chatStyle: style, env }) };
      const records: EvalRecord[] = [];
      const run = await evaluateDataset({ ...common, ...models, outDir })
        .then(async (result) => {
          for await (const record of result.records()) records.push(record);
          return result;
        })
        .finally(() => rmSync(outDir, { recursive: true, force: true }));
      const headline = spec.metric.names[0];
      results.push(measure(style, records, run.summary.metrics[headline] ?? 0, server.requests.slice(from), Math.round(performance.now() - started)));
    }
    return results;
  } finally {
    await server.close();
  }
}
