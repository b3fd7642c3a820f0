/**
 * Per-task environments. A domain whose tasks have one (a database, an image, a web session) opens it
 * for each task from the task's environment spec, describes it in the first planning turn (the protocol's
 * `Initial Environment Description: ...` slot), lets its tools reach it, and closes it when the run ends,
 * however it ends. Tools read it from their call config with `taskEnvironment(config)`.
 */
import type { RunnableConfig } from "@langchain/core/runnables";

export interface EnvironmentOpenContext {
  /** The task text. */
  task: string;
  /** Aborted when the run is cancelled or times out. */
  signal?: AbortSignal;
}

export interface DomainEnvironment<E = unknown> {
  /** Opens the environment of one task from the task's `environment` spec (whatever JSON the domain accepts). */
  open(spec: unknown, context: EnvironmentOpenContext): Promise<E>;
  /** The text of the first planning turn's `Initial Environment Description: ...` slot (default "None."). */
  describe?(environment: E): string;
  /** Releases what `open` acquired; called once per open, also after errors, timeouts and interrupts. */
  close?(environment: E): Promise<void> | void;
  /**
   * Whether concurrent tasks with the same spec may share one open environment (default false: every task
   * gets its own). A shared one is closed when its last task ends.
   */
  shared?: boolean;
}

/** The protocol's description when a task has no environment. */
export const NO_ENVIRONMENT = "None.";

/** Where the executor puts the open environment in a tool call's config. */
export const ENVIRONMENT_CONFIG_KEY = "lumosEnvironment";

/** The open environment of the task a tool is running for (undefined when the domain has none). */
export function taskEnvironment<E = unknown>(config: RunnableConfig | undefined): E | undefined {
  return (config?.configurable as Record<string, unknown> | undefined)?.[ENVIRONMENT_CONFIG_KEY] as E | undefined;
}

/**
 * A typed helper for writing environments: `defineEnvironment<MyConnection>({ open, describe, close })`.
 * The result fits any domain's `environment` (the graph hands each hook what `open` returned).
 */
export function defineEnvironment<E>(environment: DomainEnvironment<E>): DomainEnvironment {
  return environment as DomainEnvironment;
}
