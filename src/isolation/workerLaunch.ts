/**
 * How a worker thread of the pool is started, from compiled JavaScript and from TypeScript sources alike.
 *
 * - Compiled (dist/, what `node dist/...` and the published package run): ./worker.js beside this module is
 *   the worker's entry, started as it is. Nothing from devDependencies is needed.
 * - TypeScript sources (vitest, tsx, the LangGraph dev server, which run src/*.ts through their own loaders):
 *   Node cannot start a .ts file as a worker, and a worker thread does not inherit the loader of the thread
 *   that starts it (vitest's transform never reaches worker threads; Node 20 also ignores `--import` loaders
 *   in a worker's execArgv). Two ways, chosen per process:
 *   1. the compiled dist/ twin of ./worker.ts, but only when it is fresh: every source file the worker loads
 *      (found by following its relative imports) has a compiled twin at least as new as itself. That is the
 *      case right after `tsc` (`npm test` compiles first) and saves each worker the TypeScript transform;
 *   2. otherwise a three-line bootstrap module (a data: URL) that registers tsx's loader in the worker thread
 *      and then imports ./worker.ts. tsx is a devDependency, and @langchain/langgraph-cli brings it too, so it
 *      is present wherever .ts sources run. A stale dist/ is never used: a test of an edited engine must run
 *      the edited engine, not whatever was compiled last.
 *   Extra job modules written in TypeScript (the `jobModules` option) always need tsx.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { IsolationError } from "./errors.js";

export interface WorkerLaunch {
  /** The module the Worker starts. */
  url: URL;
  /** Extra workerData the bootstrap needs (tsx mode). */
  data: { entry?: string; tsxApi?: string };
  /** How the worker is started: compiled JavaScript, the fresh dist/ twin of the sources, or the sources through tsx. */
  mode: "compiled" | "dist" | "tsx";
}

export interface WorkerLaunchOptions {
  /** Some job modules are TypeScript files: the worker needs tsx's loader whatever else is compiled. */
  typescriptJobs?: boolean;
}

const BOOTSTRAP = [
  'import { workerData } from "node:worker_threads";',
  "const { register } = await import(workerData.tsxApi);",
  "register();",
  "await import(workerData.entry);",
].join("\n");

const cache = new Map<string, WorkerLaunch>();

export function workerLaunch(moduleUrl: string = import.meta.url, options: WorkerLaunchOptions = {}): WorkerLaunch {
  const key = `${moduleUrl} ${options.typescriptJobs === true}`;
  let launch = cache.get(key);
  if (!launch) {
    launch = resolveLaunch(moduleUrl, options);
    cache.set(key, launch);
  }
  return launch;
}

function resolveLaunch(moduleUrl: string, options: WorkerLaunchOptions): WorkerLaunch {
  if (!moduleUrl.endsWith(".ts")) return { url: new URL("./worker.js", moduleUrl), data: {}, mode: "compiled" };
  if (!options.typescriptJobs) {
    const twin = freshCompiledTwin(moduleUrl);
    if (twin) return { url: twin, data: {}, mode: "dist" };
  }
  const tsxApi = findTsxApi(moduleUrl);
  if (tsxApi) {
    return {
      url: new URL(`data:text/javascript,${encodeURIComponent(BOOTSTRAP)}`),
      data: { entry: new URL("./worker.ts", moduleUrl).href, tsxApi },
      mode: "tsx",
    };
  }
  throw new IsolationError(
    "cannot start an isolated worker from TypeScript sources: install tsx (npm install --save-dev tsx) or compile the project (npm run build)",
    "",
    "startup",
  );
}

/** dist/<same path>/worker.js, if it and the compiled twin of every source the worker loads are up to date. */
function freshCompiledTwin(moduleUrl: string): URL | undefined {
  try {
    const entry = fileURLToPath(new URL("./worker.ts", moduleUrl));
    let root = dirname(entry);
    while (!existsSync(join(root, "package.json"))) {
      const up = dirname(root);
      if (up === root) return undefined;
      root = up;
    }
    const twinOf = (source: string) => join(root, "dist", relative(root, source)).replace(/\.ts$/, ".js");
    for (const source of sourceClosure(entry)) {
      const twin = twinOf(source);
      if (!existsSync(twin) || statSync(twin).mtimeMs < statSync(source).mtimeMs) return undefined;
    }
    return pathToFileURL(twinOf(entry));
  } catch {
    return undefined;
  }
}

/** The .ts files reachable from `entry` through relative imports. */
function sourceClosure(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = resolve(dirname(file), match[1]).replace(/\.js$/, ".ts");
      if (existsSync(target)) pending.push(target);
    }
  }
  return [...seen];
}

/** URL of tsx's ESM API (tsx/esm/api), read from tsx's own exports map. */
function findTsxApi(moduleUrl: string): string | undefined {
  try {
    const packageJson = createRequire(moduleUrl).resolve("tsx/package.json");
    const exports = (JSON.parse(readFileSync(packageJson, "utf8")) as { exports?: Record<string, unknown> }).exports ?? {};
    const api = exports["./esm/api"] as { import?: string | { default?: string } } | undefined;
    const target = typeof api?.import === "string" ? api.import : api?.import?.default;
    if (!target) return undefined;
    const file = join(dirname(packageJson), target);
    return existsSync(file) ? pathToFileURL(file).href : undefined;
  } catch {
    return undefined;
  }
}
