/**
 * The one place the process environment is read. Everything else receives these values (or the
 * environment object) as arguments, so tests and embedding apps can pass their own.
 */

/** The process environment as a read-only record. */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

/** Settings of this package that come from environment variables. */
export interface LumosEnvironment {
  /** Model spec of the planning module of graphs loaded by file (Studio): $LUMOS_PLANNER. */
  planner?: string;
  /** Model spec of the grounding module: $LUMOS_GROUNDER. */
  grounder?: string;
  /** Teacher model spec of the annotation graph loaded by file: $LUMOS_TEACHER. */
  teacher?: string;
  /** Default data directory: $LUMOS_DATA_DIR. */
  dataDir?: string;
  /** A mirror for `lumos data pull`: $LUMOS_DATA_MIRROR. */
  dataMirror?: string;
  /** Bearer token for a rerank endpoint that wants one: $LUMOS_RANKER_API_KEY. */
  rankerApiKey?: string;
  /**
   * API key sent to a LangGraph server (`lumos eval --remote`): $LUMOS_REMOTE_API_KEY, else the keys the
   * LangGraph SDK itself reads ($LANGGRAPH_API_KEY, $LANGSMITH_API_KEY), as LangGraph Platform expects.
   */
  remoteApiKey?: string;
  /** Print stack traces of failed commands: $LUMOS_DEBUG. */
  debug: boolean;
  /** Running in CI: no progress bar. */
  ci: boolean;
  /** Report on stderr when `lumos eval` starts its first task, with the time since launch (bench/overhead): $LUMOS_TRACE_STARTUP. */
  traceStartup: boolean;
}

export function lumosEnvironment(env: Readonly<Record<string, string | undefined>> = processEnvironment()): LumosEnvironment {
  const text = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  return {
    planner: text("LUMOS_PLANNER"),
    grounder: text("LUMOS_GROUNDER"),
    teacher: text("LUMOS_TEACHER"),
    dataDir: text("LUMOS_DATA_DIR"),
    dataMirror: text("LUMOS_DATA_MIRROR"),
    rankerApiKey: text("LUMOS_RANKER_API_KEY"),
    remoteApiKey: text("LUMOS_REMOTE_API_KEY") ?? text("LANGGRAPH_API_KEY") ?? text("LANGSMITH_API_KEY"),
    debug: Boolean(text("LUMOS_DEBUG")),
    ci: Boolean(text("CI")),
    traceStartup: Boolean(text("LUMOS_TRACE_STARTUP")),
  };
}

/** Where benchmark files live: the given directory, else $LUMOS_DATA_DIR, else ./data. */
export function defaultDataDir(given?: string, env: LumosEnvironment = lumosEnvironment()): string {
  return given ?? env.dataDir ?? "data";
}
