/**
 * Domains of your own, and built-in domains with extra tools. Any LangChain StructuredTool becomes an
 * action `R1 = ToolName(arguments)`: the arguments are mapped onto the tool's zod schema (a one-field schema
 * takes the whole text; several fields take `Name: value` pairs or positional values), and a mismatch is a
 * recorded error. A custom domain's action-list text is generated from the tools' names, fields and
 * descriptions; built-in domains keep the exact constants the checkpoints were trained on.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import { lastVariable, substituteVariables, undefinedVariables } from "../actions/variables.js";
import type { ParsedAction } from "../actions/types.js";
import { executedResultTurn, withoutKeepPlanning } from "../protocol/turns.js";
import { lastLoggedResult } from "./feedback.js";
import { schemaKeys } from "../graph/toolInput.js";
import type { Demonstrations, FinalAnswerContext, LumosDomain } from "./types.js";

/** "The available action list is 'A', 'B', and 'C'.\nA(x): does a; B(y, z): does b; C(w): does c.\n\n" */
export function describeActions(tools: StructuredToolInterface[]): string {
  const names = tools.map((t) => `'${t.name}'`);
  const list = names.length <= 1 ? names.join("") : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(", ")}, and ${names[names.length - 1]}`;
  const lines = tools.map((t) => `${t.name}(${schemaKeys(t).join(", ")}): ${t.description.trim().replace(/\.$/, "")}`);
  return `The available action list is ${list}.\n${lines.join("; ")}.\n\n`;
}

/** Default binding: R variables become their values; the text is mapped onto the tool's schema by the executor. */
export function bindByValue(action: ParsedAction, results: Record<string, string>): string {
  const missing = undefinedVariables(action.args, results);
  if (missing.length > 0) throw new Error(`undefined variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  return substituteVariables(action.args, results);
}

export interface CustomDomainOptions {
  name: string;
  tools: StructuredToolInterface[];
  /** Action-list text; generated from the tools when left out. */
  actionList?: string;
  /** The run's answer; default: `Output` if set, else the highest R variable. */
  finalAnswer?: (context: FinalAnswerContext) => Promise<string | null>;
  demonstrations?: Demonstrations;
}

export function createCustomDomain(options: CustomDomainOptions): LumosDomain {
  const names = options.tools.map((t) => t.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`two tools are named "${duplicate}"`);
  return {
    name: options.name,
    actionList: options.actionList ?? describeActions(options.tools),
    tools: options.tools,
    groundingSubgoal: withoutKeepPlanning,
    feedbackTurn: (context) => executedResultTurn(context.subgoal.index, lastLoggedResult(context)),
    bindArguments: bindByValue,
    finalAnswer:
      options.finalAnswer ??
      (async ({ results }) => {
        if ("Output" in results) return results.Output;
        const last = lastVariable(results);
        return last === undefined ? null : results[last];
      }),
    demonstrations: options.demonstrations,
  };
}

/**
 * A domain with more tools. Built-in action lists stay byte-exact unless `describe` asks for a generated
 * list of all tools (useful with general chat models, which cannot guess a new tool's arguments).
 */
export function extendDomain(domain: LumosDomain, tools: StructuredToolInterface[], options: { describe?: boolean } = {}): LumosDomain {
  const all = [...domain.tools.filter((t) => !tools.some((n) => n.name === t.name)), ...tools];
  return { ...domain, tools: all, actionList: options.describe ? describeActions(all) : domain.actionList };
}
