/** `lumos train-config`: configuration and command for an existing trainer with the paper's recipe. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PAPER_RECIPE, trainConfig } from "../annotation/trainConfig.js";
import { TRAIN_CONFIG_HELP } from "./help.js";
import type { CliIO } from "./io.js";
import { oneOf, parseCommandArgs, positiveInteger, stringFlag } from "./options.js";
import { UsageError } from "./usageError.js";
import { z } from "zod";
import { DatasetFormatError, readJsonlRows } from "../datasets/format.js";
import { cleanUpOnFailure, requireDirectoryTarget } from "./outputDir.js";

/** A training line as lumos export writes it (either format): a conversation of role/content turns. */
const TrainingLineSchema = z.object({ messages: z.array(z.object({ role: z.string(), content: z.string() })).min(1) });

/** Checks the training file before any configuration points at it: missing, empty or malformed is an input error. */
async function checkTrainingData(path: string): Promise<number> {
  try {
    return (await readJsonlRows(path, TrainingLineSchema)).length;
  } catch (error) {
    if (error instanceof DatasetFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new UsageError(`cannot read --data ${path}: ${why} (a training JSONL written by lumos export)`);
  }
}

export async function trainConfigCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    trainer: { type: "string" },
    data: { type: "string" },
    model: { type: "string" },
    gpus: { type: "string" },
    out: { type: "string" },
    "output-dir": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  const text = (name: string) => stringFlag(values, name);
  if (values.help) {
    io.stdout(TRAIN_CONFIG_HELP);
    return 0;
  }
  if (!text("trainer")) throw new UsageError("missing --trainer open-instruct|trl|axolotl");
  const trainer = oneOf(text("trainer"), "--trainer", ["open-instruct", "trl", "axolotl"] as const, "open-instruct");
  const data = text("data");
  if (!data) throw new UsageError("missing --data FILE (a training JSONL written by lumos export)");
  const out = text("out") ?? `train-${trainer}`;
  requireDirectoryTarget(out);
  let config;
  try {
    config = trainConfig(trainer, {
      ...PAPER_RECIPE,
      model: text("model") ?? PAPER_RECIPE.model,
      gpus: positiveInteger(text("gpus"), "--gpus", PAPER_RECIPE.gpus),
      data,
      output: text("output-dir") ?? "output/lumos",
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  await checkTrainingData(data);
  const files = config.files;
  await cleanUpOnFailure(out, async () => {
    await mkdir(out, { recursive: true });
    for (const [name, content] of Object.entries(files)) await writeFile(join(out, name), content);
  });
  io.stdout(`wrote ${Object.keys(config.files).map((f) => join(out, f)).join(", ")}\nrun (in ${out}): ${config.command}\n`);
  return 0;
}
