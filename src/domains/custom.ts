/**
 * Domains of your own, and built-in domains with extra tools. Any LangChain StructuredTool becomes an
 * action `R1 = ToolName(arguments)`: the arguments are mapped onto the tool's zod schema (a one-field schema
 * takes the whole text; several fields take `Name: value` pairs or positional values), and a mismatch is a
 * recorded error. A custom domain's action-list text is generated from the tools' names, fields and
 * descriptions; built-in domains keep the exact constants the checkpoints were trained on.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { schemaKeys } from "../actions/toolInput.js";
import { createDomain, type DomainParts } from "./defaults.js";
import type { LumosDomain } from "./types.js";

/** "The available action list is 'A', 'B', and 'C'.\nA(x): does a; B(y, z): does b; C(w): does c.\n\n" */
export function describeActions(tools: StructuredToolInterface[]): string {
  const names = tools.map((t) => `'${t.name}'`);
  const list = names.length <= 1 ? names.join("") : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(", ")}, and ${names[names.length - 1]}`;
  const lines = tools.map((t) => `${t.name}(${schemaKeys(t).join(", ")}): ${t.description.trim().replace(/\.$/, "")}`);
  return `The available action list is ${list}.\n${lines.join("; ")}.\n\n`;
}

/** A domain of your own: its name and tools, and any part to replace a default (the action list is generated when left out). */
export type CustomDomainOptions = Omit<DomainParts, "actionList"> & { actionList?: string };

export function createCustomDomain(options: CustomDomainOptions): LumosDomain {
  return createDomain({ ...options, actionList: options.actionList ?? describeActions(options.tools) });
}

/**
 * A domain with more tools. Built-in action lists stay byte-exact unless `describe` asks for a generated
 * list of all tools (useful with general chat models, which cannot guess a new tool's arguments).
 */
export function extendDomain(domain: LumosDomain, tools: StructuredToolInterface[], options: { describe?: boolean } = {}): LumosDomain {
  const all = [...domain.tools.filter((t) => !tools.some((n) => n.name === t.name)), ...tools];
  return { ...domain, tools: all, actionList: options.describe ? describeActions(all) : domain.actionList };
}
