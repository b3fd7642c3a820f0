/**
 * The CLI loads only what a command uses: the `lumos` binary is run in a child process with a module tracer
 * preloaded (ES modules through a loader hook, CommonJS ones from the require cache), and the test asserts
 * which packages its main thread loaded. Behaviour only: how long anything takes is bench/overhead's business.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { FIRST_TASK_LINE } from "../../src/cli/startupTrace.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

const BIN = fileURLToPath(new URL("../../bin/lumos.js", import.meta.url));

/** Preloaded with --import: records every module the main thread loads and writes the list at exit. */
const TRACER = `
import { register, createRequire } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { writeFileSync } from "node:fs";
const { port1, port2 } = new MessageChannel();
const loaded = [];
port1.on("message", (url) => loaded.push(url));
port1.unref();
register(new URL("./hooks.mjs", import.meta.url), { data: { port: port2 }, transferList: [port2] });
const cache = createRequire(import.meta.url).cache;
process.on("exit", () => writeFileSync(process.env.LUMOS_TEST_MODULES, JSON.stringify([...loaded, ...Object.keys(cache)])));
`;
const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) {
  port.postMessage(url);
  return next(url, context);
}
`;

let tracer = "";
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "lumos-modules-"));
  writeFileSync(join(dir, "tracer.mjs"), TRACER);
  writeFileSync(join(dir, "hooks.mjs"), HOOKS);
  tracer = pathToFileURL(join(dir, "tracer.mjs")).href;
});

/** Runs `lumos ...args` and returns its result with the packages (node_modules names) its main thread loaded. */
function lumos(args: string[], env: Record<string, string> = {}) {
  const list = join(mkdtempSync(join(tmpdir(), "lumos-modules-")), "modules.json");
  const r = spawnSync(process.execPath, ["--import", tracer, BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, LUMOS_DEBUG: "", LUMOS_TRACE_STARTUP: "", ...env, LUMOS_TEST_MODULES: list },
  });
  const modules = JSON.parse(readFileSync(list, "utf8")) as string[];
  const packages = new Set(modules.flatMap((m) => [...m.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((match) => match[1])));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, modules, packages: [...packages].sort() };
}

const PROVIDERS = ["@langchain/openai", "@langchain/anthropic", "@langchain/ollama", "@langchain/community", "node-llama-cpp"];
const NATIVE_AND_SANDBOX = ["sharp", "mysql2", "better-sqlite3", "@langchain/langgraph-checkpoint-sqlite", "quickjs-emscripten", "saxes"];

describe("what the CLI loads", () => {
  it("lumos --help and an unknown command load no package at all", () => {
    const help = lumos(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("lumos eval --dataset NAME");
    expect(help.packages).toEqual([]);
    // the tracer did see the CLI's own modules
    expect(help.modules.some((m) => m.endsWith("/cli/main.js"))).toBe(true);

    const unknown = lumos(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^lumos: unknown command "frobnicate"/);
    expect(unknown.packages).toEqual([]);
  });

  it("a command's --help prints its help without loading the command (no LangChain, no LangGraph)", () => {
    for (const [command, flag] of [["eval", "--dataset"], ["run", "--planner"], ["score", "--predictions"], ["sql-server", "--port"]]) {
      const r = lumos([command, "--help"]);
      expect(r.status, command).toBe(0);
      expect(r.stdout, command).toContain(flag);
      expect(r.packages.filter((p) => p.startsWith("@langchain/")), command).toEqual([]);
      expect(r.modules.some((m) => m.endsWith(`/cli/${command === "sql-server" ? "sqlServer" : command}Command.js`)), command).toBe(false);
    }
  });

  it("an oracle eval reports its first task (LUMOS_TRACE_STARTUP) and loads no provider, native or sandbox package", { timeout: 90_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), "lumos-modules-")), "run");
    const r = lumos(["eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--data-dir", FIXTURES_DIR, "--limit", "2", "--out", out], {
      LUMOS_TRACE_STARTUP: "1",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.match(new RegExp(FIRST_TASK_LINE.source, "gm"))).toHaveLength(1);
    expect(r.packages).toContain("@langchain/langgraph");
    for (const name of [...PROVIDERS, ...NATIVE_AND_SANDBOX]) expect(r.packages, name).not.toContain(name);
    // mathjs from its single-file build, not its ~1,000 ES modules
    expect(r.modules.filter((m) => m.includes("/mathjs/lib/esm/"))).toEqual([]);
  });

  it("without LUMOS_TRACE_STARTUP the eval writes no startup line", { timeout: 90_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), "lumos-modules-")), "run");
    const r = lumos(["eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--data-dir", FIXTURES_DIR, "--limit", "1", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(FIRST_TASK_LINE);
  });
});
