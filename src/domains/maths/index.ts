/**
 * The maths domain (GSM8K, SVAMP): the maths action list, in-process maths tools, feedback with the
 * last action's value, and the highest R variable (or Output) as the answer.
 */
import { MATHS_ACTIONS } from "../../protocol/constants.js";
import { pyStrip } from "../../protocol/pythonStrip.js";
import { createMathsTools, type CodeToolOptions } from "../../../tools/maths/index.js";
import { createDomain } from "../defaults.js";
import type { LumosDomain } from "../types.js";
import { bindMathsArguments } from "./bindArguments.js";
import { mathsDemonstrations } from "./demonstrations.js";

export type MathsDomainOptions = CodeToolOptions;

export function createMathsDomain(options: MathsDomainOptions = {}): LumosDomain {
  return createDomain({
    name: "maths",
    actionList: MATHS_ACTIONS,
    tools: createMathsTools(options),
    // maths grounding keeps the planner's "No, I will keep planning." prefix, as in the training data
    groundingSubgoal: (planOutput) => pyStrip(planOutput),
    bindArguments: bindMathsArguments,
    demonstrations: mathsDemonstrations,
  });
}

// the definition (options, creation) lives in a light module that the CLI and the registry load without the tools
export { codeModelOption, mathsDomain } from "./definition.js";
