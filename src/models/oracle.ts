/**
 * The oracle backend: a planner or grounder that replays gold programs derived from a dataset's own
 * solutions. Where it is in the conversation is read from the turns (so one oracle serves any number of
 * concurrent runs); which task it is answering is read from the protocol's first user turn.
 */
import { programOutputs, type GoldProgram } from "../annotation/goldProgram.js";
import { renderLumosPrompt } from "../protocol/chatTemplate.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import type { LumosModuleModel, ModuleRequest, ModuleResponse } from "./types.js";

const PLAN_TASK = /Task: ([\s\S]*); Initial Environment Description: None\.$/;
const GROUND_TASK = /Task: ([\s\S]*) \nSubgoals? to be grounded: /;

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
      const task = (request.module === "planner" ? PLAN_TASK : GROUND_TASK).exec(first)?.[1];
      const program = task === undefined ? undefined : byTask.get(task);
      if (!program) throw new OracleMissError("the oracle has no gold program for this task");
      const position = request.turns.filter((t) => t.role === "assistant").length;
      const completion = programOutputs(program, request.module, request.formulation)[position];
      if (completion === undefined) throw new OracleMissError(`the oracle's program has no output for turn ${position + 1}`);
      return { prompt: renderLumosPrompt(request.turns), completion };
    },
  };
}
