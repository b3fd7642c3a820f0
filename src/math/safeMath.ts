/**
 * The restricted mathjs instances behind every maths tool (following https://mathjs.org/docs/expressions/security.html).
 *
 * Model text is parsed into an expression tree that is checked before anything is evaluated: only numbers,
 * unknowns, a fixed list of constants, operators and functions (arithmetic, statistics, comparisons,
 * trigonometry), arrays, ranges, conditionals and blocks; no assignments or function definitions, no
 * strings, objects, property access or indexing, and no calls of `import`, `createUnit`, `config`,
 * `evaluate`, `parse`, `compile`, `simplify`, `derivative`, `resolve` or any function outside the list. So no
 * formula can change the engine for a later one, and every evaluation runs on a fresh scope (a new Map).
 * As a second line, the expression language's own namespace (`mathWithTransform`, what compiled nodes and
 * simplification look functions up in) has those functions replaced by stubs that throw, and the functions
 * whose cost grows with their arguments (powers, factorials, combinatorics, ranges, rounding places) by
 * guarded versions that enforce the limits of ./limits.ts. A tripwire rebuilds the instances should their
 * configuration ever change.
 */
import { createRequire } from "node:module";
import type { ConfigOptions, MathJsInstance, MathNode } from "mathjs";
import { MathError, MathLimitError, MathParseError } from "./errors.js";
import { DEFAULT_MATH_LIMITS, type MathLimits } from "./limits.js";

/**
 * mathjs from its single-file build (an export of the package, the same library and version as its ES modules):
 * it loads in tens of milliseconds where the ~1,000 ES modules take about a second, in every process and
 * worker that does maths. The build exports mathjs's default instance, `create(all)`, whose own `create(config)`
 * makes new instances from the same factories: every function, as `create(all, config)` does.
 */
const bundled = createRequire(import.meta.url)("mathjs/lib/browser/math.js") as MathJsInstance;
const createInstance = (config: ConfigOptions): MathJsInstance => (bundled.create as unknown as (config: ConfigOptions) => MathJsInstance)(config);

/** Exact rational arithmetic (Fraction) or plain floating point. */
export type NumberMode = "exact" | "floating";

/** Functions model text may call. */
const ALLOWED_FUNCTIONS = [
  // arithmetic
  "abs", "add", "cbrt", "ceil", "cube", "divide", "exp", "expm1", "fix", "floor", "gcd", "hypot", "lcm", "log", "log10",
  "log1p", "log2", "mod", "multiply", "nthRoot", "pow", "round", "sign", "sqrt", "square", "subtract", "unaryMinus",
  "unaryPlus", "dotMultiply", "dotDivide", "dotPow",
  // probability and statistics
  "combinations", "combinationsWithRep", "factorial", "gamma", "lgamma", "multinomial", "permutations", "max", "min",
  "mean", "median", "mode", "prod", "sum", "std", "variance", "mad",
  // relational and logical
  "compare", "equal", "larger", "largerEq", "smaller", "smallerEq", "unequal", "and", "not", "or", "xor",
  // trigonometry
  "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "atan2", "asec", "acsc", "acot", "sinh", "cosh",
  "tanh", "asinh", "acosh", "atanh",
  // conversions, tests, ranges
  "number", "fraction", "isInteger", "isNegative", "isPositive", "isZero", "range",
];

/** Operators (by the name of the function they call) model text may use. */
const ALLOWED_OPERATORS = new Set([
  "add", "subtract", "multiply", "divide", "pow", "mod", "unaryMinus", "unaryPlus", "factorial", "larger", "smaller",
  "largerEq", "smallerEq", "equal", "unequal", "and", "or", "xor", "not", "dotMultiply", "dotDivide", "dotPow",
]);

/** Names of the mathjs namespace usable as values; every other namespace name is rejected. */
const ALLOWED_CONSTANTS = new Set([
  "e", "E", "pi", "PI", "tau", "phi", "i", "Infinity", "NaN", "LN2", "LN10", "LOG2E", "LOG10E", "SQRT1_2", "SQRT2", "true", "false",
]);

/** Functions the expression language must never reach (mathjs's security guidance, and what else reconfigures or parses). */
const DISABLED_FUNCTIONS = [
  "import", "createUnit", "config", "evaluate", "parse", "compile", "parser", "simplify", "simplifyConstant", "simplifyCore",
  "rationalize", "derivative", "resolve", "symbolicEqual", "leafCount", "chain", "typed", "reviver", "replacer", "help",
  "map", "forEach", "filter", "apply",
];

