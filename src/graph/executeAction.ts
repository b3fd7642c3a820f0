/**
 * Running one grounded action. Every failure (malformed action, unknown tool, undefined variable,
 * arguments that do not fit the tool's schema, a throwing tool, a tool past its time limit or result cap)
 * comes back as a value with the reason, never as an exception. An action claimed by a tool node is
 * prepared here, run by that node, and completed here when its ToolMessage comes back.
 */
import { ToolInputParsingException, type StructuredToolInterface } from "@langchain/core/tools";
import type { ToolMessage } from "@langchain/core/messages";
import type { GroundedItem, ParsedAction } from "../actions/types.js";
import { undefinedVariables } from "../actions/variables.js";
import { LumosActionError, UndefinedVariableError } from "../core/errors.js";
import { ToolTimeoutError, toolErrorKind } from "../isolation/errors.js";
import type { ExecutedAction, LumosError } from "../core/records.js";
import { ENVIRONMENT_CONFIG_KEY } from "../domains/environment.js";
import type { BindingContext, LumosDomain } from "../domains/types.js";
import { errorMessage } from "../errors/message.js";
import { textOf } from "../models/text.js";
import { toolInput } from "../actions/toolInput.js";

/** Bounds on one action: wall time and the size of what it returns. */
export interface ActionLimits {
  /** Wall-clock limit of one tool call, in ms (default 120 s: QA tools wait on models and retrieval). */
  timeoutMs: number;
  /** Largest result (all values together) an action may return, in characters (default 1,000,000). */
  maxResultChars: number;
}

export const DEFAULT_ACTION_LIMITS: ActionLimits = { timeoutMs: 120_000, maxResultChars: 1_000_000 };

export interface ActionOutcome {
  executed: ExecutedAction;
  /** Values to store in the result table (empty on failure). */
  stored: Record<string, string>;
  error?: LumosError;
  /** What the tool reported besides its result, recorded but not a failure (WebShop: a click that did nothing). */
  notice?: LumosError;
}

export interface ActionContext {
  domain: LumosDomain;
  tools: Map<string, StructuredToolInterface>;
  /** Actions that a tool node runs: action name to node name and the tool describing its arguments. */
  claimed?: Map<string, { node: string; tool: StructuredToolInterface }>;
  results: Record<string, string>;
  subgoal: number;
  binding: BindingContext;
  limits: ActionLimits;
  /** The task's open environment, handed to tools in their config. */
  environment?: unknown;
  signal?: AbortSignal;
}

export type PreparedAction =
  | { kind: "failed"; outcome: ActionOutcome }
  | { kind: "assignment"; action: ParsedAction; value: string; boundArgs: string }
  | { kind: "tool"; action: ParsedAction; tool: StructuredToolInterface; input: Record<string, unknown>; boundArgs: string; node?: string };

export function failedAction(item: GroundedItem, context: ActionContext, kind: LumosError["kind"], message: string, ms: number, partial: Partial<ExecutedAction> = {}): ActionOutcome {
  const text = item.ok ? item.action.text : item.text;
  return {
    executed: { subgoal: context.subgoal, text, tool: item.ok ? item.action.tool : "", outputs: item.ok ? item.action.outputs : [], values: [], logged: text, error: message, ms, ...partial },
    stored: {},
    error: { kind, module: "executor", message, input: text },
  };
}

/** Checks and binds an action; says which tool (or tool node) runs it and with what input. */
export function prepareAction(item: GroundedItem, context: ActionContext): PreparedAction {
  const fail = (kind: LumosError["kind"], message: string): PreparedAction => ({ kind: "failed", outcome: failedAction(item, context, kind, message, 0) });
  if (!item.ok) return fail("malformed_action", item.error);
  const { action } = item;
  const claim = context.claimed?.get(action.tool);
  const tool = action.tool === "" ? undefined : (claim?.tool ?? context.tools.get(action.tool));
  if (action.tool !== "" && !tool) {
    const available = [...context.tools.keys(), ...(context.claimed?.keys() ?? [])];
    return fail("unknown_tool", `unknown action "${action.tool}" (available: ${available.join(", ")})`);
  }
  let bound: string | Record<string, string>;
  try {
    // every domain refuses variables without a value: checked once here
    const missing = context.domain.literalArguments ? [] : undefinedVariables(action.args, context.results);
    if (missing.length > 0) throw new UndefinedVariableError(missing);
    bound = context.domain.bindArguments(action, context.results, context.binding);
  } catch (error) {
    return fail(error instanceof LumosActionError ? error.kind : "invalid_arguments", errorMessage(error));
  }
  const boundArgs = typeof bound === "string" ? bound : JSON.stringify(bound);
  if (!tool) return { kind: "assignment", action, value: typeof bound === "string" ? bound : Object.values(bound).join(", "), boundArgs }; // `Output = R9`
  return { kind: "tool", action, tool, input: typeof bound === "string" ? toolInput(tool, bound) : bound, boundArgs, node: claim?.node };
}

/** A tool's artifact as an object: `{ values, notice }` (WebShop), else nothing. */
function artifactObject(message: ToolMessage): { values?: unknown; notice?: unknown } | undefined {
  const artifact = (message as { artifact?: unknown }).artifact;
  return typeof artifact === "object" && artifact !== null && !Array.isArray(artifact) ? artifact : undefined;
}

/**
 * The values a tool returned: its artifact when it is a list (SolveEquation) or holds `values` (exact texts,
 * WebShop's Python `str()`s, kept untrimmed), else its text.
 */
