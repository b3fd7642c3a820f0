/**
 * `lumos data pull` against a loopback mirror: checksums verified, bad downloads never kept, offline explained.
 * A download that verifies has to be a whole benchmark file (LUMOS_DATA_DIR); the rejection needs only a fixture.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR, itWithFullData } from "../helpers/datasets.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** Serves the files of `root` as `<url>/<dataset>/<file>`, with one byte flipped when `tamper`. */
async function mirror(root: string, tamper = false): Promise<string> {
  server = createServer((req, res) => {
    const path = join(root, decodeURIComponent((req.url ?? "").replace(/^\//, "")));
    if (!existsSync(path)) return void res.writeHead(404).end("missing");
    const body = readFileSync(path);
    if (tamper) body[10] = body[10] ^ 1;
    res.writeHead(200).end(body);
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("lumos data pull", () => {
  itWithFullData(["svamp/test.json", "gsm8k/test.jsonl", "gsm8k/train.jsonl"], "downloads and verifies the files, then finds them present", async (dataDir) => {
    const url = await mirror(dataDir);
    const target = mkdtempSync(join(tmpdir(), "lumos-data-"));
    const first = await runCli(["data", "pull", "svamp", "--data-dir", target, "--mirror", url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("downloaded:");
    expect(readFileSync(join(target, "svamp", "test.json"))).toEqual(readFileSync(join(dataDir, "svamp", "test.json")));
    const second = await runCli(["data", "pull", "svamp", "--data-dir", target, "--mirror", url]);
    expect(second.stdout).toContain("already present");
    const gsm = await runCli(["data", "pull", "gsm8k", "--data-dir", target, "--mirror", url]);
    expect(gsm.code).toBe(0);
    expect(existsSync(join(target, "gsm8k", "train.jsonl"))).toBe(true);
  });

  it("rejects a download whose checksum does not match and keeps nothing", async () => {
    // the fixture is served with a byte flipped (as a 100-item sample its checksum could not match anyway)
    const url = await mirror(FIXTURES_DIR, true);
    const dataDir = mkdtempSync(join(tmpdir(), "lumos-data-"));
    const r = await runCli(["data", "pull", "strategyqa", "--data-dir", dataDir, "--mirror", url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/checksum mismatch .* the file was not saved/);
    expect(existsSync(join(dataDir, "strategyqa", "test.json"))).toBe(false);
  });

  it("says what to do when there is no network", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "lumos-data-"));
    const r = await runCli(["data", "pull", "hotpotqa", "--data-dir", dataDir, "--mirror", "http://127.0.0.1:1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`copy the file to ${join(dataDir, "hotpotqa", "dev.json")} by hand`);
    const unknown = await runCli(["data", "pull", "imagenet", "--data-dir", dataDir]);
    expect(unknown.code).toBe(2);
  });
});
