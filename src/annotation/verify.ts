/**
 * Verification by execution: an annotation is replayed through the real Lumos graph (the oracle backend
 * plays planner and grounder) in both formulations, and kept only when both reach the gold answer. The
 * conversations of those runs are the training data: exactly what the agent sends at inference.
 */
import type { Formulation, LumosDomain } from "../domains/types.js";
import type { Metric } from "../eval/metrics/types.js";
import { createLumosGraph } from "../graph/build.js";
import { oracleModule } from "../programs/oracle.js";
import type { Turn } from "../protocol/chatTemplate.js";
import type { GoldProgram } from "../programs/goldProgram.js";
import { renameOutput } from "./parseTeacher.js";

export interface Conversations {
  plan: Turn[];
  ground: Turn[];
}

export interface Verification {
  ok: boolean;
  reason: string | null;
  answers: Record<Formulation, string | null>;
  conversations: Record<Formulation, Conversations>;
}

export async function verifyProgram(program: GoldProgram, domain: LumosDomain, metric: Metric, signal?: AbortSignal): Promise<Verification> {
  const answers = {} as Record<Formulation, string | null>;
  const conversations = {} as Record<Formulation, Conversations>;
  const reasons: string[] = [];
  for (const formulation of ["iterative", "onetime"] as const) {
    const steps = formulation === "iterative" ? renameOutput(program.steps) : program.steps;
    const oracle = oracleModule([{ ...program, steps }]);
    const graph = createLumosGraph({ planner: oracle, grounder: oracle, domain, formulation, maxRounds: steps.length + 1 });
    const state = await graph.invoke({ task: program.task }, { signal });
    answers[formulation] = state.answer;
    conversations[formulation] = { plan: state.planTurns, ground: state.groundTurns };
    const correct = (await metric.score(state.answer, program.gold))[metric.names[0]] === 1;
    if (!correct) {
      const why = state.errors[0] ? `${state.errors[0].kind}: ${state.errors[0].message}` : `answer ${JSON.stringify(state.answer)} is not the gold ${JSON.stringify(program.gold)}`;
      reasons.push(`${formulation}: ${why}`);
    }
  }
  return { ok: reasons.length === 0, reason: reasons.length === 0 ? null : reasons.join("; "), answers, conversations };
}
