/**
 * One job run to its reply message, as a worker runs it: the handler's value (refused when its JSON text is
 * over the result cap) or its error as { name, message }. Shared by the worker thread (./worker.ts) and the
 * pool's inline path (./inlineJobs.ts), so a job gives the same reply wherever it ran.
 */
import { ensureEngineIntact } from "../math/safeMath.js";
import type { JobHandler, RunMessage, WorkerMessage } from "./protocol.js";

export type DoneMessage = Extract<WorkerMessage, { type: "done" }>;

const MAX_ERROR_TEXT = 4000;

export async function executeJob(handlers: ReadonlyMap<string, JobHandler>, message: RunMessage, started: () => void): Promise<DoneMessage> {
  const { id } = message;
  try {
    const handler = handlers.get(message.job);
    if (!handler) throw new Error(`unknown job "${message.job}"`);
    const value = await handler(message.input as never, { started });
    const bytes = value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "");
    if (bytes > message.maxResultBytes) return { type: "done", id, ok: false, error: { name: "ResultTooLarge", message: "result too large", resultBytes: bytes } };
    return { type: "done", id, ok: true, value };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown } | null;
    const name = typeof e?.name === "string" ? e.name : "Error";
    const text = typeof e?.message === "string" ? e.message : String(error);
    return { type: "done", id, ok: false, error: { name, message: text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}...` : text } };
  } finally {
    // nothing a job computes can reconfigure the maths engine; should it happen anyway, the next job gets a fresh one
    ensureEngineIntact();
  }
}
