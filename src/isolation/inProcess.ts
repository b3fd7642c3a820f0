/**
 * The same jobs without isolation: they run in the calling thread, with no time, memory or result limit
 * beyond the maths engine's own size limits. For trusted input and for measuring what isolation costs
 * (bench/isolation.ts); never for model output in production.
 */
import { ToolResourceError } from "./errors.js";
import { builtinJobs } from "./jobs.js";
import type { JobRunner, RunOptions } from "./pool.js";
import type { JobHandler } from "./protocol.js";

export interface InProcessRunnerOptions {
  /** Largest result, in bytes of its JSON text (default unlimited). */
  maxResultBytes?: number;
  /** Jobs added to the built-in ones. */
  jobs?: Record<string, JobHandler>;
}

export function createInProcessRunner(options: InProcessRunnerOptions = {}): JobRunner {
  const handlers = new Map<string, JobHandler>([...Object.entries(builtinJobs), ...Object.entries(options.jobs ?? {})] as [string, JobHandler][]);
  return {
    async run<T>(job: string, input?: unknown, runOptions: RunOptions = {}): Promise<T> {
      runOptions.signal?.throwIfAborted();
      const handler = handlers.get(job);
      if (!handler) throw new Error(`unknown job "${job}"`);
      const value = await handler(input as never, { started: () => undefined });
      runOptions.signal?.throwIfAborted();
      if (options.maxResultBytes !== undefined) {
        const bytes = value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "");
        if (bytes > options.maxResultBytes) throw new ToolResourceError(`the job "${job}" produced a result of ${bytes} bytes, over the limit of ${options.maxResultBytes} bytes`, job, "result_size");
      }
      return value as T;
    },
  };
}
