/** `lumos annotate`: training annotations from a dataset's solutions, kept only when execution verifies them. */
import { lumosEnvironment } from "../config.js";
import { join } from "node:path";
import { annotateDataset } from "../annotation/annotate.js";
import { EvaluationSetupError } from "../eval/evaluate.js";
import { UnknownDatasetError } from "../eval/benchmarks.js";
import { createLanguageModel } from "../models/fromSpec.js";
import { resolveDataDir } from "./dataDir.js";
import { ANNOTATE_HELP } from "./help.js";
import type { CliIO } from "./io.js";
import { oneOf, parseCommandArgs, positiveInteger, requireModelSpec, stringFlag } from "./options.js";
import { UsageError } from "./usageError.js";
import { cleanUpOnFailure, requireDirectoryTarget } from "./outputDir.js";

export async function annotateCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    dataset: { type: "string" },
    split: { type: "string" },
    teacher: { type: "string" },
    limit: { type: "string" },
    concurrency: { type: "string" },
    out: { type: "string" },
    resume: { type: "boolean" },
    "data-dir": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const text = (name: string) => stringFlag(values, name);
  if (values.help) {
    io.stdout(ANNOTATE_HELP);
    return 0;
  }
  const dataset = text("dataset");
  if (!dataset) throw new UsageError("missing --dataset (gsm8k or svamp)");
  if (values.resume && !text("out")) throw new UsageError("--resume needs --out DIR (the directory of the run to continue)");
  const teacherSpec = text("teacher") === undefined ? undefined : requireModelSpec(text("teacher"), "--teacher");
  const split = text("split") === undefined ? undefined : oneOf(text("split"), "--split", ["train", "test"] as const, "train");
  const limit = text("limit") === undefined ? undefined : positiveInteger(text("limit"), "--limit", 1);
  const concurrency = positiveInteger(text("concurrency"), "--concurrency", 4);
  const outDir = text("out") ?? join("runs", `annotate-${dataset}-${teacherSpec ? "teacher" : "rule"}-${new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "")}`);
  requireDirectoryTarget(outDir);
  try {
    const teacher = teacherSpec ? await createLanguageModel(teacherSpec, { maxTokens: 2048 }) : undefined;
    // a folder this run created is removed again if the run fails before writing an annotation
    const { summary, path } = await cleanUpOnFailure(outDir, () => annotateDataset({
      dataset,
      dataDir: resolveDataDir(text("data-dir")),
      split,
      teacher,
      limit,
      concurrency,
      outDir,
      resume: values.resume === true,
      progress: { write: io.stderr, isTTY: Boolean(process.stderr.isTTY) && !lumosEnvironment().ci },
    }));
    io.stdout(`${summary.dataset} (${summary.split}, ${summary.method}): ${summary.kept} of ${summary.total} annotations verified and kept, ${summary.rejected} rejected\n`);
    for (const [reason, n] of Object.entries(summary.rejections)) io.stdout(`  rejected: ${reason}: ${n}\n`);
    io.stdout(`wrote ${path}, ${join(outDir, "summary.json")}, ${join(outDir, "rejections.md")}\n`);
    return 0;
  } catch (error) {
    if (error instanceof EvaluationSetupError || error instanceof UnknownDatasetError) throw new UsageError(error.message);
    throw error;
  }
}
