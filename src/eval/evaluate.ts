/**
 * One evaluation end to end: load a benchmark, pick the subset (and the shard), build the Lumos graph for its
 * domain, run the tasks through the runner, and write predictions.jsonl, summary.json, report.md and
 * report.html. Records are not held: the files are built from predictions.jsonl as a stream, and the result
 * reads the records back from it on demand; a long task list is spilled and read back as tasks start
 * (./taskList.ts).
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { getDataset, type DatasetSpec } from "./benchmarks.js";
import type { DatasetItem } from "../datasets/types.js";
import { ConfigurationError } from "../core/errors.js";
import type { Formulation } from "../core/records.js";
import { DEFAULT_MAX_ROUNDS, type ActionErrorPolicy, type ConstraintForm } from "../core/runOptions.js";
import { createDomainKit } from "../domains/kit.js";
import { checkFormulation, resolveDomain } from "../domains/resolve.js";
import type { LumosDomain } from "../domains/types.js";
import { createLumosGraph } from "../graph/build.js";
import { checkActionErrorPolicy } from "../graph/replan.js";
import { createLanguageModel, createModuleModel } from "../models/fromSpec.js";
import { oracleModule } from "../programs/oracle.js";
import type { LumosModuleModel } from "../models/types.js";
import type { ChatStyle } from "../core/chatStyle.js";
import { lazyGoldPrograms, type LazyGoldPrograms } from "./goldProgramSource.js";
import { judgeCorrect } from "./metrics/judge.js";
import type { ProgressSink } from "./progress.js";
import type { EvalRecord } from "./record.js";
import { redactUrlPassword } from "../sql/sqlUrl.js";
import type { Metric, ScoringSession } from "./metrics/types.js";
import type { TimingStats } from "./report/timing.js";
import { runEvaluation } from "./runner.js";
import { spillTasks, type TaskList } from "./taskList.js";
import { runPaths, runRecords, writeRunReports, type RunPaths } from "./runReports.js";
import type { Schedule } from "./schedule.js";
import { shardLabel, shardSlice, type Shard } from "./shard.js";
import type { Summary } from "./summary.js";
import { checkResumedRun, RunMismatchError, runIdentityPath, writeRunIdentity, type RunIdentity } from "./runFolder.js";
import { openRemoteEvaluation, type RemoteOptions } from "./remote/evaluation.js";
import type { LumosStateValue } from "../graph/state.js";

export class EvaluationSetupError extends Error {
  override name = "EvaluationSetupError";
}

export interface EvaluateOptions {
  dataset: string;
  dataDir: string;
  /** A model spec, "oracle", or a ready module model. */
  planner: string | LumosModuleModel;
  grounder: string | LumosModuleModel;
  formulation?: Formulation;
  limit?: number;
  subset?: "full" | "paper";
  /** Run only this contiguous slice of the selected tasks (after subset and limit); `lumos merge` joins the shards. */
  shard?: Shard;
  /** The dataset's split, for datasets that have several (Mind2Web: test_domain, test_website, test_task). */
  split?: string;
  concurrency?: number;
  outDir: string;
  resume?: boolean;
  /** With resume: run again the tasks recorded with model or harness errors, replacing their records. */
  retryErrors?: boolean;
  /** Model spec of an LLM judge (adds a `judge` score). */
  judge?: string;
  maxRounds?: number;
  /** What a failed action does (default "stop", as the reference). */
  onActionError?: ActionErrorPolicy;
  /** Run the actions of a line as soon as their inputs exist (same records; not part of the run's identity). */
  parallel?: boolean;
  /** How chat-model specs are asked (default in-context); part of the run's identity when another is chosen. */
  chatStyle?: ChatStyle;
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: number;
  schedule?: Schedule;
  /** Options of the dataset's domain (model specs, corpus, ...), as its option schema declares. */
  domainOptions?: Record<string, unknown>;
  /** A ready domain to use instead of the dataset's own (e.g. one with extra tools). */
  domain?: LumosDomain;
  progress?: ProgressSink;
  /** Called as each task starts, before its graph runs (`lumos eval` reports the first one: LUMOS_TRACE_STARTUP). */
  onTaskStart?: (item: DatasetItem) => void;
  /** Constrained decoding of planner and grounder replies, and how the grammar is sent (default "auto"). */
  constrained?: boolean;
  constraintForm?: ConstraintForm;
  /**
   * Run every task on a LangGraph server (same records and reports; not part of the run's identity). The
   * models (specs only), the dataset's domain by name with `domainOptions`, and the run options travel as
   * each run's context; `domain`, if given, serves only the checks and notes made here.
   */
  remote?: RemoteOptions;
}

