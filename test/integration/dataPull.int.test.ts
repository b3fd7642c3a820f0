/**
 * `lumos data pull` against a loopback mirror: checksums verified, bad downloads never kept, offline explained.
 * A download that verifies has to be a whole benchmark file (LUMOS_DATA_DIR); the rejection needs only a fixture.
 */
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURES_DIR, itWithFullData } from "../helpers/datasets.js";
import { pullDataset } from "../../src/datasets/pull.js";
import { DATA_SOURCES } from "../../src/datasets/sources.js";

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

describe("lumos data pull for the multimodal benchmarks", () => {
  itWithFullData(["scienceqa/test_CQM-A.json", "scienceqa/captions.json"], "ScienceQA: both files verify, and the message names the image download", async (dataDir) => {
    const url = await mirror(dataDir);
    const target = mkdtempSync(join(tmpdir(), "lumos-data-"));
    const r = await runCli(["data", "pull", "scienceqa", "--data-dir", target, "--mirror", url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^downloaded:/gm)).toHaveLength(2);
    expect(r.stdout).toContain("https://scienceqa.s3.us-west-1.amazonaws.com/images/test.zip");
    expect(readFileSync(join(target, "scienceqa", "captions.json"))).toEqual(readFileSync(join(dataDir, "scienceqa", "captions.json")));
  });

  /** The A-OKVQA annotations archive as allenai/aokvqa publishes it, made with tar(1) in the given format. */
  function archive(format: "gnu" | "posix", member: string): Uint8Array {
    const dir = mkdtempSync(join(tmpdir(), "lumos-tar-"));
    mkdirSync(join(dir, "in"));
    writeFileSync(join(dir, "in", member), readFileSync(join(FIXTURES_DIR, "aokvqa", "aokvqa_v1p0_val.json")));
    writeFileSync(join(dir, "in", "aokvqa_v1p0_train.json"), "[]");
    execFileSync("tar", [`--format=${format}`, "-czf", join(dir, "a.tar.gz"), "-C", join(dir, "in"), "."]);
    return readFileSync(join(dir, "a.tar.gz"));
  }

  it("A-OKVQA: takes the val file out of the official .tar.gz and names COCO for the images", async () => {
    const [file] = DATA_SOURCES.aokvqa;
    expect(file.url).toBe("https://prior-datasets.s3.us-east-2.amazonaws.com/aokvqa/aokvqa_v1p0.tar.gz");
    for (const format of ["gnu", "posix"] as const) {
      const requested: string[] = [];
      const body = archive(format, "aokvqa_v1p0_val.json");
      const fetchImpl = (async (url: string) => {
        requested.push(url);
        return new Response(body);
      }) as unknown as typeof fetch;
      const dataDir = mkdtempSync(join(tmpdir(), "lumos-data-"));
      const outcomes = await pullDataset("aokvqa", { dataDir, fetchImpl });
      expect(requested).toEqual([file.url]);
      expect(outcomes[0].status).toBe("downloaded");
      expect(readFileSync(join(dataDir, "aokvqa", "aokvqa_v1p0_val.json"))).toEqual(readFileSync(join(FIXTURES_DIR, "aokvqa", "aokvqa_v1p0_val.json")));
    }
    const empty = (async () => new Response(archive("gnu", "something_else.json"))) as unknown as typeof fetch;
    const dataDir = mkdtempSync(join(tmpdir(), "lumos-data-"));
    await expect(pullDataset("aokvqa", { dataDir, fetchImpl: empty })).rejects.toThrow(/has no aokvqa_v1p0_val\.json; nothing was saved/);
    const garbage = (async () => new Response("not gzip")) as unknown as typeof fetch;
    await expect(pullDataset("aokvqa", { dataDir, fetchImpl: garbage })).rejects.toThrow(/is not a readable \.tar\.gz archive/);
    expect(existsSync(join(dataDir, "aokvqa", "aokvqa_v1p0_val.json"))).toBe(false);

    // a mirror serves the file itself; the message names COCO 2017
    const url = await mirror(FIXTURES_DIR);
    const r = await runCli(["data", "pull", "aokvqa", "--data-dir", dataDir, "--mirror", url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("downloaded:");
    expect(r.stdout).toContain("http://images.cocodataset.org/zips/val2017.zip");
  });

  it("lists them, images excepted", async () => {
    const r = await runCli(["data", "list"]);
    expect(r.stdout).toContain("scienceqa: scienceqa/test_CQM-A.json, scienceqa/captions.json (images not included)\n");
    expect(r.stdout).toContain("aokvqa: aokvqa/aokvqa_v1p0_val.json (images not included)\n");
  });
});
