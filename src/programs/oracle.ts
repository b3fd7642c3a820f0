/**
 * The oracle backend: a planner or grounder that replays gold programs derived from a dataset's own
 * solutions. Where it is in the conversation is read from the turns (so one oracle serves any number of
 * concurrent runs); which task it is answering comes with the request (its id, else its text). Told that a
 * subgoal failed (onActionError "replan"), a Lumos-I oracle writes that subgoal again and grounds it again.
 */
import { outsideGrammar } from "../constraints/enforce.js";
import { programOutputs, type GoldProgram } from "./goldProgram.js";
import { GoldProgramIndex } from "./programIndex.js";
import { ReplannedSteps } from "./replannedSteps.js";
import { renderLumosPrompt } from "../protocol/chatTemplate.js";
import { promptTurns, type LumosModuleModel, type ModuleRequest, type ModuleResponse } from "../models/types.js";

export class OracleMissError extends Error {
  override name = "OracleMissError";
}

/** An oracle over gold programs, given as a list or as an index that derives them as tasks ask for them. */
export function oracleModule(programs: Iterable<GoldProgram> | GoldProgramIndex): LumosModuleModel {
  const index = programs instanceof GoldProgramIndex ? programs : new GoldProgramIndex(programs);
  const replanned = new ReplannedSteps();
  return {
    lumosModule: true,
    description: "oracle",
    // gold lines are checked against a constrained run's grammar like a server's replies
    constrainable: true,
    async generate(request: ModuleRequest): Promise<ModuleResponse> {
      const program = index.find(request.taskId, request.task);
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
