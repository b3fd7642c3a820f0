/** `--shard i/n`: 1-based, contiguous slices whose concatenation in shard order is exactly the selected tasks. */
import { describe, expect, it } from "vitest";
import { parseShard, shardBounds, shardLabel, shardSlice, ShardFormatError } from "../../src/eval/shard.js";

describe("shards", () => {
  it("parses i/n, 1-based, and refuses anything else with what it expects", () => {
    expect(parseShard("1/4")).toEqual({ index: 1, count: 4 });
    expect(parseShard("4/4")).toEqual({ index: 4, count: 4 });
    expect(parseShard(" 2 / 3 ")).toEqual({ index: 2, count: 3 });
    expect(shardLabel(parseShard("3/7"))).toBe("3/7");
    for (const bad of ["0/4", "5/4", "2", "1/0", "a/b", "-1/3", "1.5/3", "", "2/4/1"]) {
      expect(() => parseShard(bad), bad).toThrow(ShardFormatError);
    }
    expect(() => parseShard("0/4")).toThrow(/i from 1 to n .*not "0\/4"/);
  });

  it("slices contiguously: sizes differ by at most one and the shards in order are the tasks, each once", () => {
    for (const total of [0, 1, 2, 5, 40, 41, 1319]) {
      const tasks = Array.from({ length: total }, (_, i) => `t${i}`);
      for (let count = 1; count <= 7; count++) {
        const slices = Array.from({ length: count }, (_, i) => shardSlice(tasks, { index: i + 1, count }));
        expect(slices.flat(), `${total} tasks in ${count}`).toEqual(tasks);
        const sizes = slices.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it("is deterministic and leaves shards empty when there are more shards than tasks", () => {
    expect(shardBounds(40, { index: 2, count: 3 })).toEqual({ start: 13, end: 26 });
    expect(shardSlice(["a", "b"], { index: 1, count: 3 })).toEqual([]);
    expect(shardSlice(["a", "b"], { index: 2, count: 3 })).toEqual(["a"]);
    expect(shardSlice(["a", "b"], { index: 3, count: 3 })).toEqual(["b"]);
  });
});
