/**
 * Runs one grounded action with the domain's tools. Every failure (malformed action, unknown tool,
 * undefined variable, arguments that do not fit the tool's schema, a throwing tool) comes back as a
 * value with the reason, never as an exception.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { ToolMessage } from "@langchain/core/messages";
import type { GroundedItem, LumosError } from "../actions/types.js";
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
  results: Record<string, string>;
  subgoal: number;
  binding: BindingContext;
  signal?: AbortSignal;
}

let callCounter = 0;

export async function executeAction(item: GroundedItem, context: ActionContext): Promise<ActionOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (kind: LumosError["kind"], message: string, partial: Partial<ExecutedAction> = {}): ActionOutcome => ({
    executed: {
      subgoal: context.subgoal,
      text: item.ok ? item.action.text : item.text,
      tool: item.ok ? item.action.tool : "",
      outputs: item.ok ? item.action.outputs : [],
      values: [],
      logged: item.ok ? item.action.text : item.text,
      error: message,
      ms: elapsed(),
      ...partial,
    },
    stored: {},
    error: { kind, module: "executor", message, input: item.ok ? item.action.text : item.text },
  });

  if (!item.ok) return failed("malformed_action", item.error);
  const { action } = item;
  const tool = action.tool === "" ? undefined : context.tools.get(action.tool);
  if (action.tool !== "" && !tool) {
    return failed("unknown_tool", `unknown action "${action.tool}" (available: ${[...context.tools.keys()].join(", ")})`);
  }
  let bound: string | Record<string, string>;
  try {
    bound = context.domain.bindArguments(action, context.results, context.binding);
  } catch (error) {
    const message = (error as Error).message;
    return failed(message.startsWith("undefined variable") ? "undefined_variable" : "invalid_arguments", message);
  }

  const boundArgs = typeof bound === "string" ? bound : JSON.stringify(bound);
  let values: string[];
  if (!tool) {
    values = [typeof bound === "string" ? bound : Object.values(bound).join(", ")]; // plain assignment such as `Output = R9`
  } else {
    try {
      const input = typeof bound === "string" ? toolInput(tool, bound) : bound;
      const message = (await tool.invoke(
        { name: tool.name, args: input, id: `lumos-${++callCounter}`, type: "tool_call" },
        { signal: context.signal },
      )) as ToolMessage;
      const artifact = (message as { artifact?: unknown }).artifact;
      values = Array.isArray(artifact) ? artifact.map(String) : [textOf(message).trim()];
    } catch (error) {
      if (context.signal?.aborted) throw error;
      const text = (error as Error).message ?? String(error);
      const schemaMismatch = /schema|expected|invalid/i.test((error as Error).name ?? "") || /did not match expected schema/i.test(text);
      return failed(schemaMismatch ? "invalid_arguments" : "tool_error", `${action.tool}: ${text}`, { boundArgs });
    }
  }

  const { outputs } = action;
  if (outputs.length > 1 && values.length !== outputs.length) {
    return failed("tool_error", `${action.tool || "assignment"} produced ${values.length} value(s) for ${outputs.length} result variables`, { boundArgs, values });
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
      ms: elapsed(),
    },
    stored,
  };
}
