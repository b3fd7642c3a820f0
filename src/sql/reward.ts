/**
 * InterCode-SQL's reward (princeton-nlp/intercode, SqlEnv.get_reward), restated exactly: the agent's rows
 * and the gold rows, each row compared as Python's `str(row)`, scored by multiset intersection over union
 * (1 when both are empty; 0 when the agent's query failed or returned no result set), and, when the
 * overlap is not empty, multiplied by Kendall's tau between the overlapping rows in the agent's order and
 * in the gold order, then rounded to 2 decimals as numpy rounds. Order always counts, with or without ORDER BY.
 * Tau pairs the two sequences' row strings position by position, so a result reversed from the gold scores
 * -1 only when the gold is in the rows' string order (names sorted by price, reversed, score -0.33). When
 * tau is undefined (one overlapping row, or all tied) the ratio is kept unrounded, as InterCode does.
 */
import { kendallTauB } from "./kendallTau.js";
import { numpyRound2 } from "./pythonRepr.js";

function counts(rows: readonly string[]): Map<string, number> {
  const counted = new Map<string, number>();
  for (const row of rows) counted.set(row, (counted.get(row) ?? 0) + 1);
  return counted;
}

/** The items of `rows`, in order, that fall in the multiset `budget` (each counted down as it is used). */
function intersectItems(rows: readonly string[], budget: Map<string, number>): string[] {
  const left = new Map(budget);
  const kept: string[] = [];
  for (const row of rows) {
    const n = left.get(row) ?? 0;
    if (n > 0) {
      left.set(row, n - 1);
      kept.push(row);
    }
  }
  return kept;
}

/**
 * The reward of an agent's result against the gold result. `agent` is null when the agent's last statement
 * failed or returned no rows object at all (InterCode's observation was an error string or None).
 */
export function interCodeReward(agent: readonly string[] | null, gold: readonly string[]): number {
  if (agent === null) return 0;
  const agentCounts = counts(agent);
  const goldCounts = counts(gold);
  const intersection = new Map<string, number>();
  for (const [row, n] of agentCounts) {
    const m = goldCounts.get(row);
    if (m !== undefined) intersection.set(row, Math.min(n, m));
  }
  const union = new Map(goldCounts);
  for (const [row, n] of agentCounts) union.set(row, Math.max(n, union.get(row) ?? 0));
  if (union.size === 0) return 1;
  let totalIntersect = 0;
  for (const n of intersection.values()) totalIntersect += n;
  let totalUnion = 0;
  for (const n of union.values()) totalUnion += n;
  let reward = totalIntersect / totalUnion;
  if (intersection.size > 0) {
    const tau = kendallTauB(intersectItems(agent, intersection), intersectItems(gold, intersection));
    if (!Number.isNaN(tau)) reward = numpyRound2(tau * reward);
  }
  return reward;
}