interface Engine {
  math: MathJsInstance;
  /** The configuration the instance was built with (the tripwire compares it). */
  config: Readonly<Record<string, unknown>>;
  allowed: Set<string>;
}

type AnyFn = (...args: unknown[]) => unknown;

/** Limits of the evaluation in progress (evaluation is synchronous, so one slot is enough). */
let activeLimits: MathLimits = DEFAULT_MATH_LIMITS;

function createEngine(mode: NumberMode): Engine {
  const math = createInstance(mode === "exact" ? { number: "Fraction" } : {});
  const namespace = (math as unknown as { expression: { mathWithTransform: Record<string, unknown> } }).expression.mathWithTransform;
  // the original functions, resolved on first use (namespace entries are lazy; building them all costs startup time)
  const original = (name: string): AnyFn => {
    const descriptor = Object.getOwnPropertyDescriptor(namespace, name);
    let fn: AnyFn | undefined;
    return (...args) => {
      fn ??= (descriptor?.get ? descriptor.get.call(namespace) : descriptor?.value) as AnyFn;
      return fn(...args);
    };
  };
  const define = (name: string, value: unknown) => Object.defineProperty(namespace, name, { value, writable: false, configurable: false, enumerable: true });

  for (const name of DISABLED_FUNCTIONS) {
    if (!(name in namespace)) continue;
    const stub = () => {
      throw new MathError(`function "${name}" is not allowed`);
    };
    // compiled array literals read config.matrix from the namespace: keep the (read-only) settings on the stub
    if (name === "config") Object.assign(stub, { ...(namespace.config as object) });
    define(name, stub);
  }

  const guards: Record<string, (fn: AnyFn) => AnyFn> = {
    pow: (fn) => (base, exponent) => {
      if (mode === "exact") checkPower(base, exponent, "^");
      return fn(base, exponent);
    },
    dotPow: (fn) => (base, exponent) => {
      if (mode === "exact") checkPower(base, exponent, ".^");
      return fn(base, exponent);
    },
    // products of exact numbers grow as fast as powers do, a factor at a time: (7^9000) * (7^9000) * ...
    multiply: (fn) => (...args) => (mode === "exact" && checkProduct(args, "*"), fn(...args)),
    divide: (fn) => (a, b) => (mode === "exact" && checkProduct([a, b], "/"), fn(a, b)),
    dotMultiply: (fn) => (a, b) => (mode === "exact" && checkProduct([a, b], ".*"), fn(a, b)),
    dotDivide: (fn) => (a, b) => (mode === "exact" && checkProduct([a, b], "./"), fn(a, b)),
    factorial: (fn) => (n) => (checkCost("factorial", [n], largest(n)), fn(n)),
    gamma: (fn) => (n) => (checkCost("gamma", [n], largest(n)), fn(n)),
    permutations: (fn) => (...args) => (checkCost("permutations", args, num(args.length > 1 ? args[1] : args[0])), fn(...args)),
    combinations: (fn) => (n, k) => (checkCost("combinations", [n, k], Math.min(num(k), num(n) - num(k))), fn(n, k)),
    combinationsWithRep: (fn) => (n, k) => (checkCost("combinationsWithRep", [n, k], num(k)), fn(n, k)),
    multinomial: (fn) => (a) => (checkCost("multinomial", [a], sumOf(a)), fn(a)),
    range: (fn) => (...args) => (checkRange(args), fn(...args)),
    round: (fn) => (...args) => (checkPlaces("round", args), fn(...args)),
    floor: (fn) => (...args) => (checkPlaces("floor", args), fn(...args)),
    ceil: (fn) => (...args) => (checkPlaces("ceil", args), fn(...args)),
    fix: (fn) => (...args) => (checkPlaces("fix", args), fn(...args)),
  };
  for (const [name, guard] of Object.entries(guards)) {
    if (name in namespace) define(name, guard(original(name)));
  }

  // `in`, not a read: reading a lazy namespace entry would build the function now
  const allowed = new Set(ALLOWED_FUNCTIONS.filter((name) => name in namespace));
  return { math, config: configOf(math), allowed };
}

