/**
 * Paused runs of `lumos run --review` live in a SQLite file: LangGraph's checkpoints (SqliteSaver) and, in
 * tables of ours, the task and flags each thread was started with (so `lumos resume` in a new process
 * rebuilds the same graph) and a lock per thread, so two `lumos resume` calls on one thread cannot both act.
 */
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { UsageError } from "./usageError.js";
import type { GraphFlags } from "./runGraph.js";
import { processAlive } from "../core/processes.js";

export const DEFAULT_THREADS_DB = "lumos-threads.sqlite";

export interface ThreadRecord {
  task: string;
  flags: GraphFlags;
  /** The task id given with --task-id, if any. */
  id?: string;
}


/**
 * Opens the threads file. `mustExist` (for resume) refuses a missing file instead of creating one, so
 * looking up a thread that does not exist leaves nothing behind.
 */
export function openThreads(path: string, options: { mustExist?: boolean } = {}) {
  if (options.mustExist && !existsSync(path)) throw new UsageError(`no threads file ${path} (lumos run --review writes it; pass --db FILE)`);
  const db = new Database(path);
  db.exec("CREATE TABLE IF NOT EXISTS lumos_cli_threads (thread_id TEXT PRIMARY KEY, task TEXT NOT NULL, flags TEXT NOT NULL)");
  db.exec("CREATE TABLE IF NOT EXISTS lumos_cli_locks (thread_id TEXT PRIMARY KEY, pid INTEGER NOT NULL, since TEXT NOT NULL)");
  const held = new Set<string>();
  const checkpointer = SqliteSaver.fromConnString(path);
  return {
    checkpointer,
    save(threadId: string, record: ThreadRecord): void {
      db.prepare("INSERT OR REPLACE INTO lumos_cli_threads (thread_id, task, flags) VALUES (?, ?, ?)").run(threadId, JSON.stringify({ task: record.task, id: record.id }), JSON.stringify(record.flags));
    },
    load(threadId: string): ThreadRecord {
      const row = db.prepare("SELECT task, flags FROM lumos_cli_threads WHERE thread_id = ?").get(threadId) as { task: string; flags: string } | undefined;
      if (!row) throw new UsageError(`no thread "${threadId}" in ${path}`);
      // rows written before task ids were kept hold the plain task text
      let task: { task: string; id?: string };
      try {
        const parsed = JSON.parse(row.task) as unknown;
        task = typeof parsed === "object" && parsed !== null && typeof (parsed as { task?: unknown }).task === "string" ? (parsed as { task: string; id?: string }) : { task: row.task };
      } catch {
        task = { task: row.task };
      }
      return { ...task, flags: JSON.parse(row.flags) as GraphFlags };
    },
    /** Takes the thread's lock (atomically: one INSERT); refuses while a live process holds it. */
    lock(threadId: string): void {
      const take = db.transaction(() => {
        const holder = db.prepare("SELECT pid FROM lumos_cli_locks WHERE thread_id = ?").get(threadId) as { pid: number } | undefined;
        if (holder && holder.pid !== process.pid && processAlive(holder.pid)) return holder.pid;
        db.prepare("INSERT OR REPLACE INTO lumos_cli_locks (thread_id, pid, since) VALUES (?, ?, ?)").run(threadId, process.pid, new Date().toISOString());
        return null;
      });
      const other = take.immediate();
      if (other !== null) throw new UsageError(`thread "${threadId}" is being continued by another process (pid ${other}); try again when it has finished`);
      held.add(threadId);
    },
    close(): void {
      for (const threadId of held) db.prepare("DELETE FROM lumos_cli_locks WHERE thread_id = ? AND pid = ?").run(threadId, process.pid);
      held.clear();
      db.close();
      checkpointer.db.close();
    },
  };
}

/** A word for a POSIX shell: left as is when safe, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
