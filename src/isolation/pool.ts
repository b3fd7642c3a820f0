/**
 * A pool of worker threads that runs the CPU-bound built-in tools isolated from the host and from each other.
 *
 * Each job runs in a worker thread with a V8 heap limit (`resourceLimits`) and a wall-time limit counted from
 * the moment a worker starts it. A worker that overruns either is terminated and replaced, and the job fails
 * with a ToolTimeoutError or ToolResourceError; other jobs keep running in their own workers, and the host's
 * event loop runs no tool code that could block it: the one exception, plain arithmetic of at most 64 characters
 * (./inlineJobs.ts), is bounded by its size and runs in the calling thread unless the pool is told otherwise.
 * A job's result is refused (ToolResourceError,
 * `result_size`) when its JSON text is larger than the result cap: an error, never a truncated answer. An
 * AbortSignal aborts a job: a queued job is dropped, a running one's worker is terminated.
 *
 * Workers start lazily (one more each time every started worker is busy, up to `size`) and are `unref`'d
 * while idle, so a pool never keeps a process alive; a worker with a job (or starting for one) is ref'd,
 * because something awaits it.
 */
import { availableParallelism } from "node:os";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { MathError, MathLimitError, MathParseError } from "../math/errors.js";
import { IsolationError, ToolResourceError, ToolTimeoutError } from "./errors.js";
import type { JobHandler, RunMessage, SerializedError, WorkerMessage, WorkerSetup } from "./protocol.js";
import { workerLaunch } from "./workerLaunch.js";
import { runsInline } from "./inlineJobs.js";
import type { DoneMessage } from "./executeJob.js";

export interface IsolationLimits {
  /** Wall time of one job, from the moment a worker starts it (default 5,000 ms). */
  timeoutMs: number;
  /** V8 heap (old generation) of each worker, in MB (default 256). */
  maxHeapMb: number;
  /** Largest result, in bytes of its JSON text (default 64 KiB). */
  maxResultBytes: number;
}

export const DEFAULT_ISOLATION_LIMITS: Readonly<IsolationLimits> = Object.freeze({
  timeoutMs: 5_000,
  maxHeapMb: 256,
  maxResultBytes: 64 * 1024,
});

/** How long a new worker may take to load its job modules and say it is ready (at least the job time limit). */
const STARTUP_MS = 30_000;

export interface IsolatedPoolOptions extends Partial<IsolationLimits> {
  /** Number of worker threads (default min(4, available cores)). */
  size?: number;
  /**
   * Modules (URLs or absolute paths) whose `jobs` export (`Record<string, (input) => value>`) adds jobs to the
   * built-in ones (src/isolation/jobs.ts); loaded in every worker.
   */
  jobModules?: (string | URL)[];
  /**
   * Run plain-arithmetic maths jobs (./inlineJobs.ts: no names, no powers, at most 64 characters) in the
   * calling thread instead of a worker (default true): they cannot reach the engine's configuration and their
   * work is bounded by their size, while a round trip to a worker costs several times the arithmetic.
   * Same results and errors either way; false sends every job to a worker. Default false when `jobModules`
   * are given (they may replace a built-in job, and the calling thread runs only the built-in ones).
   */
  inlinePlainArithmetic?: boolean;
}

export interface RunOptions {
  /** Aborts the job (LangChain passes config.signal to tools). The promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** This job's wall-time limit instead of the pool's. */
  timeoutMs?: number;
  /**
   * Where the limit counts from: the moment a worker starts the job (`dispatch`, the default), or the moment
   * the job reports that its guarded part starts (`started`, see JobContext.started: the sandbox's guest code,
   * after its QuickJS module is built); the job's preparation before that is bounded by the pool's timeout.
   */
  countFrom?: "dispatch" | "started";
}

/** Something that runs named jobs: the isolated pool, or createInProcessRunner for trusted input. */
export interface JobRunner {
  run<T = unknown>(job: string, input?: unknown, options?: RunOptions): Promise<T>;
}

export interface PoolStats {
  /** Workers started (or starting) now. */
  workers: number;
  busy: number;
  queued: number;
  /** Jobs finished in a worker. */
  completed: number;
  /** Jobs run in the calling thread (plain arithmetic, see IsolatedPoolOptions.inlinePlainArithmetic). */
  inline: number;
  /** Workers terminated because a job overran a limit, crashed or was aborted. */
  replaced: number;
}

