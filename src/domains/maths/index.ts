/**
 * The maths domain (GSM8K, SVAMP): the maths action list, in-process maths tools, feedback with the
 * last action's value, and the highest R variable (or Output) as the answer.
 */
import { lastVariable } from "../../actions/variables.js";
import { MATHS_ACTIONS } from "../../protocol/constants.js";
import { pyStrip } from "../../protocol/pythonStrip.js";
import { lastLoggedResult } from "../feedback.js";
import { executedResultTurn } from "../../protocol/turns.js";
import { createMathsTools, type CodeToolOptions } from "../../../tools/maths/index.js";
import type { LumosDomain } from "../types.js";
import { bindMathsArguments } from "./bindArguments.js";
import { mathsDemonstrations } from "./demonstrations.js";

export type MathsDomainOptions = CodeToolOptions;

export function createMathsDomain(options: MathsDomainOptions = {}): LumosDomain {
  return {
    name: "maths",
    actionList: MATHS_ACTIONS,
    tools: createMathsTools(options),
    // maths grounding keeps the planner's "No, I will keep planning." prefix, as in the training data
    groundingSubgoal: (planOutput) => pyStrip(planOutput),
    feedbackTurn: (context) => executedResultTurn(context.subgoal.index, lastLoggedResult(context)),
    bindArguments: bindMathsArguments,
    finalAnswer: async ({ results }) => {
      if ("Output" in results) return results.Output;
      const last = lastVariable(results);
      return last === undefined ? null : results[last];
    },
    demonstrations: mathsDemonstrations,
  };
}
