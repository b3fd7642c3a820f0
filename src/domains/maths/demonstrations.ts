/**
 * Demonstrations for general chat models (the fine-tuned checkpoints need none). Written for this
 * project; they show the exact one-line formats the protocol expects.
 */
import type { Demonstrations } from "../types.js";
import { MATHS_ACTIONS } from "../../protocol/constants.js";
import { executedResultTurn, groundFirstTurn, groundNextTurn, groundOnetimeTurn, planFirstTurn } from "../../protocol/turns.js";

const TASK =
  "A baker makes 24 muffins in the morning and 18 in the afternoon. She packs them in boxes of 6 and sells each box for $5. How much money does she make?";
const S1 = "Subgoal 1: Calculate the total number of muffins baked.";
const S2 = "Subgoal 2: Calculate the number of boxes of 6 muffins.";
const S3 = "Subgoal 3: Calculate the money made from selling the boxes.";
const KEEP = "No, I will keep planning. ";

export const mathsDemonstrations: Demonstrations = {
  planner: {
    iterative: [
      { role: "user", content: planFirstTurn(TASK) },
      { role: "assistant", content: S1 },
      { role: "user", content: executedResultTurn(1, "42") },
      { role: "assistant", content: KEEP + S2 },
      { role: "user", content: executedResultTurn(2, "7") },
      { role: "assistant", content: KEEP + S3 },
      { role: "user", content: executedResultTurn(3, "35") },
      { role: "assistant", content: "Yes, I will stop planning." },
    ],
    onetime: [
      { role: "user", content: planFirstTurn(TASK) },
      { role: "assistant", content: `${S1}; ${S2}; ${S3}` },
    ],
  },
  grounder: {
    iterative: [
      { role: "user", content: groundFirstTurn(MATHS_ACTIONS, TASK, S1) },
      { role: "assistant", content: "R1 = Calculator(24 + 18)" },
      { role: "user", content: groundNextTurn(KEEP + S2) },
      { role: "assistant", content: "R2 = Calculator(R1 / 6)" },
      { role: "user", content: groundNextTurn(KEEP + S3) },
      { role: "assistant", content: "R3 = Calculator(R2 * 5)" },
    ],
    onetime: [
      { role: "user", content: groundOnetimeTurn(MATHS_ACTIONS, TASK, `${S1}; ${S2}; ${S3}`) },
      { role: "assistant", content: "R1 = Calculator(24 + 18); R2 = Calculator(R1 / 6); R3 = Calculator(R2 * 5)" },
    ],
  },
};
