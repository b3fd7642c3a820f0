/**
 * Maps an action's argument text onto a tool's zod schema. A one-field schema takes the whole text
 * (all built-in tools); several fields take `Name: value` pairs or positional values separated by ", ".
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { splitOutsideBrackets } from "./parse.js";

export class ToolInputError extends Error {
  override name = "ToolInputError";
}

/** Field names of a tool's input schema (zod object or JSON schema), in declaration order. */
export function schemaKeys(tool: StructuredToolInterface): string[] {
  const schema = tool.schema as { shape?: Record<string, unknown>; _def?: { shape?: () => Record<string, unknown> } };
  const shape = schema.shape ?? schema._def?.shape?.();
  if (shape && typeof shape === "object") return Object.keys(shape);
  const json = tool.schema as { properties?: Record<string, unknown> };
  return json.properties ? Object.keys(json.properties) : [];
}

export function toolInput(tool: StructuredToolInterface, argText: string): Record<string, string> {
  const keys = schemaKeys(tool);
  if (keys.length === 0) return {};
  if (keys.length === 1) return { [keys[0]]: argText };
  const parts = splitOutsideBrackets(argText, ",").map((p) => p.trim()).filter((p) => p !== "");
  const input: Record<string, string> = {};
  const positional: string[] = [];
  for (const part of parts) {
    const labelled = /^([A-Za-z_][\w ]*?)\s*:\s*([\s\S]*)$/.exec(part);
    const key = labelled && keys.find((k) => k.toLowerCase() === labelled[1].toLowerCase().replace(/ /g, "_"));
    if (labelled && key) input[key] = labelled[2];
    else positional.push(part);
  }
  for (const key of keys) {
    if (!(key in input) && positional.length > 0) input[key] = positional.shift() as string;
  }
  if (positional.length > 0) {
    const last = keys[keys.length - 1];
    input[last] = [input[last], ...positional].filter((v) => v !== undefined).join(", ");
  }
  return input;
}
