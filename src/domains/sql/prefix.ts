/**
 * The SQL domain's k-shot prefix (k = 2), written for this project on two made-up databases that are not
 * among the Spider dev databases: InterCode-SQL is an unseen task, so every prompt opens with these worked
 * conversations, for the released checkpoints as for chat models (the reference did the same for WebShop).
 */
import { SQL_ACTIONS } from "../../protocol/constants.js";
import type { Turn } from "../../protocol/chatTemplate.js";
import { executedResultTurn, groundFirstTurn, groundNextTurn, groundOnetimeTurn, planFirstTurn, ENVIRONMENT_SLOT } from "../../protocol/turns.js";
import type { Demonstrations } from "../types.js";
import { earlierResultsText } from "./feedback.js";

interface Example {
  task: string;
  environment: string;
  /** Subgoals with the action that grounds each and the result it gave. */
  steps: { subgoal: string; action: string; variable: string; result: string }[];
}

const EXAMPLES: Example[] = [
  {
    task: "Which members have borrowed more than two books? Give their names.",
    environment: 'a MySQL database "library" with tables: book (book_id, title, author, year); loan (loan_id, book_id, member_id, loan_date); member (member_id, name, city).',
    steps: [
      {
        subgoal: "Subgoal 1: Count the loans of each member in the loan table.",
        action: "R1 = Execute(SELECT member_id, count(*) FROM loan GROUP BY member_id)",
        variable: "R1",
        result: "[(1, 3), (2, 1), (4, 5)]",
      },
      {
        subgoal: "Subgoal 2: Write the final query: the names of the members with more than two loans, joining loan and member on member_id.",
        action: "R2 = Submit(SELECT T2.name FROM loan AS T1 JOIN member AS T2 ON T1.member_id = T2.member_id GROUP BY T1.member_id HAVING count(*) > 2)",
        variable: "R2",
        result: "[('Ada Byron',), ('Ravi Menon',)]",
      },
    ],
  },
  {
    task: "What is the average duration of the trips that start at the Harbour Street station?",
    environment: 'a MySQL database "bike_share" with tables: station (id, name, docks, city); trip (id, duration, start_station_id, end_station_id, bike_id).',
    steps: [
      {
        subgoal: "Subgoal 1: Find how the name of the Harbour Street station is written in the station table.",
        action: "R1 = Execute(SELECT id, name FROM station WHERE name LIKE '%Harbour%')",
        variable: "R1",
        result: "[(7, 'Harbour St')]",
      },
      {
        subgoal: "Subgoal 2: Write the final query: the average duration of the trips whose start station is named 'Harbour St'.",
        action: "R2 = Submit(SELECT avg(T1.duration) FROM trip AS T1 JOIN station AS T2 ON T1.start_station_id = T2.id WHERE T2.name = 'Harbour St')",
        variable: "R2",
        result: "[(Decimal('734.5000'),)]",
      },
    ],
  },
];

const KEEP = "No, I will keep planning. ";
const STOP = "Yes, I will stop planning.";

function iterativePlanner(example: Example): Turn[] {
  const turns: Turn[] = [{ role: "user", content: planFirstTurn(example.task, example.environment) }];
  example.steps.forEach((step, i) => {
    turns.push({ role: "assistant", content: i === 0 ? step.subgoal : KEEP + step.subgoal });
    turns.push({ role: "user", content: executedResultTurn(i + 1, step.result) });
  });
  turns.push({ role: "assistant", content: STOP });
  return turns;
}

function iterativeGrounder(example: Example): Turn[] {
  const task = `${example.task}${ENVIRONMENT_SLOT}${example.environment}`;
  const turns: Turn[] = [];
  example.steps.forEach((step, i) => {
    const earlier = example.steps.slice(0, i).map((s) => ({ variable: s.variable, value: s.result }));
    turns.push({ role: "user", content: i === 0 ? groundFirstTurn(SQL_ACTIONS, task, step.subgoal) : groundNextTurn(step.subgoal, earlierResultsText(earlier)) });
    turns.push({ role: "assistant", content: step.action });
  });
  return turns;
}

function onetimePlanner(example: Example): Turn[] {
  return [
    { role: "user", content: planFirstTurn(example.task, example.environment) },
    { role: "assistant", content: example.steps.map((s) => s.subgoal).join("; ") },
  ];
}

function onetimeGrounder(example: Example): Turn[] {
  const task = `${example.task}${ENVIRONMENT_SLOT}${example.environment}`;
  return [
    { role: "user", content: groundOnetimeTurn(SQL_ACTIONS, task, example.steps.map((s) => s.subgoal).join("; ")) },
    { role: "assistant", content: example.steps.map((s) => s.action).join("; ") },
  ];
}

export const sqlPrefix: Demonstrations = {
  planner: { iterative: EXAMPLES.flatMap(iterativePlanner), onetime: EXAMPLES.flatMap(onetimePlanner) },
  grounder: { iterative: EXAMPLES.flatMap(iterativeGrounder), onetime: EXAMPLES.flatMap(onetimeGrounder) },
};
