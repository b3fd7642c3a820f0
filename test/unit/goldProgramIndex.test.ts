/** Gold programs derived as tasks ask for them: the lookups of an index over all of them, deriving no further than needed. */
import { describe, expect, it } from "vitest";
import type { GoldProgram } from "../../src/programs/goldProgram.js";
import { oracleModule } from "../../src/programs/oracle.js";
import { GoldProgramIndex } from "../../src/programs/programIndex.js";

const program = (id: string, task: string, subgoal = "Subgoal 1: Add."): GoldProgram => ({ id, task, gold: "1", steps: [{ subgoal, actions: ["R1 = Calculator(1)"] }] });

function counted(programs: GoldProgram[]) {
  const seen = { derived: 0 };
  function* derive() {
    for (const p of programs) {
      seen.derived++;
      yield p;
    }
  }
  return { index: new GoldProgramIndex(derive()), seen };
}

describe("GoldProgramIndex", () => {
  const programs = [program("a", "Task A"), program("b", " Task B "), program("c", "Task A", "Subgoal 1: Again."), program("d", "Task D")];

  it("derives up to the task asked for by id, and no further", () => {
    const { index, seen } = counted(programs);
    expect(index.find("b", "whatever")?.id).toBe("b");
    expect(seen.derived).toBe(2);
    expect(index.find("a", "Task A")?.id).toBe("a");
    expect(seen.derived).toBe(2);
  });

  it("falls back to the task's text (stripped; the last program with it, as an index over all), deriving to the end", () => {
    const { index, seen } = counted(programs);
    expect(index.find(undefined, "Task A")?.id).toBe("c");
    expect(seen.derived).toBe(4);
    expect(index.find("no-such-id", "Task B")?.id).toBe("b");
    expect(index.find("no-such-id", "Task Z")).toBeUndefined();
  });

  it("serves an oracle: the same outputs as an oracle over the list", async () => {
    const request = { module: "planner", formulation: "iterative", task: "Task D", taskId: "d", turns: [{ role: "user", content: "Task: Task D" }] } as never;
    const lazy = await oracleModule(counted(programs).index).generate(request);
    const eager = await oracleModule(programs).generate(request);
    expect(lazy).toEqual(eager);
    expect(lazy.completion).toBe("Subgoal 1: Add.");
  });
});
