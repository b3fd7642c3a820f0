/**
 * Runs model-written JavaScript inside QuickJS compiled to WebAssembly. The guest has no file system,
 * network, process, timers or host globals; nothing from the guest is ever evaluated by the host.
 *
 * Every run happens in a worker thread of the isolated pool (src/isolation), in a fresh QuickJS module
 * (./quickjsRuntime.ts): an interrupt handler stops the guest at its time limit, its WebAssembly memory
 * cannot grow past the memory limit, and a guest that QuickJS cannot interrupt (exceptions caught and
 * retried in a loop, for instance) has its worker terminated at the hard limit, 1.5 × the time limit + 50 ms
 * after the guest started. Guest aborts (QuickJS assertions, stack overflows) end only their own module, so
 * they cannot reach the host or poison later runs. The result is read as a JSON value of bounded size.
 */
import { getDefaultPool, type JobRunner } from "../isolation/pool.js";
import { ToolResourceError, ToolTimeoutError } from "../isolation/errors.js";
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits, type SandboxResult } from "./limits.js";

// QuickJS itself (./quickjsRuntime.ts) is loaded only inside the pool's workers
export { DEFAULT_SANDBOX_LIMITS, DEFAULT_SANDBOX_RESULT_BYTES, type SandboxFailureKind, type SandboxLimits, type SandboxResult } from "./limits.js";

export interface SandboxRunOptions {
  /** Where the run happens (default: the shared isolated pool). */
  pool?: JobRunner;
  /** Aborts the run; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** When the worker of a guest that ignores its interrupt is terminated: 1.5 × the time limit + 50 ms. */
export function hardTimeLimit(timeoutMs: number): number {
  return Math.floor(timeoutMs * 1.5) + 50;
}

/** Evaluates `source` (a script whose completion value is the result) in a fresh QuickJS module, isolated. */
export async function runSandboxed(source: string, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS, options: SandboxRunOptions = {}): Promise<SandboxResult> {
  const runner = options.pool ?? getDefaultPool();
  try {
    return await runner.run<SandboxResult>("sandbox.run", { source, limits }, {
      signal: options.signal,
      timeoutMs: hardTimeLimit(limits.timeoutMs),
      countFrom: "started",
    });
  } catch (error) {
    if (error instanceof ToolTimeoutError) return { ok: false, kind: "timeout", error: `time limit of ${limits.timeoutMs} ms exceeded` };
    if (error instanceof ToolResourceError) {
      return { ok: false, kind: error.failure === "memory" ? "memory" : error.failure === "result_size" ? "result" : "error", error: error.message };
    }
    throw error;
  }
}
