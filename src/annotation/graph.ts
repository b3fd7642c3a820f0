/**
 * The annotation pipeline as a LangGraph graph: `convert` (a teacher model rewrites the dataset's own
 * solution as subgoals and actions, or a rule converts it) → `verify` (execution must reach the gold
 * answer). Rejections end the run with their reason; nothing is dropped silently.
 */
import type { BaseLanguageModelInterface } from "@langchain/core/language_models/base";
import { END, START, StateGraph, StateSchema, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { z } from "zod";
import { defaultDataDir } from "../config.js";
import type { DatasetSpec } from "../eval/benchmarks.js";
import type { DatasetItem } from "../datasets/types.js";
import type { LumosDomain } from "../domains/types.js";
import { isTransientError } from "../models/transientError.js";
import { textOf } from "../models/text.js";
import { turnSchema } from "../core/records.js";
import { errorMessage } from "../errors/message.js";
import { parseTeacherPlan } from "./parseTeacher.js";
import { gsm8kNaturalPlan, mathsTeacherPrompt } from "./teacherPrompt.js";
import { verifyProgram } from "./verify.js";

const stepSchema = z.object({ subgoal: z.string(), actions: z.array(z.string()) });
const conversationsSchema = z.object({ plan: z.array(turnSchema), ground: z.array(turnSchema) });

export const AnnotationState = new StateSchema({
  /** Dataset item id. */
  id: z.string(),
  question: z.string(),
  gold: z.string(),
  /** The dataset's own row (the rule converters read it). */
  source: z.unknown(),
  /** "teacher" or "rule". */
  method: z.enum(["teacher", "rule"]).default("rule"),
  /** The teacher's raw reply. */
  teacherOutput: z.string().nullable().default(null),
  /** The subgoals and actions. */
  steps: z.array(stepSchema).nullable().default(null),
  status: z.enum(["pending", "kept", "rejected"]).default("pending"),
  /** Why an annotation was rejected. */
  reason: z.string().nullable().default(null),
  /** A rejection that may pass on retry (the teacher's server failed transiently). */
  retryable: z.boolean().default(false),
  answers: z.record(z.string(), z.string().nullable()).default(() => ({})),
  /** Verified conversations per formulation: the training data. */
  conversations: z.record(z.string(), conversationsSchema).default(() => ({})),
});

export type AnnotationStateValue = typeof AnnotationState.State;

export interface AnnotationGraphOptions {
  dataset: DatasetSpec;
  domain: LumosDomain;
  /** Teacher model; without it the dataset's rule converter is used. */
  teacher?: BaseLanguageModelInterface;
  /** Where a rule converter reads extra dataset files (default $LUMOS_DATA_DIR, else ./data). */
  dataDir?: string;
}

/** The natural-language solution a teacher converts (maths datasets have one). */
function solutionOf(item: { source: unknown }): string | undefined {
  const source = item.source as { answer?: unknown } | null;
  return typeof source?.answer === "string" ? gsm8kNaturalPlan(source.answer) : undefined;
}

export function createAnnotationGraph(options: AnnotationGraphOptions) {
  const { dataset, domain, teacher } = options;

  async function convert(state: AnnotationStateValue, config: LangGraphRunnableConfig) {
    const item = { id: state.id, question: state.question, gold: state.gold, source: state.source } as DatasetItem;
    if (!teacher) {
      if (!dataset.goldPrograms) return { method: "rule" as const, status: "rejected" as const, reason: `no rule converter for ${dataset.title}` };
      const [program] = dataset.goldPrograms([item], options.dataDir ?? defaultDataDir());
      if (!program) return { method: "rule" as const, status: "rejected" as const, reason: `the ${dataset.title} rule derives no program for this item` };
      return { method: "rule" as const, steps: program.steps };
    }
    const solution = solutionOf(item);
    if (!solution) return { method: "teacher" as const, status: "rejected" as const, reason: `${dataset.title} rows carry no natural-language solution to convert` };
    let reply: string;
    try {
      reply = textOf(await teacher.invoke(mathsTeacherPrompt(state.question, solution), { signal: config.signal }));
    } catch (error) {
      return { method: "teacher" as const, status: "rejected" as const, reason: `teacher failed: ${errorMessage(error)}`, retryable: isTransientError(error) };
    }
    const parsed = parseTeacherPlan(reply);
    if (!parsed.ok) return { method: "teacher" as const, teacherOutput: reply, status: "rejected" as const, reason: `unusable teacher output: ${parsed.reason}` };
    return { method: "teacher" as const, teacherOutput: reply, steps: parsed.steps };
  }

  async function verify(state: AnnotationStateValue, config: LangGraphRunnableConfig) {
    const program = { id: state.id, task: state.question, gold: state.gold, steps: state.steps ?? [] };
    const result = await verifyProgram(program, domain, dataset.metric, config.signal);
    return {
      status: result.ok ? ("kept" as const) : ("rejected" as const),
      reason: result.reason === null ? null : `execution does not reach the gold answer: ${result.reason}`,
      answers: result.answers,
      conversations: result.conversations,
    };
  }

  return new StateGraph(AnnotationState)
    .addNode("convert", convert)
    .addNode("verify", verify)
    .addEdge(START, "convert")
    .addConditionalEdges("convert", (s: AnnotationStateValue) => (s.status === "rejected" ? END : "verify"), ["verify", END])
    .addEdge("verify", END)
    .compile({ name: "lumos-annotate" });
}
