/** `lumos export`: verified annotations as training JSONL for one module and formulation. */
import { exportTrainingData, ExportError } from "../annotation/export.js";
import { EXPORT_HELP } from "./help.js";
import type { CliIO } from "./io.js";
import { oneOf, parseCommandArgs } from "./options.js";
import { UsageError } from "./usageError.js";

export async function exportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    module: { type: "string" },
    formulation: { type: "string" },
    format: { type: "string" },
    unified: { type: "boolean" },
    annotations: { type: "string", multiple: true },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  const files = [...((values.annotations as unknown as string[] | undefined) ?? []), ...positionals];
  if (files.length === 0) throw new UsageError("missing --annotations FILE (annotations.jsonl written by lumos annotate)");
  const module = oneOf(values.module as string | undefined, "--module", ["plan", "ground"] as const, "plan");
  if (values.module === undefined) throw new UsageError("missing --module plan|ground");
  const formulation = oneOf(values.formulation as string | undefined, "--formulation", ["iterative", "onetime"] as const, "iterative");
  const format = oneOf(values.format as string | undefined, "--format", ["lumos", "openai-chat"] as const, "lumos");
  const out = typeof values.out === "string" ? values.out : `lumos_${module}_${formulation}${values.unified ? "_unified" : ""}.${format === "lumos" ? "jsonl" : "openai.jsonl"}`;
  try {
    const stats = await exportTrainingData({ annotations: files, module, formulation, format, unified: values.unified === true, out });
    io.stdout(`${JSON.stringify({ out, module, formulation, format, ...stats }, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(error.message);
    throw error;
  }
}
