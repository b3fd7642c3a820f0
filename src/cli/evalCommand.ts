/** `lumos eval`: a benchmark through the graph with the harness (concurrency, resume, reports). */
import { lumosEnvironment } from "../config.js";
import { join } from "node:path";
import { DATASET_NAMES, UnknownDatasetError } from "../eval/benchmarks.js";
import { datasetFromFlag } from "./datasetFlag.js";
import { evaluateDataset, EvaluationSetupError } from "../eval/evaluate.js";
import { CONSTRAINT_FLAGS, constraintFromFlags } from "./constraintFlags.js";
import { DOMAIN_FLAGS, domainFromFlags, domainOptionsFromFlags } from "./domainOptions.js";
import { EVAL_HELP } from "./help.js";
import { oneOf, parseCommandArgs, positiveInteger, requireModelSpec } from "./options.js";
import { resolveDataDir } from "./dataDir.js";
import type { CliIO } from "./io.js";
import { UsageError } from "./usageError.js";
import { cleanUpOnFailure, requireDirectoryTarget } from "./outputDir.js";
import { CHAT_STYLES } from "../core/chatStyle.js";
import { REMOTE_FLAGS, remoteFromFlags } from "./remoteFlags.js";
import { firstTaskTrace } from "./startupTrace.js";
import { parseShard, ShardFormatError, type Shard } from "../eval/shard.js";

function shardFromFlag(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    if (error instanceof ShardFormatError) throw new UsageError(`--shard: ${error.message}`);
    throw error;
  }
}

function modelOrOracle(value: string | undefined, flag: string): string {
  return value === "oracle" ? value : requireModelSpec(value, flag);
}

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  const { values: raw } = parseCommandArgs(argv, {
    dataset: { type: "string" },
    planner: { type: "string" },
    grounder: { type: "string" },
    formulation: { type: "string" },
    limit: { type: "string" },
    subset: { type: "string" },
    split: { type: "string" },
    shard: { type: "string" },
    concurrency: { type: "string" },
    out: { type: "string" },
    resume: { type: "boolean" },
    "retry-errors": { type: "boolean" },
    "data-dir": { type: "string" },
    judge: { type: "string" },
    "max-rounds": { type: "string" },
    "on-action-error": { type: "string" },
    "timeout-s": { type: "string" },
    parallel: { type: "boolean" },
    "chat-style": { type: "string" },
    ...REMOTE_FLAGS,
    ...CONSTRAINT_FLAGS,
    ...DOMAIN_FLAGS,
    help: { type: "boolean", short: "h" },
  });
  const values = raw as Record<string, string | undefined> & { resume?: boolean; help?: boolean };
  if (values.help) {
    io.stdout(EVAL_HELP);
    return 0;
  }
  if (!values.dataset) throw new UsageError(`missing --dataset (one of ${DATASET_NAMES.join(", ")})`);
  const planner = modelOrOracle(values.planner, "--planner");
  const grounder = modelOrOracle(values.grounder, "--grounder");
  const judge = values.judge === undefined ? undefined : requireModelSpec(values.judge, "--judge");
  const formulation = oneOf(values.formulation, "--formulation", ["iterative", "onetime"] as const, "iterative");
  const subset = oneOf(values.subset, "--subset", ["full", "paper"] as const, "full");
  const limit = values.limit === undefined ? undefined : positiveInteger(values.limit, "--limit", 1);
  const shard = values.shard === undefined ? undefined : shardFromFlag(values.shard);
  const concurrency = positiveInteger(values.concurrency, "--concurrency", 4);
  const maxRounds = values["max-rounds"] === undefined ? undefined : positiveInteger(values["max-rounds"], "--max-rounds", 8);
  const timeoutMs = positiveInteger(values["timeout-s"], "--timeout-s", 600) * 1000;
  const constraint = constraintFromFlags(raw);
  const onActionError = oneOf(values["on-action-error"], "--on-action-error", ["stop", "continue", "replan"] as const, "stop");
  const chatStyle = values["chat-style"] === undefined ? undefined : oneOf(values["chat-style"], "--chat-style", CHAT_STYLES, "in-context");
  const remote = remoteFromFlags(raw, lumosEnvironment());
  const dataDir = resolveDataDir(values["data-dir"]);
  const spec = datasetFromFlag(values.dataset);
  const domain = spec.unavailable ? undefined : await domainFromFlags(spec.domain, raw, dataDir, spec.defaultDomainOptions?.(dataDir));
  if (values.resume && !values.out) throw new UsageError("--resume needs --out DIR (the directory of the run to continue)");
  if (values["retry-errors"] && !values.resume) throw new UsageError("--retry-errors goes with --resume (it reruns the tasks a run recorded with errors)");
  // a fresh directory per run unless one is named, so running the same command twice never collides
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  const outDir = values.out ?? join("runs", `${values.dataset}-${formulation}${subset === "paper" ? "-paper" : ""}-${stamp}`);
  requireDirectoryTarget(outDir);
  const dataset = values.dataset;

  try {
    // a folder this run created is removed again if the run fails before writing a result
    const result = await cleanUpOnFailure(outDir, () => evaluateDataset({
      dataset,
      dataDir,
      planner,
      grounder,
      formulation,
      limit,
      subset,
      shard,
      split: values.split,
      concurrency,
      outDir,
      resume: values.resume,
      retryErrors: raw["retry-errors"] === true,
      judge,
      maxRounds,
      onActionError,
      timeoutMs,
      parallel: raw.parallel === true,
      chatStyle,
      domain,
      domainOptions: domainOptionsFromFlags(raw),
      ...constraint,
      remote,
      progress: { write: io.stderr, isTTY: Boolean(process.stderr.isTTY) && !lumosEnvironment().ci },
      onTaskStart: firstTaskTrace(io.stderr),
    }));
    const { summary } = result;
    if (result.resumed > 0) io.stdout(`resumed: ${result.resumed} task(s) were already done${result.dropped ? `, ${result.dropped} partial line(s) dropped` : ""}\n`);
    io.stdout(`${summary.dataset}${summary.split ? ` ${summary.split}` : ""}${summary.shard ? ` shard ${summary.shard}` : ""} (Lumos-${formulation === "onetime" ? "O" : "I"}, planner ${summary.planner}, grounder ${summary.grounder}${summary.onActionError ? `, on action error ${summary.onActionError}` : ""})\n`);
    for (const note of summary.notes ?? []) io.stdout(`  note: ${note}\n`);
    for (const [name, value] of Object.entries(summary.metrics)) io.stdout(`  ${name.padEnd(16)} ${value.toFixed(2)}\n`);
    io.stdout(`  tasks ${summary.tasks}, answered ${summary.answered}, correct ${summary.correct}${Object.entries(summary.totals ?? {}).map(([name, total]) => `, ${name} ${total}`).join("")}\n`);
    io.stdout(`  stop reasons ${JSON.stringify(summary.stopReasons)}\n`);
    io.stdout(`wrote ${result.paths.predictions}, ${result.paths.summary}, ${result.paths.markdown}, ${result.paths.html}\n`);
    return 0;
  } catch (error) {
    if (error instanceof EvaluationSetupError || error instanceof UnknownDatasetError) throw new UsageError(error.message);
    throw error;
  }
}
