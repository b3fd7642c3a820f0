/**
 * The annotation graph for LangGraph Studio and apps: convert a GSM8K solution into subgoals and actions
 * (rule-based, or with a teacher model from $LUMOS_TEACHER), then keep it only if execution reaches the gold
 * answer. Input: { id, question, gold, source: <the dataset row> }.
 */
import { createAnnotationGraph } from "../src/annotation/graph.js";
import { getDataset } from "../src/datasets/registry.js";
import { getDomain } from "../src/domains/registry.js";
import { createLanguageModel } from "../src/models/fromSpec.js";

const teacherSpec = process.env.LUMOS_TEACHER;

export const graph = createAnnotationGraph({
  dataset: getDataset("gsm8k"),
  domain: getDomain("maths"),
  teacher: teacherSpec ? await createLanguageModel(teacherSpec, { maxTokens: 2048 }) : undefined,
});
