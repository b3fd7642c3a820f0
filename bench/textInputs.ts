/**
 * Adversarial model output, about 1 MB each, for the text functions that read it: long whitespace runs,
 * long lines without separators, deeply nested brackets, many "; ", many R variables, backtick and newline
 * runs. Each case knows its expected result, so the unit test (test/unit/textLinear.test.ts) checks that
 * every case finishes with the right answer and bench/text.ts times them.
 */
import { parseGroundingLine, splitOutsideBrackets } from "../src/actions/parse.js";
import { referencedVariables, substituteVariables, undefinedVariables } from "../src/actions/variables.js";
import { chatReplyLine } from "../src/models/chatModule.js";
import { firstLine } from "../src/protocol/chatTemplate.js";
import { parsePlannerOutput, splitPlanLine } from "../src/protocol/planOutput.js";
import { pyStrip } from "../src/protocol/pythonStrip.js";
import { withoutKeepPlanning } from "../src/protocol/turns.js";

export const MB = 1 << 20;

export interface TextCase {
  /** `function / input`. */
  name: string;
  /** Builds the input, `size` characters or close to it. */
  input(size: number): string;
  /** Runs the function under test (on `prepare`'s result, when the case has one). */
  run(input: string, prepared?: unknown): unknown;
  /** Untimed set-up for an input (e.g. a table of variable values). */
  prepare?(input: string): unknown;
  /** Why the result is wrong, or undefined when it is right. */
  check(result: unknown, input: string): string | undefined;
}

const repeatTo = (unit: string, size: number) => unit.repeat(Math.max(1, Math.floor(size / unit.length)));
const expectEqual = (actual: unknown, expected: unknown) =>
  JSON.stringify(actual) === JSON.stringify(expected) ? undefined : `expected ${JSON.stringify(expected).slice(0, 80)}, got ${JSON.stringify(actual).slice(0, 80)}`;
const PY_WHITESPACE = "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000";

type Items = ReturnType<typeof parseGroundingLine>;
const allOk = (items: Items) => items.every((i) => i.ok);

