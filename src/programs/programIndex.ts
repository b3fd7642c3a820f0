/**
 * Gold programs looked up by task, derived only as far as needed: a rule converter checks every step of a
 * solution, which for a whole benchmark (1,319 GSM8K solutions) takes longer than starting the first task,
 * so an evaluation derives them as its tasks reach them. A lookup gives what looking the task up among all
 * the programs would give: by id first, then by the task's text (the last program with it).
 */
import { pyStrip } from "../protocol/pythonStrip.js";
import type { GoldProgram } from "./goldProgram.js";

export class GoldProgramIndex {
  private readonly byId = new Map<string, GoldProgram>();
  private readonly byTask = new Map<string, GoldProgram>();
  private source: Iterator<GoldProgram> | undefined;

  constructor(programs: Iterable<GoldProgram>) {
    this.source = programs[Symbol.iterator]();
  }

  /** The program for a task id (derived as far as that id), else for the task's text (derived to the end). */
  find(taskId: string | undefined, task: string): GoldProgram | undefined {
    if (taskId !== undefined) {
      while (!this.byId.has(taskId) && this.pull());
      const byId = this.byId.get(taskId);
      if (byId) return byId;
    }
    while (this.pull());
    return this.byTask.get(pyStrip(task));
  }

  /** Derives one more program; false when there are no more. */
  private pull(): boolean {
    const next = this.source?.next();
    if (!next || next.done) {
      this.source = undefined;
      return false;
    }
    this.byTask.set(pyStrip(next.value.task), next.value);
    this.byId.set(next.value.id, next.value);
    return true;
  }
}
