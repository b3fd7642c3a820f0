/**
 * `lumos run`: one task through the graph, streamed as it happens or printed as one JSON object. With
 * `--review` the run pauses before each batch of actions: on a terminal it asks, otherwise it keeps the
 * paused thread in SQLite and says how to `lumos resume` it.
 */
import { randomUUID } from "node:crypto";
import type { ReviewDecision, ReviewRequest } from "../graph/review.js";
import type { CliIO } from "./io.js";
import { RUN_HELP } from "./help.js";
import { parseCommandArgs } from "./options.js";
import { askReviewDecision, describeReview } from "./reviewPrompt.js";
import { buildRunGraph, GRAPH_FLAGS, printOutcome, streamRun, type GraphFlags, type RunGraph } from "./runGraph.js";
import { DEFAULT_THREADS_DB, openThreads, shellQuote } from "./threads.js";
import { UsageError } from "./usageError.js";
import { Command } from "@langchain/langgraph";
import type { Writable } from "node:stream";

export type { CliIO };

const SESSION_FLAGS = new Set(["json", "help", "review", "db", "thread", "task-id", "environment"]);

/** `--environment`: a JSON value (`{"db": "world_1"}`), else the text itself (`world_1`). */
function environmentFlag(text: string | undefined): { environment?: unknown } {
  if (text === undefined) return {};
  try {
    return { environment: JSON.parse(text) as unknown };
  } catch {
    return { environment: text };
  }
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    ...GRAPH_FLAGS,
    review: { type: "boolean" },
    db: { type: "string" },
    thread: { type: "string" },
    "task-id": { type: "string" },
    environment: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(RUN_HELP);
    return 0;
  }
  const task = positionals.join(" ").trim();
  if (task === "") throw new UsageError('missing the task text: lumos run [options] "task text"');
  const flags: GraphFlags = Object.fromEntries(Object.entries(values).filter(([k]) => !SESSION_FLAGS.has(k)));
  const json = values.json === true;
  const input = { task, ...(typeof values["task-id"] === "string" ? { id: values["task-id"] } : {}), ...environmentFlag(values.environment as string | undefined) };
  if (!values.review) {
    if (values.db || values.thread) throw new UsageError("--db and --thread go with --review");
    const graph = await buildRunGraph(flags);
    return printOutcome(await streamRun(graph, input, {}, io, json), io, json);
  }
  const dbPath = typeof values.db === "string" ? values.db : DEFAULT_THREADS_DB;
  const threadId = typeof values.thread === "string" ? values.thread : randomUUID();
  const threads = openThreads(dbPath);
  try {
    const graph = await buildRunGraph(flags, { review: true, checkpointer: threads.checkpointer });
    threads.save(threadId, { task, flags, ...(input.id === undefined ? {} : { id: input.id }) });
    // the terminal loop acts on the thread too: no lumos resume may act on it meanwhile
    threads.lock(threadId);
    if (!json) io.stdout(`thread ${threadId} (${dbPath})\n`);
    return await reviewLoop(graph, input, threadId, dbPath, io, json);
  } finally {
    threads.close();
  }
}

/**
 * Runs until the graph finishes or pauses for review; on a terminal asks and resumes, otherwise leaves the
 * thread paused and prints how to resume it.
 */
export async function reviewLoop(graph: RunGraph, input: unknown, threadId: string, dbPath: string, io: CliIO, json: boolean): Promise<number> {
  const config = { configurable: { thread_id: threadId } };
  let next: unknown = input;
  for (;;) {
    const state = await streamRun(graph, next, config, io, json);
    const snapshot = await graph.getState(config);
    const pending = snapshot.tasks.flatMap((t) => t.interrupts).map((i) => i.value as ReviewRequest)[0];
    if (!pending) return printOutcome(state, io, json);
    if (io.stdin?.isTTY) {
      const decision: ReviewDecision = await askReviewDecision(pending, io.stdin, { write: (t: string) => (io.stdout(t), true) } as unknown as Writable);
      next = new Command({ resume: decision });
      continue;
    }
    if (json) {
      io.stdout(`${JSON.stringify({ paused: true, thread: threadId, db: dbPath, review: pending }, null, 2)}\n`);
    } else {
      io.stdout(
        `Paused for review.\n${describeReview(pending)}Resume with: lumos resume --db ${shellQuote(dbPath)} --thread ${shellQuote(threadId)} --approve\n` +
          `  (or --edit "R1 = ..." to run another line, or --reject "reason")\n`,
      );
    }
    return 0;
  }
}
