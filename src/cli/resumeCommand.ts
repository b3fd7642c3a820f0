/** `lumos resume`: continues a run paused for review, in this or any later process. */
import { Command } from "@langchain/langgraph";
import type { ReviewDecision } from "../graph/review.js";
import type { CliIO } from "./io.js";
import { RESUME_HELP } from "./help.js";
import { parseCommandArgs } from "./options.js";
import { reviewLoop } from "./runCommand.js";
import { buildRunGraph } from "./runGraph.js";
import { DEFAULT_THREADS_DB, openThreads } from "./threads.js";
import { UsageError } from "./usageError.js";

export async function resumeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: "string" },
    thread: { type: "string" },
    approve: { type: "boolean" },
    edit: { type: "string" },
    reject: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(RESUME_HELP);
    return 0;
  }
  if (typeof values.thread !== "string") throw new UsageError("missing --thread ID (printed by lumos run --review)");
  const chosen = [values.approve === true, values.edit !== undefined, values.reject !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError("give exactly one decision: --approve, --edit LINE or --reject REASON");
  const decision: ReviewDecision =
    values.approve === true
      ? { action: "approve" }
      : typeof values.edit === "string"
        ? { action: "edit", line: values.edit }
        : { action: "reject", ...(values.reject ? { reason: String(values.reject) } : {}) };
  const dbPath = typeof values.db === "string" ? values.db : DEFAULT_THREADS_DB;
  const threads = openThreads(dbPath, { mustExist: true });
  try {
    const record = threads.load(values.thread);
    threads.lock(values.thread);
    const graph = await buildRunGraph(record.flags, { review: true, checkpointer: threads.checkpointer });
    const config = { configurable: { thread_id: values.thread } };
    const snapshot = await graph.getState(config);
    if (!snapshot.tasks.some((t) => t.interrupts.length > 0)) throw new UsageError(`thread ${values.thread} is not waiting for a review`);
    return await reviewLoop(graph, new Command({ resume: decision }), values.thread, dbPath, io, values.json === true);
  } finally {
    threads.close();
  }
}
