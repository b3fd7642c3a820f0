/**
 * Complex-QA argument binding: each action form of the protocol becomes its tool's input.
 *   KnowledgeQuery(Scott Derrickson)              -> { query }
 *   ParagraphRetrieve(R1, Query: ...)             -> { context: R1's page entries, query }
 *   QA([R2, R5], Question: ...)                   -> { context: the values joined by lines, question }
 *   Calculator(R6 > R3)                           -> { formula with answers substituted, question: the subgoal }
 * R variables that hold QA results stand for their answer inside queries and formulas.
 */
import type { ParsedAction } from "../../actions/types.js";
import { referencedVariables, substituteVariables, undefinedVariables } from "../../actions/variables.js";
import { pyStrip } from "../../protocol/pythonStrip.js";
import { valueAsArgument } from "../../qa/answers.js";
import { YES_NO_SUFFIX } from "../../qa/askQa.js";
import type { BindingContext } from "../types.js";

export class QaBindingError extends Error {
  override name = "QaBindingError";
}

export interface QaBindingOptions {
  /** StrategyQA: questions of the final action must be answered yes/no. */
  yesNo: boolean;
}

function splitLabelled(args: string, label: string, form: string): [string, string] {
  const at = args.indexOf(`, ${label}: `);
  if (at < 0) throw new QaBindingError(`expected ${form}`);
  return [args.slice(0, at).trim(), args.slice(at + label.length + 4).trim()];
}

/** The subgoal a Calculator answers: the last subgoal of the plan output, after its `Subgoal k: ` label. */
export function subgoalQuestion(planOutput: string): string {
  const parts = pyStrip(planOutput).split("; ");
  const last = parts[parts.length - 1];
  return last.slice(last.indexOf(":") + 2);
}

export function bindQaArguments(action: ParsedAction, results: Record<string, string>, context: BindingContext, options: QaBindingOptions): string | Record<string, string> {
  const missing = undefinedVariables(action.args, results);
  if (missing.length > 0) throw new QaBindingError(`undefined variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  const asArgument = (text: string) => substituteVariables(text, results, valueAsArgument);
  const finalOnetime = context.formulation === "onetime" && context.isLastAction;
  switch (action.tool) {
    case "KnowledgeQuery":
      return { query: asArgument(action.args) };
    case "ParagraphRetrieve": {
      const [source, query] = splitLabelled(action.args, "Query", "ParagraphRetrieve(R1, Query: ...)");
      const variable = referencedVariables(source)[0];
      return { context: variable ? results[variable] : source, query: asArgument(query) };
    }
    case "QA": {
      const [source, asked] = splitLabelled(action.args, "Question", "QA([R1, ...], Question: ...)");
      const variables = referencedVariables(source);
      const evidence = variables.length > 0 ? pyStrip(variables.map((v) => `${results[v]}\n`).join("")) : source.replace(/^\[|\]$/g, "");
      let question = asArgument(asked);
      // Lumos-O answers the task with its last action (HotpotQA asks the task itself; StrategyQA forces yes/no)
      if (finalOnetime) question = options.yesNo ? question + YES_NO_SUFFIX : pyStrip(context.task);
      return { context: evidence, question };
    }
    case "Calculator": {
      const question = subgoalQuestion(context.planOutput) + (finalOnetime && options.yesNo ? YES_NO_SUFFIX : "");
      const fallback: Record<string, string> = finalOnetime && !options.yesNo ? { fallbackQuestion: pyStrip(context.task) } : {};
      return { formula: asArgument(action.args), question, ...fallback };
    }
    default:
      return asArgument(action.args);
  }
}
