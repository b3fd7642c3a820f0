/** SVAMP to gold programs by rule: the dataset's `Equation` is one Calculator action. */
import type { GoldProgram } from "../goldProgram.js";

export function svampProgram(id: string, task: string, equation: string, gold: string): GoldProgram {
  const formula = equation.trim().replace(/^\(\s*(.*?)\s*\)$/s, (whole, inner: string) => (balanced(inner) ? inner : whole));
  return {
    id,
    task,
    gold,
    steps: [{ subgoal: "Subgoal 1: Calculate the answer to the question.", actions: [`R1 = Calculator(${formula})`] }],
  };
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
