/** `lumos merge`: the run folders of one evaluation's shards joined into the unsharded run's folder. */
import { MergeError, mergeRuns } from "../eval/merge.js";
import { MERGE_HELP } from "./help.js";
import type { CliIO } from "./io.js";
import { parseCommandArgs } from "./options.js";
import { requireDirectoryTarget } from "./outputDir.js";
import { UsageError } from "./usageError.js";

export async function mergeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(MERGE_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("missing RUN folders (the --out folders of lumos eval --shard 1/n ... n/n)");
  if (typeof values.out !== "string") throw new UsageError("missing --out DIR (where the merged run is written)");
  requireDirectoryTarget(values.out);
  try {
    const { summary, shards, paths } = await mergeRuns(positionals, values.out);
    io.stdout(`merged ${shards} shard(s) of ${summary.dataset}${summary.split ? ` ${summary.split}` : ""} (planner ${summary.planner}, grounder ${summary.grounder})\n`);
    for (const [name, value] of Object.entries(summary.metrics)) io.stdout(`  ${name.padEnd(16)} ${value.toFixed(2)}\n`);
    io.stdout(`  tasks ${summary.tasks}, answered ${summary.answered}, correct ${summary.correct}\n`);
    io.stdout(`wrote ${paths.predictions}, ${paths.summary}, ${paths.markdown}, ${paths.html}\n`);
    return 0;
  } catch (error) {
    // a refused merge names its folder, file or line; it is bad input, not a failure (no usage hint either)
    if (error instanceof MergeError) {
      io.stderr(`lumos merge: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
