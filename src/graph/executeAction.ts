/**
 * Running one grounded action. Every failure (malformed action, unknown tool, undefined variable,
 * arguments that do not fit the tool's schema, a throwing tool) comes back as a value with the reason,
 * never as an exception. An action claimed by a tool node is prepared here, run by that node, and completed
 * here when its ToolMessage comes back.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { ToolMessage } from "@langchain/core/messages";
import type { GroundedItem, LumosError, ParsedAction } from "../actions/types.js";
import { textOf } from "../models/text.js";
import type { BindingContext, LumosDomain } from "../domains/types.js";
import type { ExecutedAction } from "./records.js";
import { toolInput } from "./toolInput.js";

export interface ActionOutcome {
  executed: ExecutedAction;
  /** Values to store in the result table (empty on failure). */
  stored: Record<string, string>;
  error?: LumosError;
}

export interface ActionContext {
  domain: LumosDomain;
  tools: Map<string, StructuredToolInterface>;
  /** Actions that a tool node runs: action name to node name and the tool describing its arguments. */
  claimed?: Map<string, { node: string; tool: StructuredToolInterface }>;
  results: Record<string, string>;
  subgoal: number;
  binding: BindingContext;
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
    bound = context.domain.bindArguments(action, context.results, context.binding);
  } catch (error) {
    const message = (error as Error).message;
    return fail(message.startsWith("undefined variable") ? "undefined_variable" : "invalid_arguments", message);
  }
  const boundArgs = typeof bound === "string" ? bound : JSON.stringify(bound);
  if (!tool) return { kind: "assignment", action, value: typeof bound === "string" ? bound : Object.values(bound).join(", "), boundArgs }; // `Output = R9`
  return { kind: "tool", action, tool, input: typeof bound === "string" ? toolInput(tool, bound) : bound, boundArgs, node: claim?.node };
}

/** The values a tool returned: its artifact when it is a list (SolveEquation), else its text. */
export function valuesOf(message: ToolMessage): string[] {
  const artifact = (message as { artifact?: unknown }).artifact;
  return Array.isArray(artifact) ? artifact.map(String) : [textOf(message).trim()];
}

/** Stores the values in the action's result variables and writes the log line. */
export function completeAction(action: ParsedAction, values: string[], boundArgs: string, context: ActionContext, ms: number): ActionOutcome {
  const { outputs } = action;
  if (outputs.length > 1 && values.length !== outputs.length) {
    const item: GroundedItem = { ok: true, action };
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

/** The outcome of a tool failure, classifying schema mismatches as invalid arguments. */
export function toolFailure(action: ParsedAction, error: unknown, boundArgs: string, context: ActionContext, ms: number): ActionOutcome {
  const text = (error as Error).message ?? String(error);
  const schemaMismatch = /schema|expected|invalid/i.test((error as Error).name ?? "") || /did not match expected schema/i.test(text);
  return failedAction({ ok: true, action }, context, schemaMismatch ? "invalid_arguments" : "tool_error", `${action.tool}: ${text}`, ms, { boundArgs });
}

let callCounter = 0;

export function nextToolCallId(): string {
  return `lumos-${Date.now().toString(36)}-${++callCounter}`;
}

/** Runs an action with the domain's own tools (not one claimed by a tool node). */
export async function executeAction(item: GroundedItem, context: ActionContext): Promise<ActionOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const prepared = prepareAction(item, context);
  if (prepared.kind === "failed") return prepared.outcome;
  if (prepared.kind === "assignment") return completeAction(prepared.action, [prepared.value], prepared.boundArgs, context, elapsed());
  try {
    const message = (await prepared.tool.invoke({ name: prepared.tool.name, args: prepared.input, id: nextToolCallId(), type: "tool_call" }, { signal: context.signal })) as ToolMessage;
    return completeAction(prepared.action, valuesOf(message), prepared.boundArgs, context, elapsed());
  } catch (error) {
    if (context.signal?.aborted) throw error;
    return toolFailure(prepared.action, error, prepared.boundArgs, context, elapsed());
  }
}
