/** The sandbox's limits and results (a light module: the Code tool reads them without loading QuickJS). */
export interface SandboxLimits {
  /** Wall-clock budget for the guest code. */
  timeoutMs: number;
  /** Heap of the guest: QuickJS's allocation limit and the growth allowed to its WebAssembly memory. */
  memoryBytes: number;
  /** Largest result, in characters of its JSON text (default 64 KiB). */
  maxResultBytes?: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };

/** How a run failed: over its time limit, out of memory, an oversized or unreadable result, or an error. */
export type SandboxFailureKind = "timeout" | "memory" | "result" | "error";

export type SandboxResult = { ok: true; value: unknown } | { ok: false; error: string; kind?: SandboxFailureKind };

export const DEFAULT_SANDBOX_RESULT_BYTES = 64 * 1024;
