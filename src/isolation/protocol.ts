/** Messages between the pool (host thread) and its workers. */

export interface RunMessage {
  type: "run";
  id: number;
  job: string;
  input: unknown;
  maxResultBytes: number;
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "started"; id: number }
  | { type: "done"; id: number; ok: true; value: unknown }
  | { type: "done"; id: number; ok: false; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  /** Set for a result over the size cap. */
  resultBytes?: number;
}

/** What the pool passes to each worker at start. */
export interface WorkerSetup {
  /** URLs of modules whose `jobs` export adds job handlers to the built-in ones. */
  jobModules: string[];
  /** In .ts mode: the entry module the bootstrap imports after registering the TypeScript loader. */
  entry?: string;
  /** In .ts mode: URL of tsx's ESM API module. */
  tsxApi?: string;
}

/** What a job handler can tell the pool while it runs. */
export interface JobContext {
  /**
   * The job's own preparation is over and the guarded part starts now (the sandbox calls it once its QuickJS
   * module is built): the job's time limit is counted again from here.
   */
  started(): void;
}

/** A job handler: runs in a worker, takes structured-cloneable input, returns a JSON-serialisable value. */
export type JobHandler = (input: never, context: JobContext) => unknown;
