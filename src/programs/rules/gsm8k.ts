/**
 * GSM8K solutions to gold programs by rule. Every calculator note `<<expr=value>>` becomes a subgoal with
 * one Calculator action, and so does arithmetic the solution states without a note ("99 + 5 = $104")
 * when it checks out. A number in a later expression that equals an earlier step's value and does not
 * occur in the question is written as that step's R variable. When the last step is not the gold answer
 * but an earlier step is, a final subgoal reports that step (the solution's "#### N" names it).
 */
import type { GoldProgram, GoldStep } from "../goldProgram.js";
import { gsm8kGold } from "../../datasets/gsm8k.js";
import { findArithmeticClaims } from "./arithmeticClaims.js";
import { findEquationClaims } from "./equationClaims.js";
import { evaluateFormula } from "../../math/engine.js";

const NOTE = /<<([^<>=]*)=([^<>]*)>>/g;
const NUMBER = /(?<![\w.])(\d+(?:\.\d+)?|\.\d+)(?![\w.])/g;

function numbersIn(text: string): Set<number> {
  return new Set([...text.replace(/(\d),(?=\d{3})/g, "$1").matchAll(/\d*\.?\d+/g)].map((m) => Number(m[0])));
}

function sentenceOf(line: string): string {
  const text = line.replace(/<<[^<>]*>>/g, "").replace(/\s+/g, " ").trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

interface Step {
  tool: "Calculator" | "SolveEquation";
  expression: string;
  value: number;
  at: number;
}

/** Notes and checked claims of one solution line, in reading order. */
function stepsOfLine(line: string): Step[] {
  const steps: Step[] = [];
  for (const note of line.matchAll(NOTE)) {
    const value = Number(note[2].replace(/[,$]/g, ""));
    steps.push({ tool: "Calculator", expression: note[1].replace(/,/g, "").trim(), value, at: note.index ?? 0 });
  }
  // blank the notes (and the "expr = $" written before them) so claims see only unannotated arithmetic
  const masked = line
    .replace(NOTE, (m) => "#".repeat(m.length))
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1") // 88,000
    .replace(/\$(\d{1,3})((?: \d{3})+)(?!\d)/g, (_m, head: string, rest: string) => `$${head}${rest.replace(/ /g, "")}`); // $400 000
  const arithmetic = findArithmeticClaims(masked);
  for (const claim of arithmetic) steps.push({ tool: "Calculator", expression: claim.expression, value: claim.value, at: claim.at });
  for (const claim of findEquationClaims(masked)) {
    if (!arithmetic.some((a) => a.at === claim.at)) steps.push({ tool: "SolveEquation", expression: claim.equation, value: claim.value, at: claim.at });
  }
  return steps.sort((a, b) => a.at - b.at);
}

export function gsm8kProgram(id: string, question: string, answer: string): GoldProgram {
  const [solution] = answer.split("####");
  const gold = gsm8kGold(answer);
  const inQuestion = numbersIn(question);
  const earlier: { variable: string; value: number }[] = [];
  const steps: GoldStep[] = [];
  const refer = (expression: string) =>
    expression.replace(NUMBER, (token, _n, offset: number, whole: string) => {
      const value = Number(token);
      if (inQuestion.has(value)) return token;
      const source = [...earlier].reverse().find((e) => Math.abs(e.value - value) < 1e-9);
      if (!source) return token;
      // "9(2/3)" multiplies; "R1(2/3)" would apply R1 as a function
      return /^\s*\(/.test(whole.slice(offset + token.length)) ? `${source.variable} *` : source.variable;
    });
  for (const line of solution.split("\n")) {
    const lineSteps = stepsOfLine(line);
    lineSteps.forEach((step, i) => {
      const variable = `R${earlier.length + 1}`;
      const sentence = sentenceOf(line);
      const text = lineSteps.length > 1 ? `${sentence.replace(/\.$/, "")} (part ${i + 1}).` : sentence;
      steps.push({ subgoal: `Subgoal ${steps.length + 1}: ${text}`, actions: [`${variable} = ${step.tool}(${refer(step.expression)})`] });
      earlier.push({ variable, value: step.value });
    });
  }
  const finalStep = reportingStep(earlier, Number(gold));
  if (finalStep) steps.push({ subgoal: `Subgoal ${steps.length + 1}: ${finalStep.subgoal}`, actions: [finalStep.action] });
  return { id, task: question, gold, steps };
}

/**
 * When the solution's last computed value is not its "#### N" answer: report an earlier step that is,
 * or convert the last value the way the answer states it (a fraction as a percentage or cents, a
 * rounded count). Each candidate is checked by evaluation.
 */
function reportingStep(earlier: { variable: string; value: number }[], goldValue: number): { subgoal: string; action: string } | undefined {
  const last = earlier[earlier.length - 1];
  if (!last || !Number.isFinite(goldValue) || Math.abs(last.value - goldValue) < 1e-9) return undefined;
  const next = `R${earlier.length + 1}`;
  const source = [...earlier].reverse().find((e) => Math.abs(e.value - goldValue) < 1e-9);
  if (source) return { subgoal: "Report the result that answers the question.", action: `${next} = Calculator(${source.variable})` };
  const conversions: [string, string][] = [
    ["Express the result as a percentage.", `${last.variable} * 100`],
    ["Round the result to a whole number.", `round(${last.variable})`],
    ["Round the result down to a whole number.", `floor(${last.variable})`],
    ["Round the result up to a whole number.", `ceil(${last.variable})`],
  ];
  for (const [subgoal, formula] of conversions) {
    const value = evaluateFormula(formula.replace(last.variable, String(last.value)));
    if (value.kind === "number" && Math.abs(value.approx - goldValue) < 1e-9) return { subgoal, action: `${next} = Calculator(${formula})` };
  }
  return undefined;
}