/** A copy of the instance's settings (mathjs's config() returns a fresh object each call). */
function configOf(math: MathJsInstance): Record<string, unknown> {
  return (math.config as unknown as () => Record<string, unknown>)();
}

/** Field by field: the settings are flat (numbers, strings, booleans, null); anything else is compared as JSON. */
function sameConfig(now: Record<string, unknown>, built: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(built);
  if (Object.keys(now).length !== keys.length) return false;
  for (const key of keys) {
    const a = now[key];
    const b = built[key];
    if (a === b) continue;
    if (typeof a !== "object" || typeof b !== "object" || JSON.stringify(a) !== JSON.stringify(b)) return false;
  }
  return true;
}

const engines: Record<NumberMode, Engine> = { exact: createEngine("exact"), floating: createEngine("floating") };

/** The restricted instance of a mode. Only this module's callers use it, never model text directly. */
export function mathOf(mode: NumberMode): MathJsInstance {
  return engines[mode].math;
}

/**
 * Tripwire: nothing reachable from model text can change an instance, but should its configuration ever
 * differ from the one it was built with, the instance is rebuilt before the next formula. Returns false
 * when it had to rebuild.
 */
export function ensureEngineIntact(): boolean {
  let intact = true;
  for (const mode of ["exact", "floating"] as const) {
    if (!sameConfig(configOf(engines[mode].math), engines[mode].config)) {
      engines[mode] = createEngine(mode);
      intact = false;
    }
  }
  return intact;
}

/** Runs `fn` with the given limits active for the guarded functions. */
export function withLimits<T>(limits: MathLimits, fn: () => T): T {
  const previous = activeLimits;
  activeLimits = limits;
  try {
    return fn();
  } finally {
    activeLimits = previous;
  }
}

// ---------------------------------------------------------------------------------------------------------
// guards

function num(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  if (x && typeof x === "object" && "valueOf" in x) {
    const v = (x as { valueOf(): unknown }).valueOf();
    if (typeof v === "number") return v;
  }
  return Number.NaN;
}

function elements(x: unknown): unknown[] {
  if (Array.isArray(x)) return x.flatMap(elements);
  if (x && typeof x === "object" && "toArray" in x && typeof (x as { toArray: unknown }).toArray === "function") {
    return elements((x as { toArray(): unknown[] }).toArray());
  }
  return [x];
}

function largest(x: unknown): number {
  return Math.max(...elements(x).map((v) => Math.abs(num(v))));
}

function sumOf(x: unknown): number {
  return elements(x).reduce<number>((s, v) => s + Math.abs(num(v)), 0);
}

const EXACT_FLOAT_LIMIT = 2n ** 52n;

function log10Big(b: bigint): number {
  const a = b < 0n ? -b : b;
  if (a === 0n) return 0;
  if (a < EXACT_FLOAT_LIMIT) return Math.log10(Number(a));
  const hex = a.toString(16);
  return (hex.length - 13) * Math.log10(16) + Math.log10(parseInt(hex.slice(0, 13), 16));
}

/** log10 of the largest numerator or denominator (exact values) or magnitude (numbers) in x. */
function magnitude(x: unknown): number {
  let m = 0;
  for (const v of elements(x)) {
    if (v && typeof v === "object" && "n" in v && "d" in v) {
      const f = v as { n: bigint | number; d: bigint | number };
      m = Math.max(m, log10Big(BigInt(f.n)), log10Big(BigInt(f.d)));
    } else {
      const n = Math.abs(num(v));
      if (n > 0 && Number.isFinite(n)) m = Math.max(m, Math.abs(Math.log10(n)));
    }
  }
  return m;
}

function shown(x: unknown): string {
  const text = String(x);
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
}

