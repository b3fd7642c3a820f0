/**
 * What can go wrong when a job runs isolated, as typed errors. The executor records a ToolTimeoutError as
 * the error kind `tool_timeout` and everything else as `tool_error` (see toolErrorKind).
 */

/** Why an isolated job failed without an answer of its own. */
export type IsolationFailure = "timeout" | "memory" | "result_size" | "crashed" | "startup" | "closed";

/** A job that did not produce its result because of the isolation: base class of the errors below. */
export class IsolationError extends Error {
  override name = "IsolationError";
  constructor(
    message: string,
    /** The job that failed (`maths.calculate`, `sandbox.run`, ...). */
    readonly job: string,
    readonly failure: IsolationFailure,
  ) {
    super(message);
  }

  /** A worker that could not start (a machine too busy to load it in time) says nothing of the job: worth another try. */
  get retryable(): boolean {
    return this.failure === "startup";
  }
}

/** The job ran past its wall-time limit; its worker was terminated (and replaced). */
export class ToolTimeoutError extends IsolationError {
  override name = "ToolTimeoutError";
  constructor(
    message: string,
    job: string,
    /** The limit that was exceeded. */
    readonly timeoutMs: number,
  ) {
    super(message, job, "timeout");
  }
}

/**
 * The job went over a resource limit other than time: its worker ran out of heap (`memory`; the worker was
 * terminated and replaced), crashed (`crashed`), or its result was larger than the result cap (`result_size`;
 * an error, never a truncated answer).
 */
export class ToolResourceError extends IsolationError {
  override name = "ToolResourceError";
  constructor(message: string, job: string, resource: "memory" | "result_size" | "crashed") {
    super(message, job, resource);
  }
}

/** The error kind an executor records for a failed tool call. */
export function toolErrorKind(error: unknown): "tool_timeout" | "tool_error" {
  return error instanceof ToolTimeoutError || (error as { name?: unknown } | null)?.name === "ToolTimeoutError" ? "tool_timeout" : "tool_error";
}