export interface IsolatedPool extends JobRunner {
  readonly size: number;
  readonly limits: Readonly<IsolationLimits>;
  stats(): PoolStats;
  /** Starts all `size` workers now and resolves when they are ready (to pay the start-up cost up front). */
  warmUp(): Promise<void>;
  /** Terminates every worker; queued and running jobs fail with an IsolationError (`closed`). */
  close(): Promise<void>;
}

interface Job {
  id: number;
  job: string;
  input: unknown;
  timeoutMs: number;
  countFrom: "dispatch" | "started";
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  referenced: boolean;
  /** Resolves when the worker is ready or has failed to start. */
  started: Promise<void>;
  markStarted: () => void;
  /** Fails the start of a worker that never reports ready (a job module that hangs while loading). */
  startupTimer?: NodeJS.Timeout;
}

let nextJobId = 0;

export function createIsolatedPool(options: IsolatedPoolOptions = {}): IsolatedPool {
  return new WorkerPool(options);
}

class WorkerPool implements IsolatedPool {
  readonly size: number;
  readonly limits: Readonly<IsolationLimits>;
  private readonly jobModules: string[];
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;
  private warming = 0;
  private completed = 0;
  private ranInline = 0;
  private replaced = 0;
  private readonly inline: boolean;
  /** The built-in jobs and their runner, loaded in this thread by the first inline job. */
  private inlineRunner?: Promise<(message: RunMessage) => Promise<DoneMessage>>;