export const TEXT_CASES: TextCase[] = [
  {
    name: "pyStrip / one inner whitespace run",
    input: (n) => `a${" ".repeat(n - 2)}b`,
    run: pyStrip,
    check: (r, input) => expectEqual(r, input),
  },
  {
    name: "pyStrip / trailing whitespace run",
    input: (n) => `a${" ".repeat(n - 1)}`,
    run: pyStrip,
    check: (r) => expectEqual(r, "a"),
  },
  {
    name: "pyStrip / all Python whitespace",
    input: (n) => repeatTo(PY_WHITESPACE, n),
    run: pyStrip,
    check: (r) => expectEqual(r, ""),
  },
  {
    name: "pyStrip / many short whitespace runs",
    input: (n) => repeatTo("a \u00a0\u3000", n),
    run: pyStrip,
    check: (r, input) => expectEqual((r as string).length, input.length - 3),
  },
  {
    name: "firstLine / a line without newline",
    input: (n) => "x".repeat(n),
    run: firstLine,
    check: (r, input) => expectEqual((r as string).length, input.length),
  },
  {
    name: "parseGroundingLine / many \"; \"",
    input: (n) => repeatTo("R1 = Calculator(1); ", n).slice(0, -2),
    run: parseGroundingLine,
    check: (r, input) => {
      const items = r as Items;
      return expectEqual([items.length, allOk(items)], [input.split("; ").length, true]);
    },
  },
  {
    name: "parseGroundingLine / deeply nested brackets",
    input: (n) => `R1 = Calculator(${"(".repeat(n / 2 - 20)}1${")".repeat(n / 2 - 20)})`,
    run: parseGroundingLine,
    check: (r, input) => {
      const items = r as Items;
      return expectEqual([items.length, items[0].ok && items[0].action.args.length], [1, input.length - "R1 = Calculator()".length]);
    },
  },
  {
    name: "parseGroundingLine / unbalanced brackets",
    input: (n) => `R1 = Calculator(${repeatTo("([{; ", n - 20)}`,
    run: parseGroundingLine,
    check: (r) => expectEqual((r as Items).map((i) => (i.ok ? "ok" : i.error)), ["unbalanced parentheses"]),
  },
  {
    name: "parseGroundingLine / long line without separators",
    input: (n) => `R1 = Calculator(${repeatTo("12 + ", n - 20)}1)`,
    run: parseGroundingLine,
    check: (r) => expectEqual([(r as Items).length, allOk(r as Items)], [1, true]),
  },
  {
    name: "parseGroundingLine / many \" = \" annotations",
    input: (n) => `R1 = Calculator(1)${repeatTo(" = 1", n - 20)}`,
    run: parseGroundingLine,
    check: (r) => expectEqual((r as Items).map((i) => i.ok && i.action.args), ["1"]),
  },
  {
    name: "parseGroundingLine / many result variables",
    input: (n) => `${repeatTo("R1, ", n - 20)}R2 = SolveEquation(x = 1)`,
    run: parseGroundingLine,
    check: (r, input) => expectEqual((r as Items).map((i) => i.ok && i.action.outputs.length), [input.split(",").length]),
  },
  {
    name: "splitOutsideBrackets / bracket soup",
    input: (n) => repeatTo("(; ); [; ]; {; }; ", n),
    run: (input) => splitOutsideBrackets(input, "; "),
    check: (r, input) => expectEqual((r as string[]).length, (input.length / "(; ); [; ]; {; }; ".length) * 3 + 1),
  },
  {
    name: "substituteVariables / many R variables",
    input: (n) => {
      const names: string[] = [];
      for (let i = 1, size = 0; size < n; i++) {
        names.push(`R${i}`);
        size += `R${i}`.length + 3;
      }
      return names.join(" + ");
    },
    prepare: (input) => {
      const count = input.split(" + ").length;
      const values: Record<string, string> = {};
      for (let i = 1; i <= count; i++) values[`R${i}`] = "7";
      return values;
    },
    run: (input, prepared) => {
      const values = prepared as Record<string, string>;
      return [undefinedVariables(input, values).length, substituteVariables(input, values, (v) => `(${v})`)];
    },
    check: (r, input) => {
      const [missing, text] = r as [number, string];
      const count = input.split(" + ").length;
      return expectEqual([missing, text.length], [0, count * 3 + (count - 1) * 3]);
    },
  },
  {
    name: "referencedVariables / one R with a million digits",
    input: (n) => `R${"1".repeat(n - 2)}x`,
    run: referencedVariables,
    check: (r) => expectEqual(r, []),
  },
  {
    name: "referencedVariables / R1R1R1... (no token boundary)",
    input: (n) => repeatTo("R1", n),
    run: referencedVariables,
    check: (r) => expectEqual(r, []),
  },
  {
    name: "splitPlanLine / many \"; Subgoal k:\"",
    input: (n) => repeatTo("Subgoal 1: x.; ", n).slice(0, -2),
    run: splitPlanLine,
    check: (r, input) => expectEqual((r as string[]).length, input.split("; ").length),
  },
  {
    name: "splitPlanLine / \";\" and whitespace runs, no label",
    input: (n) => `Subgoal 1: x;${" ".repeat(n / 2)}Subgoal ${"9".repeat(n / 2 - 30)} x`,
    run: splitPlanLine,
    check: (r) => expectEqual((r as string[]).length, 1),
  },
  {
    name: "splitPlanLine / many \";\" with almost-labels",
    input: (n) => `Subgoal 1: x${repeatTo(";  Subgoal  12 ;", n)}`,
    run: splitPlanLine,
    check: (r) => expectEqual((r as string[]).length, 1),
  },
  {
    name: "parsePlannerOutput / iterative, many keep-planning phrases",
    input: (n) => `${repeatTo("No, I will keep planning. ", n - 20)}Subgoal 2: x.`,
    run: (input) => parsePlannerOutput(input, "iterative"),
    check: (r) => expectEqual(r, { kind: "subgoals", texts: ["Subgoal 2: x."] }),
  },
  {
    name: "parsePlannerOutput / onetime, many subgoals",
    input: (n) => repeatTo("Subgoal 1: x.; ", n).slice(0, -2),
    run: (input) => parsePlannerOutput(input, "onetime"),
    check: (r, input) => expectEqual((r as { texts: string[] }).texts.length, input.split("; ").length),
  },
  {
    name: "parsePlannerOutput / garbage",
    input: (n) => repeatTo("Subgoal; ", n),
    run: (input) => parsePlannerOutput(input, "iterative"),
    check: (r) => expectEqual((r as { kind: string }).kind, "malformed"),
  },
  {
    name: "withoutKeepPlanning / long whitespace after the phrase",
    input: (n) => `No, I will keep planning.${" ".repeat(n - 40)}Subgoal 2: x`,
    run: withoutKeepPlanning,
    check: (r) => expectEqual(r, "Subgoal 2: x"),
  },
  {
    name: "chatReplyLine / inner backtick run",
    input: (n) => `x${"`".repeat(n - 2)}x`,
    run: chatReplyLine,
    check: (r, input) => expectEqual(r, input),
  },
  {
    name: "chatReplyLine / blank lines then a line",
    input: (n) => `${repeatTo(" \n", n - 10)}\`\`R1 = x\`\``,
    run: chatReplyLine,
    check: (r) => expectEqual(r, "R1 = x"),
  },

];
