/** Gold programs derived as the oracle asks for them: a block at a time, the last few blocks kept, the same programs. */
import { describe, expect, it } from "vitest";
import type { DatasetItem } from "../../src/datasets/types.js";
import { lazyGoldPrograms } from "../../src/eval/goldProgramSource.js";
import type { GoldProgram } from "../../src/programs/goldProgram.js";

const items: DatasetItem[] = Array.from({ length: 2000 }, (_, i) => ({ id: `t${i}`, question: `  question ${i} `, gold: String(i), source: null }));
const program = (item: DatasetItem): GoldProgram => ({ id: item.id, task: item.question, gold: item.gold, steps: Array.from({ length: 1 + (Number(item.gold) % 7) }, (_, k) => ({ subgoal: `Subgoal ${k + 1}: s`, actions: [] })) });

describe("lazy gold programs", () => {
  it("derives a block when a task of it is first asked for and keeps only the last few blocks", () => {
    const derived: number[] = [];
    const lookup = lazyGoldPrograms(items, (some) => (derived.push(some.length), some.map(program)));
    expect(derived).toEqual([]);
    expect(lookup.byId("t0")).toEqual(program(items[0]));
    expect(lookup.byId("t255")?.steps).toHaveLength(1 + (255 % 7));
    expect(derived).toEqual([256]);
    // tasks start in dataset order: each block is derived once
    for (const item of items) expect(lookup.byId(item.id)?.id).toBe(item.id);
    expect(derived).toEqual([256, 256, 256, 256, 256, 256, 256, 208]);
    // an early block was dropped and is derived again; an unknown id derives nothing
    expect(lookup.byId("t1")?.id).toBe("t1");
    expect(lookup.byId("nope")).toBeUndefined();
    expect(derived).toHaveLength(9);
  });

  it("finds a task by its text (pyStrip'd)", () => {
    const lookup = lazyGoldPrograms(items, (some) => some.map(program));
    expect(lookup.byTask("question 1234")?.id).toBe("t1234");
    expect(lookup.byTask("no such question")).toBeUndefined();
  });
});