  constructor(options: IsolatedPoolOptions) {
    const positive = (value: number | undefined, fallback: number) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback);
    this.size = Math.max(1, Math.floor(positive(options.size, Math.min(4, availableParallelism()))));
    this.limits = Object.freeze({
      timeoutMs: positive(options.timeoutMs, DEFAULT_ISOLATION_LIMITS.timeoutMs),
      maxHeapMb: positive(options.maxHeapMb, DEFAULT_ISOLATION_LIMITS.maxHeapMb),
      maxResultBytes: positive(options.maxResultBytes, DEFAULT_ISOLATION_LIMITS.maxResultBytes),
    });
    this.jobModules = (options.jobModules ?? []).map((m) => (m instanceof URL ? m.href : isAbsolute(m) ? pathToFileURL(m).href : m));
    this.inline = options.inlinePlainArithmetic ?? this.jobModules.length === 0;
  }

  run<T = unknown>(job: string, input?: unknown, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new IsolationError("the isolated pool is closed", job, "closed"));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.inline && runsInline(job, input)) return this.runInline(job, input) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      const entry: Job = {
        id: ++nextJobId,
        job,
        input,
        timeoutMs: options.timeoutMs !== undefined && options.timeoutMs > 0 ? options.timeoutMs : this.limits.timeoutMs,
        countFrom: options.countFrom ?? "dispatch",
        resolve: resolve as (value: unknown) => void,
        reject,
        signal,
      };
      if (signal) {
        entry.onAbort = () => this.abort(entry);
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.queue.push(entry);
      this.pump();
    });
  }

  /** A plain-arithmetic job in this thread, replied to and mapped to a value or an error as a worker's job is. */
  private async runInline(job: string, input: unknown): Promise<unknown> {
    // a failed load (the modules missing from an installation) is not kept: the next job tries again
    this.inlineRunner ??= loadInlineRunner().catch((error: unknown) => {
      this.inlineRunner = undefined;
      throw error;
    });
    const done = await (await this.inlineRunner)({ type: "run", id: ++nextJobId, job, input, maxResultBytes: this.limits.maxResultBytes });
    this.ranInline++;
    if (done.ok) return done.value;
    throw this.remoteError({ job }, done.error);
  }

  stats(): PoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      completed: this.completed,
      inline: this.ranInline,
      replaced: this.replaced,
    };
  }

  async warmUp(): Promise<void> {
    // someone awaits the start: keep the starting workers referenced meanwhile
    this.warming++;
    try {
      for (let attempt = 0; attempt < 3 && !this.closed; attempt++) {
        while (this.slots.length < this.size && this.spawn());
        this.updateReferences();
        await Promise.all(this.slots.map((s) => s.started));
        if (this.slots.length >= this.size && this.slots.every((s) => s.ready)) break;
      }
    } finally {
      this.warming--;
      this.pump();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new IsolationError("the isolated pool was closed", job.job, "closed"));
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.markStarted();
    for (const slot of slots) if (slot.job) this.settle(slot.job, new IsolationError("the isolated pool was closed", slot.job.job, "closed"));
    await Promise.all(slots.map((slot) => slot.worker.terminate().catch(() => undefined)));
  }

  /** Hands queued jobs to ready idle workers, starting workers as needed. */
  private pump(): void {
    if (this.closed) return;
    for (;;) {
      const job = this.queue[0];
      if (!job) break;
      const slot = this.slots.find((s) => s.ready && !s.job);
      if (!slot) break;
      this.queue.shift();
      this.dispatch(slot, job);
    }
    const starting = this.slots.filter((s) => !s.ready).length;
    let wanted = this.queue.length - starting;
    while (wanted > 0 && this.slots.length < this.size && this.spawn()) wanted--;
    this.updateReferences();
  }

  /** Starts a worker; false (and the queued jobs failed with the reason) when none can be started. */
  private spawn(): boolean {
    let worker: Worker;
    try {
      const launch = workerLaunch(undefined, { typescriptJobs: this.jobModules.some((m) => /\.[cm]?ts$/.test(m)) });
      const setup: WorkerSetup = { jobModules: this.jobModules, ...launch.data };
      const heap = this.limits.maxHeapMb;
      worker = new Worker(launch.url, {
        workerData: setup,
        // none of the host's execArgv (vitest's or the user's flags)
        execArgv: [],
        // a small young generation: jobs are short and keep nothing, and each worker's nursery is resident
        // memory of the host (32 MB a worker, as it was, cost an evaluation some 50 MB per worker at its peak)
        resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: Math.max(4, Math.min(8, Math.floor(heap / 32))), stackSizeMb: 4 },
      });
    } catch (error) {
      for (const job of this.queue.splice(0)) {
        this.settle(job, error instanceof IsolationError ? error : new IsolationError(`cannot start an isolated worker: ${(error as Error).message}`, job.job, "startup"));
      }
      return false;
    }
    let markStarted = () => {};
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const slot: Slot = { worker, ready: false, referenced: true, started, markStarted };
    this.slots.push(slot);
    worker.on("message", (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on("error", (error: Error & { code?: string }) => this.onFailure(slot, error));
    worker.on("exit", (code) => this.onFailure(slot, undefined, code));
    // a worker loads its job modules before it is ready: on a loaded machine that alone can take seconds
    const startupMs = Math.max(this.limits.timeoutMs, STARTUP_MS);
    slot.startupTimer = setTimeout(() => {
      this.onFailure(slot, new Error(`the worker did not start within ${startupMs} ms`));
      void worker.terminate();
    }, startupMs);
    slot.startupTimer.unref();
    return true;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    this.startTimer(slot, job, job.countFrom === "started" ? this.limits.timeoutMs : job.timeoutMs);
    const message: RunMessage = { type: "run", id: job.id, job: job.job, input: job.input, maxResultBytes: this.limits.maxResultBytes };
    try {
      slot.worker.postMessage(message);
    } catch (error) {
      // input that cannot be copied to a thread (functions, symbols): the job's error, the worker is fine
      clearTimeout(job.timer);
      slot.job = undefined;
      this.settle(job, new TypeError(`${describe(job.job)}: its input cannot be sent to a worker (${(error as Error).message})`));
      this.pump();
    }
  }

  private startTimer(slot: Slot, job: Job, limitMs: number): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = setTimeout(() => {
      this.retire(slot, new ToolTimeoutError(`${describe(job.job)} exceeded its time limit of ${limitMs} ms and was stopped`, job.job, limitMs));
    }, limitMs);
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (!this.slots.includes(slot)) return;
    if (message.type === "ready") {
      clearTimeout(slot.startupTimer);
      slot.ready = true;
      slot.markStarted();
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    if (message.type === "started") {
      if (job.countFrom === "started") this.startTimer(slot, job, job.timeoutMs);
      return;
    }
    slot.job = undefined;
    this.completed++;
    if (message.ok) this.settle(job, undefined, message.value);
    else this.settle(job, this.remoteError(job, message.error));
    this.pump();
  }

  /** A worker failed: an error event (heap limit, an uncaught exception) or an exit nobody asked for. */
  private onFailure(slot: Slot, error?: Error & { code?: string }, exitCode?: number): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    if (!slot.ready) {
      // it never started: fail one waiting job with the reason instead of retrying forever
      this.remove(slot);
      const waiting = this.queue.shift();
      if (waiting) this.settle(waiting, new IsolationError(`cannot start an isolated worker: ${error?.message ?? `exit code ${exitCode}`}`, waiting.job, "startup"));
      this.pump();
      return;
    }
    const name = job ? describe(job.job) : "a job";
    const failure =
      error?.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new ToolResourceError(`${name} exceeded the worker memory limit of ${this.limits.maxHeapMb} MB and was stopped`, job?.job ?? "", "memory")
        : new ToolResourceError(`${name} crashed its worker: ${error?.message ?? `exit code ${exitCode}`}`, job?.job ?? "", "crashed");
    this.retire(slot, failure);
  }

  /** Terminates a worker whose job failed (or was aborted), fails the job, and starts a replacement. */
  private retire(slot: Slot, error: unknown): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    slot.job = undefined;
    this.remove(slot);
    this.replaced++;
    void slot.worker.terminate().catch(() => undefined);
    if (job) this.settle(job, error);
    if (!this.closed && this.slots.length < this.size) this.spawn();
    this.pump();
  }

  private remove(slot: Slot): void {
    slot.markStarted();
    clearTimeout(slot.startupTimer);
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (slot.job?.timer) clearTimeout(slot.job.timer);
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, abortReason(job.signal));
      this.updateReferences();
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (slot) this.retire(slot, abortReason(job.signal));
  }

  private settle(job: Job, error: unknown, value?: unknown): void {
    if (job.timer) clearTimeout(job.timer);
    if (job.onAbort) job.signal?.removeEventListener("abort", job.onAbort);
    if (error !== undefined) job.reject(error);
    else job.resolve(value);
  }

  /** Idle workers never keep the process alive; busy ones, and ones starting for queued jobs, do. */
  private updateReferences(): void {
    for (const slot of this.slots) {
      const wanted = slot.job !== undefined || (!slot.ready && (this.queue.length > 0 || this.warming > 0));
      if (wanted === slot.referenced) continue;
      if (wanted) slot.worker.ref();
      else slot.worker.unref();
      slot.referenced = wanted;
    }
  }

  private remoteError(job: { job: string }, error: SerializedError): Error {
    if (error.name === "ResultTooLarge") {
      return new ToolResourceError(
        `${describe(job.job)} produced a result of ${(error.resultBytes ?? 0).toLocaleString("en-US")} bytes, over the limit of ${this.limits.maxResultBytes.toLocaleString("en-US")} bytes`,
        job.job,
        "result_size",
      );
    }
    const known: Record<string, new (message: string) => Error> = { MathError, MathLimitError, MathParseError };
    const Constructor = Object.hasOwn(known, error.name) ? known[error.name] : undefined;
    if (Constructor) return new Constructor(error.message);
    const generic = new Error(error.message);
    generic.name = error.name;
    return generic;
  }
}

