/**
 * The oracle backend: a planner or grounder that replays gold programs derived from a dataset's own
 * solutions. Where it is in the conversation is read from the turns (so one oracle serves any number of
 * concurrent runs); which task it is answering is read from the protocol's first user turn.
 */
import { programOutputs, type GoldProgram } from "../annotation/goldProgram.js";
import { renderLumosPrompt } from "../protocol/chatTemplate.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import type { LumosModuleModel, ModuleRequest, ModuleResponse } from "./types.js";

const TASK = "Task: ";
const PLAN_END = "; Initial Environment Description: None.";
const GROUND_ONE = " \nSubgoal to be grounded: ";
const GROUND_ALL = " \nSubgoals to be grounded: ";

/**
 * The task in a first user turn, as `/Task: ([\s\S]*); Initial Environment Description: None\.$/` (planner) or
 * `/Task: ([\s\S]*) \nSubgoals? to be grounded: /` (grounder) would capture it, with index scans instead of
 * a backtracking regex (the grounding turn carries model output).
 */
export function taskOfFirstTurn(module: "planner" | "grounder", turn: string): string | undefined {
  const start = turn.indexOf(TASK);
  if (start < 0) return undefined;
  const from = start + TASK.length;
  const end = module === "planner" ? (turn.endsWith(PLAN_END) ? turn.length - PLAN_END.length : -1) : Math.max(turn.lastIndexOf(GROUND_ONE), turn.lastIndexOf(GROUND_ALL));
  return end >= from ? turn.slice(from, end) : undefined;
}

export class OracleMissError extends Error {
  override name = "OracleMissError";
}

export function oracleModule(programs: Iterable<GoldProgram>): LumosModuleModel {
  const byTask = new Map<string, GoldProgram>();
  for (const program of programs) byTask.set(pyStrip(program.task), program);
  return {
    lumosModule: true,
    description: "oracle",
    async generate(request: ModuleRequest): Promise<ModuleResponse> {
      const first = request.turns[0]?.content ?? "";
      const task = taskOfFirstTurn(request.module, first);
      const program = task === undefined ? undefined : byTask.get(task);
      if (!program) throw new OracleMissError("the oracle has no gold program for this task");
      const position = request.turns.filter((t) => t.role === "assistant").length;
      const completion = programOutputs(program, request.module, request.formulation)[position];
      if (completion === undefined) throw new OracleMissError(`the oracle's program has no output for turn ${position + 1}`);
      return { prompt: renderLumosPrompt(request.turns), completion };
    },
  };
}
