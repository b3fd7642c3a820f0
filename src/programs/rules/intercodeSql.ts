/** InterCode-SQL's gold program: one subgoal that submits the gold query (the oracle plays it). */
import type { DatasetItem } from "../../datasets/types.js";
import type { GoldProgram } from "../goldProgram.js";

export function interCodeSqlProgram(item: DatasetItem): GoldProgram {
  return {
    id: item.id,
    task: item.question,
    gold: item.gold,
    steps: [{ subgoal: "Subgoal 1: Write the final SQL query that answers the question.", actions: [`R1 = Submit(${item.gold})`] }],
  };
}
