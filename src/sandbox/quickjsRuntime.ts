/**
 * One run of guest JavaScript in QuickJS (WebAssembly), in the calling thread. The tools never call this
 * directly: src/isolation runs it inside a worker thread whose hard time limit backs up the limits here.
 *
 * Every run gets a fresh QuickJS module (a few milliseconds) with its own WebAssembly memory, so:
 * - the guest heap is bounded by the memory's maximum size, not only by QuickJS's own allocation counter
 *   (which under-counts in this build: an allocation loop grew the host to 1.6 GB under a 32 MiB setting);
 * - a guest that trips a QuickJS assertion or exhausts the memory aborts only its own module, which is
 *   thrown away with the run: no later run can be poisoned by an earlier abort;
 * - the interrupt handler stops loops at the deadline; guest code that is rarely interrupted (allocation
 *   failures caught and retried, exceptions from deep recursion) is stopped by the worker's hard limit.
 *
 * The result is read by the host handle by handle, never with the guest's JSON.stringify or toJSON: only
 * JSON values (numbers, strings, booleans, null, arrays, plain objects) within a size and depth budget;
 * cyclic values and oversized results are errors.
 */
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime } from "quickjs-emscripten";
import { DEFAULT_SANDBOX_LIMITS, DEFAULT_SANDBOX_RESULT_BYTES, type SandboxLimits, type SandboxResult } from "./limits.js";

export { DEFAULT_SANDBOX_LIMITS, DEFAULT_SANDBOX_RESULT_BYTES, type SandboxFailureKind, type SandboxLimits, type SandboxResult } from "./limits.js";

const PAGE = 64 * 1024;
/** The QuickJS build's initial memory (static data, stack and a first heap). */
const BASE_PAGES = (16 * 1024 * 1024) / PAGE;
const STACK_BYTES = 512 * 1024;
const MAX_RESULT_DEPTH = 64;

interface Budget {
  /** Characters left. */
  chars: number;
  limit: number;
}

class ResultError extends Error {}

/** The WebAssembly global (its types are not part of this project's ES library settings). */
const Wasm = (globalThis as unknown as { WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => unknown } }).WebAssembly;

/** Evaluates `source` (a script whose completion value is the result) in a fresh QuickJS module. */
export async function runQuickJS(source: string, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS, hooks: { onStart?: () => void } = {}): Promise<SandboxResult> {
  const memory = new Wasm.Memory({ initial: BASE_PAGES, maximum: BASE_PAGES + Math.ceil(limits.memoryBytes / PAGE) });
  let runtime: QuickJSRuntime | undefined;
  let context: QuickJSContext | undefined;
  let isArray: QuickJSHandle | undefined;
  let deadline = Number.POSITIVE_INFINITY;
  const overTime = () => Date.now() > deadline;
  try {
    // printErr: an abort is reported as this run's result, not printed on the host's stderr
    const quiet = { print: () => {}, printErr: () => {} } as unknown as NonNullable<Parameters<typeof newVariant>[1]["emscriptenModule"]>;
    const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory: memory as never, emscriptenModule: quiet }));
    runtime = module.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(STACK_BYTES);
    context = runtime.newContext();
    hooks.onStart?.();
    deadline = Date.now() + limits.timeoutMs;
    runtime.setInterruptHandler(overTime);
    const ctx = context;
    // captured before the guest runs, so a guest that replaces Array.isArray cannot fool the reader
    const arrayConstructor = ctx.getProp(ctx.global, "Array");
    isArray = ctx.getProp(arrayConstructor, "isArray");
    arrayConstructor.dispose();
    const result = ctx.evalCode(source, "generated.js");
    if (result.error) {
      const message = describeThrown(ctx, result.error);
      result.error.dispose();
      // only the deadline decides: guest code can throw an error that says "interrupted" itself
      if (overTime()) return timeout(limits);
      if (/out of memory/i.test(message)) return outOfMemory(limits);
      return { ok: false, kind: "error", error: message };
    }
    try {
      const limit = limits.maxResultBytes ?? DEFAULT_SANDBOX_RESULT_BYTES;
      const budget = { chars: limit, limit };
      const value = readValue(ctx, result.value, isArray, budget, 0, []);
      return { ok: true, value };
    } catch (error) {
      if (overTime()) return timeout(limits);
      return { ok: false, kind: "result", error: (error as Error).message };
    } finally {
      result.value.dispose();
    }
  } catch (error) {
    // an abort (QuickJS assertion, exhausted WebAssembly memory) surfaces as a host exception; the module is discarded
    if (overTime()) return timeout(limits);
    const message = (error as Error)?.message ?? String(error);
    if (/out of memory|Cannot enlarge memory|OOM|memory access out of bounds/i.test(message)) return outOfMemory(limits);
    if (error instanceof RangeError && /call stack/i.test(message)) return { ok: false, kind: "error", error: "stack overflow: the code recurses too deeply" };
    return { ok: false, kind: "error", error: `sandbox failure: ${message.split("\n")[0].slice(0, 200)}` };
  } finally {
    try {
      isArray?.dispose();
      context?.dispose();
      runtime?.dispose();
    } catch {
      // disposing after a guest stack overflow can trip a QuickJS assertion: the module is discarded with this run
    }
  }
}

