/**
 * Parses a teacher's subgoal-based plan: `Subgoal k: ...` lines, each followed by `Action k-j: R.. = Tool(..) = value`
 * lines. The values the teacher wrote are dropped (our tools compute them); anything malformed is a reason
 * for rejecting the annotation, never an exception.
 */
import { parseAction } from "../actions/parse.js";
import type { GoldStep } from "../programs/goldProgram.js";

export type TeacherParse = { ok: true; steps: GoldStep[] } | { ok: false; reason: string };

const SUBGOAL = /^Subgoal\s+(\d+)\s*:\s*(.+)$/;
const ACTION = /^Action\s+(\d+)-(\d+)\s*:\s*(.+)$/;

export function parseTeacherPlan(output: string): TeacherParse {
  const start = output.indexOf("Subgoal 1");
  if (start < 0) return { ok: false, reason: "the teacher wrote no 'Subgoal 1'" };
  const steps: GoldStep[] = [];
  for (const raw of output.slice(start).split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const subgoal = SUBGOAL.exec(line);
    if (subgoal) {
      if (Number(subgoal[1]) !== steps.length + 1) return { ok: false, reason: `subgoal ${subgoal[1]} is out of order` };
      steps.push({ subgoal: `Subgoal ${subgoal[1]}: ${subgoal[2].trim()}`, actions: [] });
      continue;
    }
    const action = ACTION.exec(line);
    if (!action) break; // the plan ends where the teacher's prose starts again
    if (Number(action[1]) !== steps.length) return { ok: false, reason: `action ${action[1]}-${action[2]} does not belong to subgoal ${steps.length}` };
    const parsed = parseAction(action[3]);
    if (!parsed.ok) return { ok: false, reason: `action ${action[1]}-${action[2]} is malformed: ${parsed.error} ("${action[3]}")` };
    const { outputs, tool, args } = parsed.action;
    steps[steps.length - 1].actions.push(tool === "" ? `${outputs.join(", ")} = ${args}` : `${outputs.join(", ")} = ${tool}(${args})`);
  }
  const empty = steps.findIndex((s) => s.actions.length === 0);
  if (empty >= 0) return { ok: false, reason: `subgoal ${empty + 1} has no actions` };
  return { ok: true, steps };
}

/** Iterative data has no `Output`: it becomes the next R variable, as in the released training data. */
export function renameOutput(steps: GoldStep[]): GoldStep[] {
  const numbers = steps.flatMap((s) => s.actions).flatMap((a) => [...a.matchAll(/\bR(\d+)\b/g)].map((m) => Number(m[1])));
  const next = `R${Math.max(0, ...numbers) + 1}`;
  return steps.map((s) => ({ ...s, actions: s.actions.map((a) => a.replace(/^Output(?= = )/, next).replace(/(^|, )Output(?=(, |\s=))/, `$1${next}`)) }));
}
