/**
 * The gold programs of an evaluation's tasks for the oracle, derived when it first asks for a task, a block of
 * neighbouring tasks at a time (tasks start in dataset order), and forgotten again: only the last few blocks
 * are kept. So an oracle run holds its task list, not also a program per task (a GSM8K program takes about
 * twice the memory of its item); over a spilled TaskList (./taskList.ts), not even the items. Deriving is cheap
 * (GSM8K: about 0.1 ms a program).
 */
import type { DatasetItem } from "../datasets/types.js";
import type { GoldProgram } from "../programs/goldProgram.js";
import type { GoldProgramLookup } from "../programs/oracle.js";
import { pyStrip } from "../protocol/pythonStrip.js";
import { asTaskList, type TaskList } from "./taskList.js";

const BLOCK = 256;
const KEPT_BLOCKS = 4;

export type LazyGoldPrograms = GoldProgramLookup;

/** `derive` is the dataset's rule over some of its items (DatasetSpec.goldPrograms). */
export function lazyGoldPrograms(list: readonly DatasetItem[] | TaskList, derive: (items: DatasetItem[]) => GoldProgram[]): LazyGoldPrograms {
  const tasks = asTaskList(list);
  const position = new Map(Array.from({ length: tasks.length }, (_, index) => [tasks.id(index), index] as const));
  const slice = (start: number, end: number) => Array.from({ length: Math.max(0, Math.min(end, tasks.length) - start) }, (_, k) => tasks.at(start + k));
  // least recently used first
  const blocks = new Map<number, Map<string, GoldProgram>>();
  const blockOf = (index: number): Map<string, GoldProgram> => {
    const number = Math.floor(index / BLOCK);
    let block = blocks.get(number);
    if (block) blocks.delete(number);
    else block = new Map(derive(slice(number * BLOCK, (number + 1) * BLOCK)).map((p) => [p.id, p] as const));
    blocks.set(number, block);
    if (blocks.size > KEPT_BLOCKS) blocks.delete(blocks.keys().next().value as number);
    return block;
  };
  // a task asked for by its text only (no id): an index of the texts, built the first time one is
  let byText: Map<string, number> | undefined;
  return {
    byId(id) {
      const index = position.get(id);
      return index === undefined ? undefined : blockOf(index).get(id);
    },
    byTask(task) {
      byText ??= new Map(Array.from({ length: tasks.length }, (_, index) => [pyStrip(tasks.at(index).question), index] as const));
      const index = byText.get(pyStrip(task));
      return index === undefined ? undefined : blockOf(index).get(tasks.id(index));
    },
  };
}