function timeout(limits: SandboxLimits): SandboxResult {
  return { ok: false, kind: "timeout", error: `time limit of ${limits.timeoutMs} ms exceeded` };
}

function outOfMemory(limits: SandboxLimits): SandboxResult {
  return { ok: false, kind: "memory", error: `memory limit of ${Math.round(limits.memoryBytes / 1024 / 1024)} MiB exceeded` };
}

/** `Name: message` of a thrown value, read with the same bounded reader as results. */
function describeThrown(ctx: QuickJSContext, thrown: QuickJSHandle): string {
  try {
    if (ctx.typeof(thrown) === "object") {
      const name = readString(ctx, thrown, "name");
      const message = readString(ctx, thrown, "message");
      if (name !== undefined || message !== undefined) return `${name ?? "Error"}: ${message ?? ""}`;
      return "a non-error object was thrown";
    }
    const budget = { chars: 1000, limit: 1000 };
    return String(readValue(ctx, thrown, undefined, budget, 0, []));
  } catch (error) {
    return `an unreadable value was thrown (${(error as Error).message})`;
  }
}

function readString(ctx: QuickJSContext, handle: QuickJSHandle, key: string): string | undefined {
  const prop = ctx.getProp(handle, key);
  try {
    if (ctx.typeof(prop) !== "string") return undefined;
    const length = stringLength(ctx, prop);
    if (length > 10_000) return `(a text of ${length} characters)`;
    const text = ctx.getString(prop);
    return length > 500 ? `${text.slice(0, 500)}...` : text;
  } finally {
    prop.dispose();
  }
}

/** Length of a guest string, read before copying it to the host. */
function stringLength(ctx: QuickJSContext, handle: QuickJSHandle): number {
  const length = ctx.getProp(handle, "length");
  try {
    return ctx.typeof(length) === "number" ? ctx.getNumber(length) : Number.POSITIVE_INFINITY;
  } finally {
    length.dispose();
  }
}

/** Reads a JSON value from the guest within the budget; throws ResultError for anything else. */
function readValue(ctx: QuickJSContext, handle: QuickJSHandle, isArray: QuickJSHandle | undefined, budget: Budget, depth: number, ancestors: QuickJSHandle[]): unknown {
  const spend = (chars: number) => {
    budget.chars -= chars;
    if (budget.chars < 0) throw new ResultError(`the result is larger than ${budget.limit.toLocaleString("en-US")} characters`);
  };
  switch (ctx.typeof(handle)) {
    case "undefined":
      return undefined;
    case "number": {
      spend(8);
      return ctx.getNumber(handle);
    }
    case "boolean":
      spend(5);
      return ctx.dump(handle) as boolean;
    case "string": {
      spend(stringLength(ctx, handle));
      return ctx.getString(handle);
    }
    case "bigint":
      throw new ResultError("the result contains a BigInt, which is not a JSON value");
    case "function":
    case "symbol":
      return undefined;
    case "object":
      break;
    default:
      throw new ResultError("the result cannot be read (a getter failed, or it is not a JSON value)");
  }
  if (ctx.sameValue(handle, ctx.null)) {
    spend(4);
    return null;
  }
  if (depth >= MAX_RESULT_DEPTH) throw new ResultError(`the result is nested more than ${MAX_RESULT_DEPTH} levels deep`);
  if (ancestors.some((a) => ctx.sameValue(a, handle))) throw new ResultError("the result is cyclic");
  if (!isArray) throw new ResultError("the result is not a JSON value");
  const path = [...ancestors, handle];
  const arrayCheck = ctx.callFunction(isArray, ctx.undefined, handle);
  if (arrayCheck.error) {
    arrayCheck.error.dispose();
    throw new ResultError("the result cannot be read");
  }
  const array = ctx.dump(arrayCheck.value) === true;
  arrayCheck.value.dispose();
  if (array) {
    const length = ctx.getLength(handle) ?? 0;
    spend(2 + length);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const item = ctx.getProp(handle, i);
      try {
        const value = readValue(ctx, item, isArray, budget, depth + 1, path);
        out.push(value === undefined ? null : value);
      } finally {
        item.dispose();
      }
    }
    return out;
  }
  const names = ctx.getOwnPropertyNames(handle, { strings: true, numbersAsStrings: true, onlyEnumerable: true });
  if (names.error) {
    names.error.dispose();
    throw new ResultError("the result cannot be read");
  }
  const keys = names.value;
  try {
    spend(2 + keys.length);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      spend(stringLength(ctx, key));
      const name = ctx.getString(key);
      const item = ctx.getProp(handle, key);
      try {
        const value = readValue(ctx, item, isArray, budget, depth + 1, path);
        if (value !== undefined) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      } finally {
        item.dispose();
      }
    }
    return out;
  } finally {
    keys.dispose();
  }
}