type Solve = (item: DatasetItem, signal: AbortSignal) => Promise<LumosStateValue>;

export interface EvaluateResult {
  summary: Summary;
  timing: TimingStats;
  /** The run's records in dataset order, read one at a time from predictions.jsonl (each call reads it again). */
  records(): AsyncGenerator<EvalRecord>;
  resumed: number;
  dropped: number;
  paths: RunPaths;
}

export async function loadItems(spec: DatasetSpec, dataDir: string, split?: string, domainOptions: Record<string, unknown> = {}): Promise<DatasetItem[]> {
  if (split !== undefined && !spec.splits) throw new EvaluationSetupError(`--split: ${spec.title} has one split; leave --split out`);
  if (split !== undefined && !spec.splits?.includes(split)) throw new EvaluationSetupError(`--split: ${spec.title} has the splits ${spec.splits?.join(", ")}, not "${split}"`);
  try {
    return await spec.load(dataDir, split, { domainOptions: { ...spec.defaultDomainOptions?.(dataDir), ...domainOptions } });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new EvaluationSetupError(
        `${spec.title} files are not in ${dataDir} (${(error as Error).message.replace(/^ENOENT: /, "")}). Run \`lumos data pull ${spec.name} --data-dir ${dataDir}\` or pass --data-dir`,
      );
    }
    throw error;
  }
}

function describe(model: string | LumosModuleModel): string {
  return typeof model === "string" ? model : model.description;
}

/** The tasks' gold programs, derived as the oracle asks for them (not all held at once). */
function goldProgramsFor(spec: DatasetSpec, tasks: TaskList, dataDir: string): LazyGoldPrograms {
  const rule = spec.goldPrograms;
  if (!rule) throw new EvaluationSetupError(`no oracle for ${spec.title}: no rule derives gold programs from its solutions`);
  return lazyGoldPrograms(tasks, (some) => [...rule(some, dataDir)]);
}

/** The dataset's domain with its defaults and the user's options, or the user's own domain. */
async function domainFor(spec: DatasetSpec, options: EvaluateOptions): Promise<LumosDomain> {
  if (options.domain) return options.domain;
  try {
    return await resolveDomain(spec.domain, { ...spec.defaultDomainOptions?.(options.dataDir), ...options.domainOptions }, createDomainKit(options.dataDir));
  } catch (error) {
    if (error instanceof ConfigurationError) throw new EvaluationSetupError(`${spec.title}: ${error.message}`);
    throw error;
  }
}

export async function evaluateDataset(options: EvaluateOptions): Promise<EvaluateResult> {
  const spec = getDataset(options.dataset);
  if (spec.unavailable) throw new EvaluationSetupError(`${spec.title} cannot be evaluated yet: ${spec.unavailable}`);
  const formulation = options.formulation ?? "iterative";
  // the domain first: a wrong option or formulation fails before any item is loaded (WebShop loads from its site)
  const domain = await domainFor(spec, options);
  try {
    checkFormulation(domain, formulation);
    checkActionErrorPolicy(domain, formulation, options.onActionError ?? "stop");
  } catch (error) {
    throw new EvaluationSetupError(`${spec.title}: ${(error as Error).message}`);
  }
  const { tasks, selected, categoryOf } = await selectTasks(spec, options);
  try {
    const { solve, maxRounds } = options.remote ? await remoteSolver(spec, options, options.remote, domain, formulation) : await localSolver(spec, options, tasks, domain, formulation);
    const judgeModel = options.judge ? await createLanguageModel(options.judge, { maxTokens: 100 }) : undefined;
    const scoring = await openScoring(spec, options);
    try {
      return await runAndReport(spec, options, { solve, tasks, selected, categoryOf, formulation, maxRounds, domain, judgeModel, metric: scoring?.metric ?? spec.metric });
    } finally {
      await scoring?.close();
    }
  } finally {
    tasks.close();
  }
}

/**
 * The run's tasks: the dataset's items after --subset, --limit and --shard, spilled to a temporary file when
 * there are many (./taskList.ts), so the run holds their ids, not every item. The arrays stay in this function.
 */
