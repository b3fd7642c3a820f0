/** `lumos run`: one task through the graph, streamed as it happens or printed as one JSON object. */
import { createLumosGraph } from "../graph/build.js";
import { getDomain, missingDomainOptions, UnknownDomainError } from "../domains/registry.js";
import { createModuleModel } from "../models/fromSpec.js";
import { DOMAIN_FLAGS, domainOptionsFromFlags } from "./domainOptions.js";
import { resolveDataDir } from "./dataDir.js";
import type { LumosStateValue } from "../graph/state.js";
import { RUN_HELP } from "./help.js";
import { oneOf, parseCommandArgs, positiveInteger, requireModelSpec } from "./options.js";
import { progressLine, type ProgressEvent } from "./progress.js";
import { UsageError } from "./usageError.js";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The JSON shape of a finished run (also what the evaluation harness records). */
export function runSummary(state: LumosStateValue) {
  return {
    task: state.task,
    answer: state.answer,
    stopReason: state.stopReason,
    subgoals: state.subgoals.map((s) => s.text),
    actions: state.actions.map((a) => a.logged),
    results: state.results,
    errors: state.errors,
    rounds: state.round,
    transcripts: state.transcripts,
  };
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values: raw, positionals } = parseCommandArgs(argv, {
    planner: { type: "string" },
    grounder: { type: "string" },
    domain: { type: "string" },
    formulation: { type: "string" },
    "max-rounds": { type: "string" },
    "on-action-error": { type: "string" },
    "chat-style": { type: "string" },
    "data-dir": { type: "string" },
    ...DOMAIN_FLAGS,
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  const values = raw as Record<string, string | undefined> & { json?: boolean; help?: boolean; wikipedia?: boolean };
  if (values.help) {
    io.stdout(RUN_HELP);
    return 0;
  }
  const task = positionals.join(" ").trim();
  if (task === "") throw new UsageError('missing the task text: lumos run [options] "task text"');
  const plannerSpec = requireModelSpec(values.planner, "--planner");
  const grounderSpec = requireModelSpec(values.grounder, "--grounder");
  const formulation = oneOf(values.formulation, "--formulation", ["iterative", "onetime"] as const, "iterative");
  const maxRounds = positiveInteger(values["max-rounds"], "--max-rounds", 8);
  const onActionError = oneOf(values["on-action-error"], "--on-action-error", ["stop", "continue"] as const, "stop");
  const chatStyle = oneOf(values["chat-style"], "--chat-style", ["in-context", "lumos"] as const, "in-context");

  let domain;
  try {
    const domainName = values.domain ?? "maths";
    const domainOptions = await domainOptionsFromFlags(raw, resolveDataDir(values["data-dir"]));
    const missing = missingDomainOptions(domainName, domainOptions);
    if (missing) throw new UsageError(missing);
    domain = getDomain(domainName, domainOptions);
  } catch (error) {
    if (error instanceof UnknownDomainError) throw new UsageError(error.message);
    throw error;
  }
  const planner = await createModuleModel(plannerSpec, { chatStyle });
  const grounder = await createModuleModel(grounderSpec, { chatStyle });
  const graph = createLumosGraph({ planner, grounder, domain, formulation, maxRounds, onActionError });

  let final: LumosStateValue | undefined;
  const stream = await graph.stream({ task }, { streamMode: ["custom", "values"] });
  for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
    if (mode === "values") final = chunk as LumosStateValue;
    else if (!values.json) {
      const line = progressLine(chunk as ProgressEvent);
      if (line) io.stdout(`${line}\n`);
    }
  }
  if (!final) throw new Error("the graph produced no state");
  if (values.json) {
    io.stdout(`${JSON.stringify(runSummary(final), null, 2)}\n`);
  } else {
    for (const error of final.errors) io.stdout(`  error (${error.module}, ${error.kind}): ${error.message}\n`);
    io.stdout(`Answer: ${final.answer ?? "(none)"}\nStop reason: ${final.stopReason}\n`);
  }
  return final.stopReason === "model_error" ? 1 : 0;
}