function grouped(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function checkPower(base: unknown, exponent: unknown, op: string): void {
  const e = largest(exponent);
  if (!Number.isFinite(e) && !Number.isNaN(e)) throw new MathLimitError(`${shown(base)}${op}${shown(exponent)} is too large`);
  const isMatrix = elements(base).length > 1 || Array.isArray(base) || (typeof base === "object" && base !== null && "toArray" in base);
  if (isMatrix && op === "^" && e > activeLimits.maxSymbolicDegree) {
    throw new MathLimitError(`matrix power ^${shown(exponent)} is too large (limit ${activeLimits.maxSymbolicDegree})`);
  }
  const width = isMatrix && op === "^" ? Math.log10(Math.max(1, elements(base).length)) : 0;
  const digits = e * (magnitude(base) + width);
  if (digits > activeLimits.maxDigits) {
    throw new MathLimitError(`${shown(base)}${op}${shown(exponent)} is too large: about ${grouped(digits)} digits (limit ${grouped(activeLimits.maxDigits)})`);
  }
}

function checkProduct(args: unknown[], op: string): void {
  let digits = 0;
  for (const arg of args) digits += scalarMagnitude(arg);
  if (digits > activeLimits.maxDigits) {
    throw new MathLimitError(`${args.map(shown).join(` ${op} `)} is too large: about ${grouped(digits)} digits (limit ${grouped(activeLimits.maxDigits)})`);
  }
}

/** magnitude() without allocations for the common case of a single exact or plain number. */
function scalarMagnitude(x: unknown): number {
  if (typeof x === "number") return x === 0 || !Number.isFinite(x) ? 0 : Math.abs(Math.log10(Math.abs(x)));
  if (x && typeof x === "object" && "n" in x && "d" in x) {
    const f = x as { n: bigint | number; d: bigint | number };
    return Math.max(log10Big(BigInt(f.n)), log10Big(BigInt(f.d)));
  }
  return magnitude(x);
}

function checkCost(name: string, args: unknown[], cost: number): void {
  if (Number.isNaN(cost) || cost <= activeLimits.maxFactorialArgument) return;
  throw new MathLimitError(`${name}(${args.map(shown).join(", ")}) is too large (arguments up to ${grouped(activeLimits.maxFactorialArgument)})`);
}

function checkRange(args: unknown[]): void {
  const [start, end] = args.map(num);
  const step = args.length > 2 && typeof args[2] !== "boolean" ? num(args[2]) : 1;
  const count = Math.floor((end - start) / step) + 1;
  if (Number.isNaN(start) || Number.isNaN(end)) return; // not numbers: mathjs reports the type error
  if (!(count <= activeLimits.maxElements)) {
    throw new MathLimitError(`the range ${shown(args[0])}:${args.length > 2 ? `${shown(args[2])}:` : ""}${shown(args[1])} is too large (limit ${grouped(activeLimits.maxElements)} elements)`);
  }
}

const MAX_PLACES = 15;

function checkPlaces(name: string, args: unknown[]): void {
  if (args.length < 2) return;
  const places = largest(args[1]);
  if (!(places <= MAX_PLACES)) throw new MathLimitError(`${name}(..., ${shown(args[1])}): at most ${MAX_PLACES} decimal places`);
}

// ---------------------------------------------------------------------------------------------------------
// checking a formula before evaluation

/** A formula parsed by a restricted instance and checked; `symbols` are its unknowns in order of appearance. */
export interface CheckedFormula {
  node: MathNode;
  symbols: string[];
  nodes: number;
  /** Compiled on first evaluation. */
  compiled?: { evaluate(scope: Map<string, unknown>): unknown };
}

type AnyNode = MathNode & Record<string, unknown>;

/** Parses and checks a formula. Throws MathLimitError over a limit, MathError for anything not allowed or unparsable. */
export function checkFormula(text: string, mode: NumberMode, limits: MathLimits): CheckedFormula {
  if (text.length > limits.maxLength) {
    throw new MathLimitError(`the formula is too long (${grouped(text.length)} characters, limit ${grouped(limits.maxLength)})`);
  }
  let depth = 0;
  for (const ch of text) {
    if (ch === "(" || ch === "[" || ch === "{") {
      if (++depth > limits.maxDepth) throw new MathLimitError(`the formula is nested too deeply (limit ${limits.maxDepth} levels)`);
    } else if (ch === ")" || ch === "]" || ch === "}") depth = Math.max(0, depth - 1); // stray closers (e.g. in a # comment) never buy depth
  }
  const engine = engines[mode];
  let node: MathNode;
  try {
    node = engine.math.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new MathLimitError("the formula is nested too deeply");
    throw new MathParseError((error as Error).message);
  }
  const state = { nodes: 0, symbols: [] as string[] };
  checkNode(node as AnyNode, engine, limits, state);
  return { node, symbols: state.symbols, nodes: state.nodes };
}

function checkNode(node: AnyNode, engine: Engine, limits: MathLimits, state: { nodes: number; symbols: string[] }): void {
  if (++state.nodes > limits.maxNodes) throw new MathLimitError(`the formula has too many terms (limit ${grouped(limits.maxNodes)} nodes)`);
  const recurse = (child: unknown) => checkNode(child as AnyNode, engine, limits, state);
  switch (node.type) {
    case "ConstantNode": {
      const value = node.value as unknown;
      const numeric = typeof value === "number" || typeof value === "boolean" || (typeof value === "object" && value !== null && "n" in value && "d" in value);
      if (!numeric) throw new MathError(`${typeof value === "string" ? "text" : String(value)} is not allowed in a formula`);
      return;
    }
    case "SymbolNode": {
      const name = node.name as string;
      if (ALLOWED_CONSTANTS.has(name)) return;
      if (name in engine.math) throw new MathError(`"${name}" is not allowed in a formula`);
      if (!state.symbols.includes(name)) state.symbols.push(name);
      return;
    }
    case "FunctionNode": {
      const fn = node.fn as AnyNode;
      if (fn.type !== "SymbolNode") throw new MathError("only named functions can be called");
      const name = fn.name as string;
      if (!engine.allowed.has(name)) throw new MathError(name in engine.math ? `function "${name}" is not allowed` : `unknown function "${name}"`);
      (node.args as unknown[]).forEach(recurse);
      return;
    }
    case "OperatorNode": {
      const fn = node.fn as string;
      if (!ALLOWED_OPERATORS.has(fn)) throw new MathError(`operator "${node.op as string}" is not allowed`);
      const args = node.args as AnyNode[];
      args.forEach(recurse);
      if (fn === "pow" && args.length === 2) checkSymbolicPower(args[0], args[1], engine, limits);
      return;
    }
    case "ArrayNode": {
      const items = node.items as unknown[];
      if (items.length > limits.maxElements) throw new MathLimitError(`the array is too large (limit ${grouped(limits.maxElements)} elements)`);
      items.forEach(recurse);
      return;
    }
    case "ParenthesisNode":
    case "ConditionalNode":
    case "RelationalNode":
    case "RangeNode":
    case "BlockNode":
      node.forEach((child) => recurse(child));
      return;
    case "AssignmentNode":
      throw new MathError("assignments are not allowed in a formula");
    case "FunctionAssignmentNode":
      throw new MathError("function definitions are not allowed in a formula");
    case "AccessorNode":
    case "IndexNode":
      throw new MathError("property access and indexing are not allowed in a formula");
    case "ObjectNode":
      throw new MathError("objects are not allowed in a formula");
    default:
      throw new MathError(`${node.type} is not allowed in a formula`);
  }
}

/** (x + 1)^1000000 would be expanded term by term by symbolic simplification: bound the degree. */
function checkSymbolicPower(base: AnyNode, exponent: AnyNode, engine: Engine, limits: MathLimits): void {
  if (!hasSymbols(base, engine) || hasSymbols(exponent, engine)) return;
  let degree: number;
  try {
    degree = Math.abs(num(withLimits(limits, () => exponent.compile().evaluate(new Map()))));
  } catch {
    return; // evaluation reports it
  }
  if (degree > limits.maxSymbolicDegree) {
    throw new MathLimitError(`the power ${grouped(degree)} of an unknown is too large (limit ${limits.maxSymbolicDegree})`);
  }
}

function hasSymbols(node: AnyNode, engine: Engine): boolean {
  let found = false;
  node.traverse((n, _path, parent) => {
    if (found || n.type !== "SymbolNode") return;
    const name = (n as AnyNode).name as string;
    const isCallee = parent?.type === "FunctionNode" && (parent as AnyNode).fn === n;
    if (!isCallee && !ALLOWED_CONSTANTS.has(name) && !(name in engine.math)) found = true;
  });
  return found;
}

/** Evaluates a checked formula on a fresh scope with the limits active. */
export function evaluateChecked(checked: CheckedFormula, scope: Record<string, unknown>, limits: MathLimits): unknown {
  const fresh = new Map<string, unknown>(Object.entries(scope));
  checked.compiled ??= checked.node.compile();
  const compiled = checked.compiled;
  return withLimits(limits, () => compiled.evaluate(fresh));
}
