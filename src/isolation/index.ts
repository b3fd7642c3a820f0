/**
 * Isolated, bounded execution of the CPU-bound built-in tools: a pool of worker threads with time, heap and
 * result-size limits (./pool.ts), typed errors for what overran (./errors.ts), and the built-in jobs (./jobs.ts).
 */
export {
  createIsolatedPool,
  getDefaultPool,
  configureDefaultPool,
  DEFAULT_ISOLATION_LIMITS,
  type IsolatedPool,
  type IsolatedPoolOptions,
  type IsolationLimits,
  type JobRunner,
  type PoolStats,
  type RunOptions,
} from "./pool.js";
export { IsolationError, ToolResourceError, ToolTimeoutError, toolErrorKind, type IsolationFailure } from "./errors.js";
export { createInProcessRunner, type InProcessRunnerOptions } from "./inProcess.js";
export { builtinJobs, type BuiltinJob } from "./jobs.js";
export type { JobHandler } from "./protocol.js";
