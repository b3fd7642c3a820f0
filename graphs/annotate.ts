/**
 * The annotation graph for LangGraph Studio and apps: convert a GSM8K solution into subgoals and actions
 * (rule-based, or with a teacher model from $LUMOS_TEACHER), then keep it only if execution reaches the gold
 * answer. Input: { id, question, gold, source: <the dataset row> }.
 */
import { createAnnotationGraph } from "../src/annotation/graph.js";
import { getDataset } from "../src/eval/benchmarks.js";
import { defaultDataDir, lumosEnvironment } from "../src/config.js";
import { mathsDomain } from "../src/domains/maths/index.js";
import { createDomainKit } from "../src/domains/kit.js";
import { createLanguageModel } from "../src/models/fromSpec.js";

const environment = lumosEnvironment();
const teacherSpec = environment.teacher;
const kit = createDomainKit(defaultDataDir(undefined, environment));

export const graph = createAnnotationGraph({
  dataset: getDataset("gsm8k"),
  domain: await mathsDomain.create({}, kit),
  teacher: teacherSpec ? await createLanguageModel(teacherSpec, { maxTokens: 2048 }) : undefined,
});
