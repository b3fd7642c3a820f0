/** --resume continues only the same run: another dataset, formulation or limit is refused with the differences named. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";

describe("a run folder knows what it is", () => {
  it("refuses to resume with different options and names the differences", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "lumos-identity-")), "run");
    const base = ["eval", "--planner", "oracle", "--grounder", "oracle", "--data-dir", FIXTURES_DIR, "--out", out];
    const first = await runCli([...base, "--dataset", "gsm8k", "--limit", "3"]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8"))).toMatchObject({ dataset: "gsm8k", formulation: "iterative", limit: 3 });
    const before = readFileSync(join(out, "predictions.jsonl"), "utf8");

    const otherDataset = await runCli([...base, "--dataset", "svamp", "--limit", "3", "--resume"]);
    expect(otherDataset.code).toBe(2);
    expect(otherDataset.stderr).toContain('dataset: was "gsm8k", now "svamp"');
    const otherFormulation = await runCli([...base, "--dataset", "gsm8k", "--limit", "3", "--formulation", "onetime", "--resume"]);
    expect(otherFormulation.code).toBe(2);
    expect(otherFormulation.stderr).toContain('formulation: was "iterative", now "onetime"');
    expect(readFileSync(join(out, "predictions.jsonl"), "utf8")).toBe(before);

    const same = await runCli([...base, "--dataset", "gsm8k", "--limit", "3", "--resume"]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("resumed: 3 task(s)");

    // a fresh run into the same folder redefines it: resuming that run is then accepted, another limit refused
    rmSync(join(out, "predictions.jsonl"));
    expect((await runCli([...base, "--dataset", "gsm8k", "--limit", "2"])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8"))).toMatchObject({ limit: 2 });
    expect((await runCli([...base, "--dataset", "gsm8k", "--limit", "2", "--resume"])).code).toBe(0);
    const otherLimit = await runCli([...base, "--dataset", "gsm8k", "--limit", "3", "--resume"]);
    expect(otherLimit.code).toBe(2);
    expect(otherLimit.stderr).toContain("limit: was 2, now 3");
  });
});
