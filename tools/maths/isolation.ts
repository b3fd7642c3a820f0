/** Where the maths tools' work runs, and with which engine limits (shared by every maths tool). */
import { getDefaultPool, type JobRunner } from "../../src/isolation/pool.js";
import type { MathLimits } from "../../src/math/limits.js";

export interface MathsIsolationOptions {
  /**
   * Runs the tools' computations: by default the process-wide isolated worker pool (getDefaultPool(), started
   * on first use), or a pool of your own (createIsolatedPool) with other time, heap or result limits.
   */
  pool?: JobRunner;
  /** Size limits of the maths engine (src/math/limits.ts); unset fields keep their defaults. */
  mathLimits?: Partial<MathLimits>;
}

/** Runs one maths job for a tool call, passing on LangChain's abort signal. */
export function runMathsJob<T>(options: MathsIsolationOptions, job: string, input: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  const runner = options.pool ?? getDefaultPool();
  return runner.run<T>(job, { ...input, limits: options.mathLimits }, { signal });
}
