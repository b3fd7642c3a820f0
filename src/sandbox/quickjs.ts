/**
 * Runs model-written JavaScript inside QuickJS compiled to WebAssembly. The guest has no file system,
 * network, process, timers or host globals; a deadline interrupts infinite loops and the runtime has
 * memory and stack limits. Nothing from the guest is ever evaluated by the host.
 */
import { getQuickJS, shouldInterruptAfterDeadline, type QuickJSWASMModule } from "quickjs-emscripten";

export interface SandboxLimits {
  /** Wall-clock budget for the guest code. */
  timeoutMs: number;
  /** Heap limit of the guest runtime. */
  memoryBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };

export type SandboxResult = { ok: true; value: unknown } | { ok: false; error: string };

let quickjs: Promise<QuickJSWASMModule> | undefined;

/** Evaluates `source` (a script whose completion value is the result) in a fresh QuickJS runtime. */
export async function runSandboxed(source: string, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): Promise<SandboxResult> {
  quickjs ??= getQuickJS();
  const module = await quickjs;
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(512 * 1024);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limits.timeoutMs));
  const context = runtime.newContext();
  try {
    const result = context.evalCode(source, "generated.js");
    if (result.error) {
      const dumped = context.dump(result.error) as { name?: string; message?: string } | string;
      result.error.dispose();
      const message = typeof dumped === "string" ? dumped : `${dumped?.name ?? "Error"}: ${dumped?.message ?? String(dumped)}`;
      return { ok: false, error: message.includes("interrupted") ? `time limit of ${limits.timeoutMs} ms exceeded` : message };
    }
    const value = context.dump(result.value);
    result.value.dispose();
    return { ok: true, value };
  } catch (error) {
    // memory exhaustion can surface as a host-side exception from the wasm module
    return { ok: false, error: `sandbox failure: ${(error as Error).message}` };
  } finally {
    context.dispose();
    runtime.dispose();
  }
}
