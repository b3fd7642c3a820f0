/** A multimodal demonstration for general chat models, written for this project. */
import { MULTIMODAL_ACTIONS } from "../../protocol/constants.js";
import { executedResultTurn, groundFirstTurn, groundNextTurn, groundOnetimeTurn, planFirstTurn } from "../../protocol/turns.js";
import type { Demonstrations } from "../types.js";

const TASK = "What is the animal on the sofa most likely to do next?\nA. bark at the door\nB. take a nap\nC. fly away";
const ENVIRONMENT = "An image. Caption: A dog lying on a sofa with its eyes half closed.";
const S1 = "Subgoal 1: Find what the animal on the sofa is doing.";
const S2 = "Subgoal 2: Decide which option the animal is most likely to do next.";
const G1 = "R1 = VQA([IMG], Question: What is the animal on the sofa doing?)";
const G2 = "R2 = QA([R1], Question: Given that the animal is lying with its eyes half closed, which is it most likely to do next: bark at the door, take a nap, or fly away?)";

export function multimodalDemonstrations(actionList = MULTIMODAL_ACTIONS): Demonstrations {
  return {
    planner: {
      iterative: [
        { role: "user", content: planFirstTurn(TASK, ENVIRONMENT) },
        { role: "assistant", content: S1 },
        { role: "user", content: executedResultTurn(1, "Question: What is the animal on the sofa doing?; Answer: lying down, resting") },
        { role: "assistant", content: `No, I will keep planning. ${S2}` },
        { role: "user", content: executedResultTurn(2, "Question: Given that the animal is lying with its eyes half closed, which is it most likely to do next: bark at the door, take a nap, or fly away?; Answer: take a nap") },
        { role: "assistant", content: "Yes, I will stop planning." },
      ],
      onetime: [
        { role: "user", content: planFirstTurn(TASK, ENVIRONMENT) },
        { role: "assistant", content: `${S1}; ${S2}` },
      ],
    },
    grounder: {
      iterative: [
        { role: "user", content: groundFirstTurn(actionList, TASK, S1) },
        { role: "assistant", content: G1 },
        { role: "user", content: groundNextTurn(S2) },
        { role: "assistant", content: G2 },
      ],
      onetime: [
        { role: "user", content: groundOnetimeTurn(actionList, TASK, `${S1}; ${S2}`) },
        { role: "assistant", content: `${G1}; ${G2}` },
      ],
    },
  };
}
