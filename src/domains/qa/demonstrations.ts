/** A complex-QA demonstration for general chat models, written for this project. */
import { QA_ACTIONS } from "../../protocol/constants.js";
import { executedResultTurn, groundFirstTurn, groundNextTurn, groundOnetimeTurn, planFirstTurn } from "../../protocol/turns.js";
import type { Demonstrations } from "../types.js";

const TASK = "In which city was the author of The Hobbit born?";
const S1 = "Subgoal 1: Obtain the author of The Hobbit.";
const S2 = "Subgoal 2: Obtain the birthplace of J. R. R. Tolkien.";
const G1 = "R1 = KnowledgeQuery(The Hobbit); R2 = ParagraphRetrieve(R1, Query: Who wrote The Hobbit?); R3 = QA([R2], Question: Who wrote The Hobbit?)";
const G2 =
  "R4 = KnowledgeQuery(J. R. R. Tolkien); R5 = ParagraphRetrieve(R4, Query: Where was J. R. R. Tolkien born?); R6 = QA([R5], Question: Where was J. R. R. Tolkien born?)";

export const qaDemonstrations: Demonstrations = {
  planner: {
    iterative: [
      { role: "user", content: planFirstTurn(TASK) },
      { role: "assistant", content: S1 },
      { role: "user", content: executedResultTurn(1, "Question: Who wrote The Hobbit?; Answer: J. R. R. Tolkien") },
      { role: "assistant", content: `No, I will keep planning. ${S2}` },
      { role: "user", content: executedResultTurn(2, "Question: Where was J. R. R. Tolkien born?; Answer: Bloemfontein") },
      { role: "assistant", content: "Yes, I will stop planning." },
    ],
    onetime: [
      { role: "user", content: planFirstTurn(TASK) },
      { role: "assistant", content: `${S1}; ${S2}` },
    ],
  },
  grounder: {
    iterative: [
      { role: "user", content: groundFirstTurn(QA_ACTIONS, TASK, S1) },
      { role: "assistant", content: G1 },
      { role: "user", content: groundNextTurn(S2, " The grounding could be based on the following results: The execution result for Subgoal 1 is J. R. R. Tolkien") },
      { role: "assistant", content: G2 },
    ],
    onetime: [
      { role: "user", content: groundOnetimeTurn(QA_ACTIONS, TASK, `${S1}; ${S2}`) },
      {
        role: "assistant",
        content: `${G1}; R4 = KnowledgeQuery(R3); R5 = ParagraphRetrieve(R4, Query: Where was J. R. R. Tolkien born?); R6 = QA([R5], Question: In which city was the author of The Hobbit born?)`,
      },
    ],
  },
};