async function selectTasks(spec: DatasetSpec, options: EvaluateOptions): Promise<{ tasks: TaskList; selected: number; categoryOf?: (id: string) => string | undefined }> {
  const all = await loadItems(spec, options.dataDir, options.split, options.domainOptions);
  const subset = options.subset === "paper" ? spec.paperSubset(all) : all;
  const selected = options.limit ? subset.slice(0, options.limit) : subset;
  const items = options.shard ? shardSlice(selected, options.shard) : selected;
  // records from before records carried their category get it from the item
  const categories = items.some((item) => item.category !== undefined) ? new Map(items.map((item) => [item.id, item.category])) : undefined;
  return { tasks: spillTasks(items), selected: selected.length, ...(categories ? { categoryOf: (id: string) => categories.get(id) } : {}) };
}

/** The Lumos graph built in this process for the domain, with the models (or the oracle) it was given. */
async function localSolver(spec: DatasetSpec, options: EvaluateOptions, tasks: TaskList, domain: LumosDomain, formulation: Formulation): Promise<{ solve: Solve; maxRounds: number | string }> {
  // derived as the tasks reach them (and forgotten): the first task starts before the last program is derived
  const programs = options.planner === "oracle" || options.grounder === "oracle" ? goldProgramsFor(spec, tasks, options.dataDir) : undefined;
  const oracle = oracleModule(programs ?? []);
  const resolve = async (model: string | LumosModuleModel) => (typeof model !== "string" ? model : model === "oracle" ? oracle : createModuleModel(model, { chatStyle: options.chatStyle }));
  const planner = await resolve(options.planner);
  const grounder = await resolve(options.grounder);
  const maxRounds = options.maxRounds ?? domain.maxRounds ?? DEFAULT_MAX_ROUNDS;
  const graph = createLumosGraph({ planner, grounder, domain, formulation, maxRounds, onActionError: options.onActionError, parallel: options.parallel, constrained: options.constrained, constraintForm: options.constraintForm });
  const input = (item: DatasetItem) => ({ task: item.question, id: item.id, ...(item.environment === undefined ? {} : { environment: item.environment }) });
  // an oracle planner replays whole gold programs: unless a limit was set, each task's limit fits its program
  // (given as the run's context; LangGraph types a context as its full schema, whose fields are all optional here)
  const fitsPrograms = options.planner === "oracle" && options.maxRounds === undefined && domain.maxRounds === undefined;
  if (!fitsPrograms) return { solve: (item, signal) => graph.invoke(input(item), { signal }), maxRounds };
  const roundsFor = (item: DatasetItem) => Math.max(DEFAULT_MAX_ROUNDS, (programs?.byId(item.id)?.steps.length ?? 0) + 1);
  return { solve: (item, signal) => graph.invoke(input(item), { signal, context: { maxRounds: roundsFor(item) } as never }), maxRounds: ORACLE_ROUND_LIMIT };
}

/** What run.json says of an oracle run's round limit (each task's program's steps + 1, at least the default). */
const ORACLE_ROUND_LIMIT = `each gold program's steps + 1, at least ${DEFAULT_MAX_ROUNDS}`;

/** Tasks as runs on a LangGraph server: what the local graph would be built with travels as the run's context. */
async function remoteSolver(spec: DatasetSpec, options: EvaluateOptions, remote: RemoteOptions, domain: LumosDomain, formulation: Formulation): Promise<{ solve: Solve; maxRounds: number }> {
  const maxRounds = options.maxRounds ?? domain.maxRounds ?? DEFAULT_MAX_ROUNDS;
  try {
    const opened = await openRemoteEvaluation(remote, {
      planner: options.planner,
      grounder: options.grounder,
      domain: spec.domain,
      domainOptions: { ...spec.defaultDomainOptions?.(options.dataDir), ...options.domainOptions },
      dataDir: options.dataDir,
      formulation,
      maxRounds,
      onActionError: options.onActionError,
      parallel: options.parallel,
      chatStyle: options.chatStyle,
      constrained: options.constrained,
      constraintForm: options.constraintForm,
    });
    options.progress?.write(`running on the LangGraph server ${opened.url}, assistant ${opened.assistant.assistantId} (graph ${opened.assistant.graphId})\n`);
    return { solve: opened.solve, maxRounds };
  } catch (error) {
    if (error instanceof ConfigurationError) throw new EvaluationSetupError(error.message);
    throw error;
  }
}

/** The dataset's scorer when its metric needs resources (a database), with the run's domain options. */
async function openScoring(spec: DatasetSpec, options: EvaluateOptions): Promise<ScoringSession | undefined> {
  if (!spec.scorer) return undefined;
  try {
    return await spec.scorer({ dataDir: options.dataDir, domainOptions: { ...spec.defaultDomainOptions?.(options.dataDir), ...options.domainOptions } });
  } catch (error) {
    if (error instanceof ConfigurationError) throw new EvaluationSetupError(`${spec.title}: ${error.message}`);
    throw error;
  }
}

