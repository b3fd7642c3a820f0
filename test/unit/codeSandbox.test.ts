/** Hostile model-written code never reaches the host: no file system, network, process or host globals. */
import { describe, expect, it } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { runGeneratedCode, createCodeTool } from "../../tools/maths/code.js";
import { runSandboxed } from "../../src/sandbox/quickjs.js";

const limits = { timeoutMs: 300, memoryBytes: 8 * 1024 * 1024 };

describe("QuickJS sandbox for Code", () => {
  it("has no host capabilities", async () => {
    const probe = await runSandboxed(
      "[typeof require, typeof process, typeof fetch, typeof globalThis.Deno, typeof setTimeout, typeof XMLHttpRequest, typeof import.meta].join(',')",
      limits,
    );
    expect(probe.ok).toBe(false); // import.meta is a syntax error in a script: nothing module-like exists
    const globals = await runSandboxed("[typeof require, typeof process, typeof fetch, typeof setTimeout, typeof Buffer].join(',')", limits);
    expect(globals).toEqual({ ok: true, value: "undefined,undefined,undefined,undefined,undefined" });
  });

  it("cannot load modules or read files", async () => {
    await expect(runGeneratedCode("function solve() { return require('fs').readFileSync('/etc/passwd', 'utf8'); }", limits)).rejects.toThrow(/'require' is not defined/);
    await expect(runGeneratedCode("function solve() { return import('fs'); }", limits)).rejects.toThrow();
  });

  it("stops infinite loops at the time limit", async () => {
    await expect(runGeneratedCode("function solve() { while (true) {} }", limits)).rejects.toThrow(/time limit of 300 ms exceeded/);
  });

  it("stops memory bombs at the memory limit", async () => {
    await expect(runGeneratedCode("function solve() { const a = []; for (let i = 0; ; i++) a.push({ i }); }", { timeoutMs: 5000, memoryBytes: 8 * 1024 * 1024 })).rejects.toThrow(
      /generated code failed/,
    );
  });

  it("keeps host globals untouched when the guest tampers with its own", async () => {
    await runGeneratedCode("Object.prototype.polluted = 1; Array.prototype.map = null; function solve() { return 1; }", limits);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof [].map).toBe("function");
  });

  it("accepts only numbers, strings and booleans as results", async () => {
    await expect(runGeneratedCode("function solve() { return { a: 1 }; }", limits)).rejects.toThrow(/expected a number, string or boolean/);
    await expect(runGeneratedCode("const x = 1;", limits)).rejects.toThrow(/does not define solve/);
    expect(await runGeneratedCode("function solve() { return 2.50; }", limits)).toBe("2.5");
  });

  it("a hostile code model reply becomes a tool error, not a crash", async () => {
    const codeModel = new FakeListChatModel({ responses: ["function solve() { while(true){} }"] });
    const tool = createCodeTool({ codeModel, limits });
    await expect(tool.invoke({ pseudo_code: "loop forever please" })).rejects.toThrow(/time limit/);
  });
});