/** The built-in jobs, run as a worker runs them (loaded on first use: they bring the maths engine). */
async function loadInlineRunner(): Promise<(message: RunMessage) => Promise<DoneMessage>> {
  const [{ builtinJobs }, { executeJob }] = await Promise.all([import("./jobs.js"), import("./executeJob.js")]);
  const handlers = new Map<string, JobHandler>(Object.entries(builtinJobs) as [string, JobHandler][]);
  return (message) => executeJob(handlers, message, () => undefined);
}

function describe(job: string): string {
  return `the job "${job}"`;
}

function abortReason(signal?: AbortSignal): unknown {
  if (signal?.reason !== undefined) return signal.reason;
  const error = new Error("Aborted");
  error.name = "AbortError";
  return error;
}

// ---------------------------------------------------------------------------------------------------------
// the default pool

let shared: IsolatedPool | undefined;
let sharedOptions: IsolatedPoolOptions = {};

/** The process-wide pool the built-in tools use unless given one; created on first use. */
export function getDefaultPool(): IsolatedPool {
  shared ??= createIsolatedPool(sharedOptions);
  return shared;
}

/**
 * Sets the options of the default pool: later calls of getDefaultPool() start a new pool with them. A default
 * pool already started is closed (its queued and running jobs fail), so call this before tools run.
 */
export async function configureDefaultPool(options: IsolatedPoolOptions): Promise<void> {
  sharedOptions = { ...options };
  const previous = shared;
  shared = undefined;
  await previous?.close();
}
