/**
 * The run context a remote evaluation sends with every task: what a local evaluation builds into its graph
 * (models as specs, the domain by name with its options, the run options, the data directory), in the shape
 * the Lumos graphs' context schema accepts. Only what can travel as JSON travels: an oracle or a ready model
 * or domain object lives in this process and cannot.
 */
import { resolve } from "node:path";
import { ConfigurationError } from "../../core/errors.js";
import type { Formulation } from "../../core/records.js";
import type { ActionErrorPolicy, ConstraintForm } from "../../core/runOptions.js";
import type { ChatStyle } from "../../core/chatStyle.js";
import { LumosContextSchema, type LumosContext } from "../../graph/context.js";

export interface RemoteContextParts {
  /** Model specs, or anything else (which is refused). */
  planner: unknown;
  grounder: unknown;
  /** The registered domain's name (the server creates it from the name and the options). */
  domain: string;
  domainOptions: Record<string, unknown>;
  /** Read on the server's file system: sent as an absolute path, so a server started elsewhere finds the same files. */
  dataDir: string;
  formulation: Formulation;
  maxRounds: number;
  onActionError?: ActionErrorPolicy;
  parallel?: boolean;
  chatStyle?: ChatStyle;
  constrained?: boolean;
  constraintForm?: ConstraintForm;
}

function modelSpec(value: unknown, module: "planner" | "grounder"): string {
  if (value === "oracle") {
    throw new ConfigurationError(
      `--${module} oracle replays gold programs held by this process and cannot run on a LangGraph server: run the evaluation locally (without --remote), or serve the gold programs over an OpenAI-compatible completions endpoint the server can reach and pass its completion: spec`,
    );
  }
  if (typeof value !== "string") throw new ConfigurationError(`a remote evaluation sends the ${module} to the server as a model spec: a model object cannot travel (pass its spec)`);
  return value;
}

/** The context of every run, validated against the graphs' own context schema before any task starts. */
export function remoteRunContext(parts: RemoteContextParts): LumosContext {
  const context: Record<string, unknown> = {
    // domain options first: a run option or model of the same name must not be overridden by one
    ...parts.domainOptions,
    planner: modelSpec(parts.planner, "planner"),
    grounder: modelSpec(parts.grounder, "grounder"),
    domain: parts.domain,
    dataDir: resolve(parts.dataDir),
    formulation: parts.formulation,
    maxRounds: parts.maxRounds,
    onActionError: parts.onActionError,
    parallel: parts.parallel,
    chatStyle: parts.chatStyle,
    constrained: parts.constrained,
    constraintForm: parts.constraintForm,
  };
  const defined = Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined));
  const parsed = LumosContextSchema.safeParse(defined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(`the run context for the server is not valid: ${issue.path.join(".")}: ${issue.message}`);
  }
  // sent as given (not the parsed copy): the graph applies its own defaults, as it does for a local run
  return defined as LumosContext;
}
