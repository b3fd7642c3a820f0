import type { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

/** Runs the CLI in-process and captures its output; `stdin` stands in for the terminal. */
export async function runCli(argv: string[], stdin?: Readable & { isTTY?: boolean }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdin });
  return { code, stdout, stderr };
}
