#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";

// An evaluation allocates fast and keeps little (records are written and forgotten): by default V8 lets the heap
// grow to several times what is live before it collects, so a 1,319-task eval peaked near 600 MB, mostly garbage.
// Growing the heap by 20% over what is live keeps the peak near the live size, for some 15% more CPU
// (npm run bench:memory measures both). Only the CLI process: a library user's process keeps its own settings.
setFlagsFromString("--heap-growing-percent=20");

const entry = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("lumos: the compiled CLI is missing; run `npm install` or `npm run build` in the project first.\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
