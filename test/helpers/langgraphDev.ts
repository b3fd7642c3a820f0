/**
 * The local LangGraph server (`langgraphjs dev`, what `npm run studio` starts) for this package's graphs, in
 * a project folder of its own: the server keeps its threads and runs in `<folder>/.langgraph_api`, so tests
 * running side by side never share (or restore) each other's state, and a restarted server finds its own.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startProcess, waitForHttp } from "./processes.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "node_modules/@langchain/langgraph-cli/dist/cli/cli.mjs");

/** A fresh project folder whose langgraph.json serves `graphs` of this package's langgraph.json. */
export function langgraphProject(graphs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "lumos-langgraph-"));
  const config = JSON.parse(readFileSync(join(ROOT, "langgraph.json"), "utf8")) as { graphs: Record<string, string> };
  // the server resolves graph paths against the project folder: relative paths reach this package's files
  const served = Object.fromEntries(graphs.map((id) => [id, relative(dir, join(ROOT, config.graphs[id]))]));
  writeFileSync(join(dir, "langgraph.json"), JSON.stringify({ node_version: "20", graphs: served }));
  // without it the server appends to the folder's .gitignore on every start
  writeFileSync(join(dir, ".gitignore"), ".langgraph_api\n");
  return dir;
}

export type DevServer = ReturnType<typeof startProcess> & { url: string };

/** Starts the server for `project` on 127.0.0.1:`port` and waits until it answers. */
export async function startLangGraphDev(project: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<DevServer> {
  const server = startProcess(process.execPath, [CLI, "dev", "--config", join(project, "langgraph.json"), "--port", String(port), "--host", "127.0.0.1", "--no-browser", "--no-reload"], {
    cwd: ROOT,
    env: { LANGGRAPH_CLI_NO_ANALYTICS: "1", LANGSMITH_TRACING: "false", LUMOS_PLANNER: "", LUMOS_GROUNDER: "", ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/ok`, 120_000, server.output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { ...server, url };
}

/** Kills the server and its workers at once (SIGKILL to its process group), as a crash would. */
export async function killLangGraphDev(server: DevServer): Promise<void> {
  const { child } = server;
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(-child.pid, "SIGKILL");
  await exited;
}
