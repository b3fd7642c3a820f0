/**
 * Text handling on model output must be linear: every function that reads a model's reply (pyStrip,
 * firstLine, the action-line split and parse, variable substitution, the plan split and classification, the
 * chat reply cleanup) is run on adversarial inputs of 1 MB (bench/textInputs.ts).
 *
 * Prints, per case, the time per MB at 1 MB and the ratio time(1 MB) / time(256 KB), measured in this run: a
 * linear function gives about 4 (garbage collection of the many small objects some cases allocate pushes that
 * to 5–9), a quadratic one about 16 and more (the old pyStrip: x4.5 per doubling, 40 s at 160,000 spaces).
 * `--size-mb 4` shows the time per MB staying flat. Target: ratio well under 16 for every case.
 *
 * Usage: npm run bench:text [-- --size-mb 1 --repeat 5]   (the script runs node with --expose-gc, so every timed
 * run starts after a full collection)
 */
import { parseArgs } from "node:util";
import { MB, TEXT_CASES, type TextCase } from "./textInputs.js";

const { values } = parseArgs({
  options: {
    "size-mb": { type: "string", default: "1" },
    repeat: { type: "string", default: "5" },
  },
});
const size = Math.round(Number(values["size-mb"]) * MB);
const repeat = Math.max(1, Number(values.repeat));

const gc = (globalThis as { gc?: () => void }).gc;

/** Best of `repeat` runs, in ms (the minimum is the least disturbed by GC and other processes). */
function best(c: TextCase, input: string): number {
  const prepared = c.prepare?.(input);
  let min = Infinity;
  for (let i = 0; i < repeat; i++) {
    gc?.();
    const started = performance.now();
    c.run(input, prepared);
    min = Math.min(min, performance.now() - started);
  }
  return min;
}

const rows: string[][] = [];
let worstPerMb = 0;
let worstRatio = 0;
for (const c of TEXT_CASES) {
  const large = c.input(size);
  const small = c.input(Math.round(size / 4));
  const problem = c.check(c.run(large, c.prepare?.(large)), large);
  if (problem) throw new Error(`${c.name}: wrong result: ${problem}`);
  const tSmall = best(c, small);
  const tLarge = best(c, large);
  const perMb = tLarge / (large.length / MB);
  const ratio = tLarge / Math.max(tSmall, 0.05);
  worstPerMb = Math.max(worstPerMb, perMb);
  worstRatio = Math.max(worstRatio, ratio);
  rows.push([c.name, `${(large.length / MB).toFixed(2)} MB`, `${perMb.toFixed(2)} ms/MB`, `x${ratio.toFixed(1)}`]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`text handling on adversarial model output (best of ${repeat}; ratio = time(size) / time(size/4), linear = 4)`);
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "));
console.log(`worst: ${worstPerMb.toFixed(2)} ms/MB, ratio x${worstRatio.toFixed(1)}`);
