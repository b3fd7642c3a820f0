/** One planner or grounder call, timed and transcribed; a failure becomes a value. */
import type { LumosError } from "../actions/types.js";
import { firstLine } from "../protocol/chatTemplate.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import type { LumosModuleModel, ModuleRequest } from "../models/types.js";
import type { Transcript } from "./records.js";

export type ModuleCallOutcome =
  | { ok: true; line: string; transcript: Transcript }
  | { ok: false; error: LumosError; transcript?: Transcript };

export async function callModule(model: LumosModuleModel, request: ModuleRequest, round: number): Promise<ModuleCallOutcome> {
  const started = performance.now();
  try {
    const response = await model.generate(request);
    const transcript: Transcript = {
      module: request.module,
      round,
      prompt: response.prompt,
      completion: response.completion,
      ms: Math.round(performance.now() - started),
      ...(response.usage ? { usage: response.usage } : {}),
    };
    return { ok: true, line: pyStrip(firstLine(response.completion)), transcript };
  } catch (error) {
    if (request.signal?.aborted) throw error;
    return {
      ok: false,
      error: { kind: "model_error", module: request.module, message: (error as Error).message ?? String(error), retryable: isTransient(error) },
    };
  }
}

const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "UND_ERR_SOCKET", "EAI_AGAIN"]);

/** Whether a model failure is worth retrying: rate limits, server errors, dropped connections. */
export function isTransient(error: unknown): boolean {
  const e = error as { transient?: boolean; status?: number; code?: string; cause?: { code?: string } };
  if (typeof e?.transient === "boolean") return e.transient;
  if (typeof e?.status === "number") return e.status === 429 || e.status >= 500;
  return TRANSIENT_CODES.has(e?.code ?? "") || TRANSIENT_CODES.has(e?.cause?.code ?? "");
}
