/**
 * The teacher's conversion prompt: the header and structure of the original Lumos annotation prompt
 * (instruction, worked examples, then "Task / Natural language plan / Subgoal-based plan:"), with
 * demonstrations written for this project.
 */
const MATHS_HEADER =
  "Please convert natural language plans into a series of subgoals and their corresponding actions that lead to the successful implementation with respect to the given instructions. " +
  "Please use 'R[number]' to represent the intermediate results for each subgoal, without generating any exact values. " +
  "Please also use functions to represent the corresponding actions. " +
  "For the actions, they must be one of 'Calculator', 'SetEquation', 'SolveEquation', 'Count', 'SolveInequality', 'Code', and 'Define'.\n\n";

const MATHS_EXAMPLES = [
  {
    task: "A baker makes 24 muffins in the morning and 18 in the afternoon. She packs them in boxes of 6 and sells each box for $5. How much money does she make?",
    plan: "She makes 24 + 18 = 42 muffins. That fills 42 / 6 = 7 boxes. She makes 7 * 5 = $35.",
    subgoals: [
      ["Subgoal 1: Calculate the total number of muffins.", ["R1 = Calculator(24 + 18) = 42"]],
      ["Subgoal 2: Calculate the number of boxes.", ["R2 = Calculator(R1 / 6) = 7"]],
      ["Subgoal 3: Calculate the money made.", ["R3 = Calculator(R2 * 5) = 35"]],
    ],
  },
  {
    task: "Tom is 4 years older than Ann, and their ages add up to 30. How old will Tom be in 5 years?",
    plan: "Let Ann be a and Tom be t. Then t = a + 4 and a + t = 30, so a = 13 and t = 17. In 5 years Tom will be 17 + 5 = 22.",
    subgoals: [
      ["Subgoal 1: Set up and solve the equations for the ages of Ann and Tom.", ["R1, R2 = SolveEquation(a + t = 30, t = a + 4) = 13, 17"]],
      ["Subgoal 2: Calculate Tom's age in 5 years.", ["R3 = Calculator(R2 + 5) = 22"]],
    ],
  },
] as const;

function renderExample(index: number, task: string, plan: string, subgoals: readonly (readonly [string, readonly string[]])[]): string {
  const steps = subgoals
    .map(([subgoal, actions], k) => `${subgoal}\n${actions.map((a, j) => `Action ${k + 1}-${j + 1}: ${a}`).join("\n")}`)
    .join("\n\n");
  return `Example ${index}:\nTask: ${task}\n\nNatural language plan:\n${plan}\n\nSubgoal-based plan:\n${steps}\n\n`;
}

/** The maths conversion prompt for one task and its natural-language solution. */
export function mathsTeacherPrompt(task: string, solution: string): string {
  const examples = MATHS_EXAMPLES.map((e, i) => renderExample(i + 1, e.task, e.plan, e.subgoals)).join("");
  return `${MATHS_HEADER}${examples}Task: ${task.trim()}\n\nNatural language plan:\n${solution.trim()}\n\nSubgoal-based plan:\n`;
}

/** A GSM8K solution as a natural-language plan: calculator notes and the final "#### N" line removed. */
export function gsm8kNaturalPlan(answer: string): string {
  return answer.split("####")[0].replace(/<<[^<>]*>>/g, "").trim();
}
