/**
 * The oracle backend: a planner or grounder that replays gold programs derived from a dataset's own
 * solutions. Where it is in the conversation is read from the turns (so one oracle serves any number of
 * concurrent runs); which task it is answering comes with the request (its id, else its text). Told that a
 * subgoal failed (onActionError "replan"), a Lumos-I oracle writes that subgoal again and grounds it again.
 */
import { outsideGrammar } from "../constraints/enforce.js";
import { programOutputs, type GoldProgram } from "./goldProgram.js";
import { ReplannedSteps } from "./replannedSteps.js";
import { renderLumosPrompt } from "../protocol/chatTemplate.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import { promptTurns, type LumosModuleModel, type ModuleRequest, type ModuleResponse } from "../models/types.js";

export class OracleMissError extends Error {
  override name = "OracleMissError";
}

/** Where an oracle finds a task's gold program: by the task's id, else by its text. */
export interface GoldProgramLookup {
  byId(id: string): GoldProgram | undefined;
  byTask(task: string): GoldProgram | undefined;
}

/** A lookup over programs at hand. */
export function programLookup(programs: Iterable<GoldProgram>): GoldProgramLookup {
  const byTask = new Map<string, GoldProgram>();
  const byId = new Map<string, GoldProgram>();
  for (const program of programs) {
    byTask.set(pyStrip(program.task), program);
    byId.set(program.id, program);
  }
  return { byId: (id) => byId.get(id), byTask: (task) => byTask.get(pyStrip(task)) };
}

/** An oracle over gold programs, or over a lookup that derives them when asked (an evaluation of many tasks). */
export function oracleModule(programs: Iterable<GoldProgram> | GoldProgramLookup): LumosModuleModel {
  const lookup = isLookup(programs) ? programs : programLookup(programs);
  const replanned = new ReplannedSteps();
  return {
    lumosModule: true,
    description: "oracle",
    // gold lines are checked against a constrained run's grammar like a server's replies
    constrainable: true,
    async generate(request: ModuleRequest): Promise<ModuleResponse> {
      const program = (request.taskId === undefined ? undefined : lookup.byId(request.taskId)) ?? lookup.byTask(request.task);
      if (!program) throw new OracleMissError("the oracle has no gold program for this task");
      const position = request.turns.filter((t) => t.role === "assistant").length;
      const completion =
        request.formulation === "onetime"
          ? programOutputs(program, request.module, request.formulation)[position]
          : request.module === "planner"
            ? replanned.plannerLine(program, request.turns.filter((t) => t.role === "user").map((t) => t.content))
            : replanned.groundingLine(program, position);
      if (completion === undefined) throw new OracleMissError(`the oracle's program has no output for turn ${position + 1}`);
      const outside = request.constraint && outsideGrammar(completion, request.constraint);
      if (outside) throw new OracleMissError(`the oracle's gold line is outside the grammar of ${request.constraint!.label} ${outside}`);
      return { prompt: renderLumosPrompt(promptTurns(request)), completion };
    },
  };
}

function isLookup(programs: Iterable<GoldProgram> | GoldProgramLookup): programs is GoldProgramLookup {
  return typeof (programs as GoldProgramLookup).byId === "function" && typeof (programs as GoldProgramLookup).byTask === "function";
}
