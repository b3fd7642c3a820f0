/**
 * Peak memory of a whole evaluation, and how it grows with the number of tasks, measured in one run.
 *
 * The GSM8K oracle eval (`lumos eval --dataset gsm8k --planner oracle --grounder oracle`) runs in a child
 * process twice: on the test set (1,319 tasks) and on the test set repeated `--repeat` times (13,190 tasks by
 * default; ids are distinct, as the loader numbers lines). The peak RSS of each child (worker threads
 * included) is read from /usr/bin/time -v where present, else from process.resourceUsage().maxRSS reported
 * by the child at exit. Printed: both peaks and their ratio (targets: <= 250 MB for the test set, ratio <= 1.10).
 *
 * Usage: npm run bench:memory [-- --data-dir ../shared/datasets --repeat 10 --concurrency 4 --self-report]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: process.env.LUMOS_DATA_DIR ?? "../shared/datasets" },
    repeat: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
    // the child's own report even where /usr/bin/time exists
    "self-report": { type: "boolean", default: false },
  },
});
const dataDir = values["data-dir"]!;
const repeat = Number(values.repeat);
// the lumos launcher itself: it sets the V8 heap flags the CLI runs with
const BIN = fileURLToPath(new URL("../../bin/lumos.js", import.meta.url));
const TIME = "/usr/bin/time";

interface Measure {
  tasks: number;
  peakMb: number;
  wallS: number;
  how: string;
}

/** Runs the oracle eval on `dir`'s GSM8K test set in a child; its peak RSS, wall time and task count. */
async function measure(dir: string, work: string): Promise<Measure> {
  const out = join(work, `run-${Date.now()}`);
  const args = ["eval", "--dataset", "gsm8k", "--planner", "oracle", "--grounder", "oracle", "--data-dir", dir, "--out", out, "--concurrency", values.concurrency!];
  const useTime = existsSync(TIME) && !values["self-report"];
  // without /usr/bin/time the child reports its own peak at exit (worker threads are in the process's RSS)
  const report = `process.on("exit", () => process.stderr.write("maxRSS " + process.resourceUsage().maxRSS + "\\n"));`;
  const script = `${report} process.argv = [process.execPath, ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}]; await import(${JSON.stringify(pathToFileURL(BIN).href)});`;
  const node = useTime ? [process.execPath, BIN, ...args] : [process.execPath, "--input-type=module", "-e", script];
  const [command, ...rest] = useTime ? [TIME, "-v", ...node] : node;
  const started = performance.now();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, rest, { stdio: ["ignore", "ignore", "pipe"] });
    let text = "";
    child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`lumos eval exited with ${code}:\n${text.slice(-2000)}`))));
  });
  const wallS = (performance.now() - started) / 1000;
  const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const fromChild = /maxRSS (\d+)/.exec(stderr);
  const kb = Number((useTime ? fromTime : fromChild)?.[1]);
  const tasks = (JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as { tasks: number }).tasks;
  rmSync(out, { recursive: true, force: true });
  return { tasks, peakMb: kb / 1024, wallS, how: useTime ? "/usr/bin/time -v" : "process.resourceUsage().maxRSS" };
}

const work = mkdtempSync(join(tmpdir(), "lumos-bench-memory-"));
try {
  // the test set repeated: a data dir of its own holding one longer test.jsonl
  const source = readFileSync(join(dataDir, "gsm8k", "test.jsonl"), "utf8");
  const lines = source.endsWith("\n") ? source : `${source}\n`;
  const repeatedDir = join(work, "data");
  mkdirSync(join(repeatedDir, "gsm8k"), { recursive: true });
  writeFileSync(join(repeatedDir, "gsm8k", "test.jsonl"), lines.repeat(repeat));

  const mb = (x: number) => `${x.toFixed(0)} MB`;
  console.log(`memory: GSM8K oracle eval (planner and grounder oracle, concurrency ${values.concurrency}), peak RSS of the eval process`);
  const once = await measure(dataDir, work);
  console.log(`  ${once.tasks.toLocaleString("en-US")} tasks: peak ${mb(once.peakMb)} (${once.wallS.toFixed(1)} s)`);
  const many = await measure(repeatedDir, work);
  console.log(`  ${many.tasks.toLocaleString("en-US")} tasks: peak ${mb(many.peakMb)} (${many.wallS.toFixed(1)} s)`);
  console.log(`  ratio ${(many.peakMb / once.peakMb).toFixed(3)} for ${(many.tasks / once.tasks).toFixed(0)}x the tasks (targets: <= 250 MB, ratio <= 1.10); measured with ${once.how}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
