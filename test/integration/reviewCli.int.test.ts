/** `lumos run --review` and `lumos resume`: paused runs kept in SQLite and continued by other processes. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startScriptedServer, turnIndex, type ScriptedServer } from "../helpers/scriptedServer.js";

const BIN = fileURLToPath(new URL("../../bin/lumos.js", import.meta.url));
let models: ScriptedServer;
const SCRIPTS: Record<string, string[]> = {
  plan: ["Subgoal 1: Multiply the numbers.", "Yes, I will stop planning."],
  ground: ["R1 = Calculator(6 * 7)"],
};
beforeAll(async () => {
  models = await startScriptedServer(({ body }) => SCRIPTS[String(body.model)]?.[turnIndex(String(body.prompt))] ?? { status: 400 });
});
afterAll(() => models.close());

// asynchronous on purpose: the scripted model server lives in this process and must keep answering
const lumos = (...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
const specs = () => ["--planner", `completion:plan@${models.url}`, "--grounder", `completion:ground@${models.url}`];

describe("review across processes", () => {
  it("lets only one of two concurrent resumes act, quotes the resume command, and creates nothing for an unknown thread file", { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "lumos cli review "));
    const db = join(dir, "threads.sqlite");
    const first = await lumos("run", ...specs(), "--review", "--db", db, "--thread", "job 2", "What is 6 times 7?");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`lumos resume --db '${db}' --thread 'job 2' --approve`);
    const [approve, reject] = await Promise.all([
      lumos("resume", "--db", db, "--thread", "job 2", "--approve", "--json"),
      lumos("resume", "--db", db, "--thread", "job 2", "--reject", "no"),
    ]);
    expect([approve.status, reject.status].filter((s) => s === 0)).toHaveLength(1);
    const loser = approve.status === 0 ? reject : approve;
    expect(loser.status).toBe(2);
    expect(loser.stderr).toMatch(/being continued by another process|is not waiting for a review/);
    const missing = join(dir, "nothing-here.sqlite");
    const unknown = await lumos("resume", "--db", missing, "--thread", "x", "--approve");
    expect(unknown.status).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });

  it("pauses without a terminal, then another process approves", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "lumos-cli-review-")), "threads.sqlite");
    const first = await lumos("run", ...specs(), "--review", "--db", db, "--thread", "job-1", "What is 6 times 7?");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("Paused for review.\nSubgoal 1: Multiply the numbers.\nActions to run:\n");
    expect(first.stdout).toContain("  R1 = Calculator(6 * 7)");
    expect(first.stdout).toContain(`lumos resume --db ${db} --thread job-1 --approve`);
    const second = await lumos("resume", "--db", db, "--thread", "job-1", "--approve", "--json");
    expect(second.status, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ answer: "42", stopReason: "planner_stop" });
    const again = await lumos("resume", "--db", db, "--thread", "job-1", "--approve");
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("is not waiting for a review");
  });

  it("edits or rejects from another process", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "lumos-cli-review-")), "threads.sqlite");
    expect((await lumos("run", ...specs(), "--review", "--db", db, "--thread", "e", "What is 6 times 7?")).status).toBe(0);
    const edited = await lumos("resume", "--db", db, "--thread", "e", "--edit", "R1 = Calculator(6 * 8)", "--json");
    expect(JSON.parse(edited.stdout).answer).toBe("48");
    expect((await lumos("run", ...specs(), "--review", "--db", db, "--thread", "r", "What is 6 times 7?")).status).toBe(0);
    const rejected = await lumos("resume", "--db", db, "--thread", "r", "--reject", "not what I asked", "--json");
    expect(JSON.parse(rejected.stdout)).toMatchObject({ answer: null, stopReason: "rejected" });
    const unknown = await lumos("resume", "--db", db, "--thread", "nope", "--approve");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no thread "nope"');
  });

  it("asks on a terminal and continues with the answer given", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "lumos-cli-review-")), "threads.sqlite");
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    terminal.write("e\nR1 = Calculator(6 * 9)\n");
    const r = await runCli(["run", ...specs(), "--review", "--db", db, "What is 6 times 7?"], terminal);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("[a]pprove, [e]dit, [r]eject? ");
    expect(r.stdout).toContain("Answer: 54");
  });
});