interface RunParts {
  solve: Solve;
  tasks: TaskList;
  /** Tasks selected before sharding. */
  selected: number;
  /** The tasks' categories, for datasets that have them. */
  categoryOf?: (id: string) => string | undefined;
  formulation: Formulation;
  maxRounds: number | string;
  domain: LumosDomain;
  judgeModel: Awaited<ReturnType<typeof createLanguageModel>> | undefined;
  metric: Metric;
}

async function runAndReport(spec: DatasetSpec, options: EvaluateOptions, parts: RunParts): Promise<EvaluateResult> {
  const { solve, tasks, formulation, maxRounds, domain, judgeModel, metric } = parts;

  const paths = runPaths(options.outDir);
  if (!options.resume && existsSync(paths.predictions)) {
    throw new EvaluationSetupError(`${paths.predictions} already exists: pass --resume to continue that run, or choose another --out`);
  }

  // a constrained run is another run: run.json says so (resuming without it is refused) and so do the reports
  const form = options.constraintForm ?? "auto";
  const constrained: RunIdentity = options.constrained ? { constrained: true, constraintForm: form } : {};
  const notes = [...(domain.runNotes ?? []), ...(options.constrained ? [`constrained decoding: planner and grounder replies follow a grammar (sent as ${form})`] : [])];
  const meta = {
    dataset: spec.name,
    formulation,
    planner: describe(options.planner),
    grounder: describe(options.grounder),
    subset: options.subset ?? "full",
    limit: options.limit ?? null,
    ...(spec.splits ? { split: options.split ?? spec.splits[0] } : {}),
    // only when not the default, so the files of a default run stay as they were
    ...(options.onActionError && options.onActionError !== "stop" ? { onActionError: options.onActionError } : {}),
    ...(options.shard ? { shard: shardLabel(options.shard) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
  // notes follow from the options (the ranker's label): they are not part of what a resumed run must match;
  // the shard is, in full (with how many tasks were selected), and last, so the merged run's run.json is the
  // unsharded run's
  const { notes: _notes, shard: _shard, ...identifying } = meta;
  const identity: RunIdentity = {
    ...identifying,
    maxRounds,
    // only a non-default style is written, so run folders written before the option existed still resume
    ...(options.chatStyle && options.chatStyle !== "in-context" ? { chatStyle: options.chatStyle } : {}),
    ...constrained,
    domain: domain.name,
    // run.json is a file people share: a password in a URL option (--sql-url) is not written into it
    domainOptions: Object.fromEntries(
      Object.entries(options.domainOptions ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, typeof v === "string" ? redactUrlPassword(v) : v])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ),
    ...(options.shard ? { shard: { index: options.shard.index, count: options.shard.count, of: parts.selected } } : {}),
  };
  if (options.resume) {
    try {
      await checkResumedRun(options.outDir, identity);
    } catch (error) {
      if (error instanceof RunMismatchError) throw new EvaluationSetupError(error.message);
      throw error;
    }
  }
  await mkdir(options.outDir, { recursive: true });
  // a fresh run (re)defines its folder; a resumed one keeps the identity it was checked against
  if (!options.resume || !existsSync(runIdentityPath(options.outDir))) await writeRunIdentity(options.outDir, identity);

  const run = await runEvaluation({
    items: tasks,
    solve: (item, signal) => {
      options.onTaskStart?.(item);
      return solve(item, signal);
    },
    metric,
    extraScores: judgeModel
      ? async (item, prediction) => ({ judge: prediction === null ? 0 : await judgeCorrect(judgeModel, item.question, prediction, item.gold) })
      : undefined,
    predictionsPath: paths.predictions,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryDelayMs: options.retryDelayMs,
    resume: options.resume,
    retryErrors: options.retryErrors,
    schedule: options.schedule,
    progress: options.progress,
  });

  const { summary, timing } = await writeRunReports({
    paths,
    meta,
    tasks: run.tasks,
    metricNames: [...metric.names, ...(judgeModel ? ["judge"] : [])],
    weightedBy: metric.weightedBy,
    categoryOf: parts.categoryOf,
    wall: run.wallMs,
  });
  return { summary, timing, records: () => runRecords(paths.predictions, run.tasks), resumed: run.resumed, dropped: run.dropped, paths };
}