export function valuesOf(message: ToolMessage): string[] {
  const artifact = (message as { artifact?: unknown }).artifact;
  if (Array.isArray(artifact)) return artifact.map(String);
  const values = artifactObject(message)?.values;
  return Array.isArray(values) ? values.map(String) : [textOf(message).trim()];
}

/** A notice the tool attached to its result (an artifact `{ notice: "..." }`), if any. */
export function noticeOf(message: ToolMessage): string | undefined {
  const notice = artifactObject(message)?.notice;
  return typeof notice === "string" ? notice : undefined;
}

/** Stores the values in the action's result variables and writes the log line. */
export function completeAction(action: ParsedAction, values: string[], boundArgs: string, context: ActionContext, ms: number): ActionOutcome {
  const { outputs } = action;
  const item: GroundedItem = { ok: true, action };
  const size = values.reduce((n, v) => n + v.length, 0);
  if (size > context.limits.maxResultChars) {
    // an error, never a cut-down value presented as the real result
    return failedAction(item, context, "tool_error", `${action.tool || "assignment"} returned ${size} characters, over the result cap of ${context.limits.maxResultChars}`, ms, { boundArgs });
  }
  if (outputs.length > 1 && values.length !== outputs.length) {
    return failedAction(item, context, "tool_error", `${action.tool || "assignment"} produced ${values.length} value(s) for ${outputs.length} result variables`, ms, { boundArgs, values });
  }
  const stored = outputs.length === 1 ? { [outputs[0]]: values.join(", ") } : Object.fromEntries(outputs.map((o, i) => [o, values[i]]));
  return {
    executed: {
      subgoal: context.subgoal,
      text: action.text,
      tool: action.tool,
      outputs,
      boundArgs,
      values,
      // one line, whatever the tool returned: feedback reads it
      logged: `${action.text} = ${values.join(", ").replace(/\s*\n\s*/g, " ")}`,
      ms,
    },
    stored,
  };
}

/** The outcome of a tool failure, by error type: schema mismatches are invalid arguments, overruns timeouts. */
export function toolFailure(action: ParsedAction, error: unknown, boundArgs: string, context: ActionContext, ms: number): ActionOutcome {
  const text = errorMessage(error);
  const kind: LumosError["kind"] =
    error instanceof LumosActionError ? error.kind : error instanceof ToolInputParsingException ? "invalid_arguments" : toolErrorKind(error);
  const outcome = failedAction({ ok: true, action }, context, kind, `${action.tool}: ${text}`, ms, { boundArgs });
  // a service that may answer next time (a rerank endpoint): `--retry-errors` runs the task again
  if ((error as { retryable?: unknown } | null)?.retryable === true && outcome.error) outcome.error.retryable = true;
  return outcome;
}

let callCounter = 0;

export function nextToolCallId(): string {
  return `lumos-${Date.now().toString(36)}-${++callCounter}`;
}

/** Calls a tool with the run's signal and the action's time limit; a tool that ignores the signal is abandoned. */
async function invokeBounded(prepared: Extract<PreparedAction, { kind: "tool" }>, context: ActionContext): Promise<ToolMessage> {
  const limit = context.limits.timeoutMs;
  // the tool's signal: aborted by the run's signal or the time limit (a listener, not AbortSignal.any, which
  // costs some 20 µs and a weak registration per call)
  const controller = new AbortController();
  const parent = context.signal;
  const forward = () => controller.abort(parent?.reason);
  if (parent?.aborted) forward();
  else parent?.addEventListener("abort", forward, { once: true });
  let timedOut: ToolTimeoutError | undefined;
  let handle: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_resolve, reject) => {
    handle = setTimeout(() => {
      timedOut = new ToolTimeoutError(`no result within the action time limit of ${limit} ms`, prepared.tool.name, limit);
      controller.abort(timedOut);
      reject(timedOut);
    }, limit);
  });
  const call = prepared.tool.invoke(
    { name: prepared.tool.name, args: prepared.input, id: nextToolCallId(), type: "tool_call" },
    { signal: controller.signal, configurable: { [ENVIRONMENT_CONFIG_KEY]: context.environment } },
  ) as Promise<ToolMessage>;
  call.catch(() => undefined); // an abandoned call may still fail later
  try {
    return await Promise.race([call, overrun]);
  } catch (error) {
    if (timedOut) throw timedOut;
    throw error;
  } finally {
    clearTimeout(handle);
    parent?.removeEventListener("abort", forward);
  }
}

/** Runs an action with the domain's own tools (not one claimed by a tool node). */
export async function executeAction(item: GroundedItem, context: ActionContext): Promise<ActionOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const prepared = prepareAction(item, context);
  if (prepared.kind === "failed") return prepared.outcome;
  if (prepared.kind === "assignment") return completeAction(prepared.action, [prepared.value], prepared.boundArgs, context, elapsed());
  try {
    const message = await invokeBounded(prepared, context);
    const outcome = completeAction(prepared.action, valuesOf(message), prepared.boundArgs, context, elapsed());
    const notice = noticeOf(message);
    if (notice === undefined || outcome.error) return outcome;
    return { ...outcome, notice: { kind: "action_notice", module: "executor", message: `${prepared.action.tool}: ${notice}`, input: prepared.action.text } };
  } catch (error) {
    if (context.signal?.aborted) throw error;
    return toolFailure(prepared.action, error, prepared.boundArgs, context, elapsed());
  }
}
