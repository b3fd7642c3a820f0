/**
 * Paused runs of `lumos run --review` live in a SQLite file: LangGraph's checkpoints (SqliteSaver) and, in a
 * table of ours, the task and flags each thread was started with, so `lumos resume` in a new process
 * rebuilds the same graph.
 */
import Database from "better-sqlite3";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { UsageError } from "./usageError.js";
import type { GraphFlags } from "./runGraph.js";

export const DEFAULT_THREADS_DB = "lumos-threads.sqlite";

export interface ThreadRecord {
  task: string;
  flags: GraphFlags;
}

export function openThreads(path: string) {
  const db = new Database(path);
  db.exec("CREATE TABLE IF NOT EXISTS lumos_cli_threads (thread_id TEXT PRIMARY KEY, task TEXT NOT NULL, flags TEXT NOT NULL)");
  return {
    checkpointer: SqliteSaver.fromConnString(path),
    save(threadId: string, record: ThreadRecord): void {
      db.prepare("INSERT OR REPLACE INTO lumos_cli_threads (thread_id, task, flags) VALUES (?, ?, ?)").run(threadId, record.task, JSON.stringify(record.flags));
    },
    load(threadId: string): ThreadRecord {
      const row = db.prepare("SELECT task, flags FROM lumos_cli_threads WHERE thread_id = ?").get(threadId) as { task: string; flags: string } | undefined;
      if (!row) throw new UsageError(`no thread "${threadId}" in ${path}`);
      return { task: row.task, flags: JSON.parse(row.flags) as GraphFlags };
    },
    close(): void {
      db.close();
    },
  };
}
