/** The installed `lumos` binary: exit codes and messages without stack traces. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/lumos.js", import.meta.url));
const lumos = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, LUMOS_DEBUG: "" } });

describe("lumos binary", () => {
  it("documents every command and backend in --help", () => {
    const help = lumos("--help");
    expect(help.status).toBe(0);
    for (const word of ["lumos run", "lumos eval", "lumos score", "lumos data pull", "completion:<model>@<baseURL>", "openai:<model>", "ollama:<model>", "anthropic:<model>", "llamacpp:<file.gguf>"]) {
      expect(help.stdout).toContain(word);
    }
    const runHelp = lumos("run", "--help");
    for (const flag of ["--planner", "--grounder", "--domain", "--formulation", "--max-rounds", "--json", "--code-model"]) expect(runHelp.stdout).toContain(flag);
    const evalHelp = lumos("eval", "--help");
    for (const flag of ["--dataset", "--subset", "--limit", "--concurrency", "--out", "--resume", "--data-dir", "--judge"]) expect(evalHelp.stdout).toContain(flag);
    expect(lumos("score", "--help").stdout).toContain("--predictions");
    expect(lumos("data", "--help").stdout).toContain("--mirror");
  });

  it("exits 2 with a clear message for a missing model spec", () => {
    const r = lumos("run", "What is 2 + 2?");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lumos run: missing --planner SPEC/);
    expect(r.stderr).toContain("vllm serve ai2lumos/lumos_maths_plan_iterative");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for malformed specs, unknown options, domains and commands", { timeout: 90_000 }, () => {
    for (const args of [
      ["run", "--planner", "nonsense", "--grounder", "openai:x", "task"],
      ["run", "--planner", "completion:m@http://127.0.0.1:9/v1", "--grounder", "completion:m", "task"],
      ["run", "--bogus", "task"],
      ["run", "--planner", "openai:x", "--grounder", "openai:x", "--domain", "chemistry", "task"],
      ["run", "--planner", "openai:x", "--grounder", "openai:x", "--max-rounds", "0", "task"],
      ["frobnicate"],
    ]) {
      const r = lumos(...args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^lumos/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("exits 1 without a stack trace when the model server cannot be reached", () => {
    const spec = "completion:m@http://127.0.0.1:1/v1";
    const r = spawnSync(process.execPath, [BIN, "run", "--planner", spec, "--grounder", spec, "--json", "task"], {
      encoding: "utf8",
      env: { ...process.env, LUMOS_DEBUG: "" },
    });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.stopReason).toBe("model_error");
    expect(out.errors[0].message).toMatch(/cannot reach completion server/);
  }, 30_000);
});
