/** `lumos sql-server`: a local MariaDB with the InterCode-SQL databases, in the foreground until Ctrl-C. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { mariaDbInitialized, startLocalMariaDb } from "../sql/localServer.js";
import { resolveDataDir } from "./dataDir.js";
import { SQL_SERVER_HELP } from "./help.js";
import type { CliIO } from "./io.js";
import { parseCommandArgs, positiveInteger, stringFlag } from "./options.js";
import { UsageError } from "./usageError.js";

/** Where `lumos sql-server` looks for the dump by default, under the data directory. */
export const SPIDER_DUMP_PATH = join("intercode_sql", "ic_spider_dbs.sql");

export async function sqlServerCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    port: { type: "string" },
    "db-dir": { type: "string" },
    dump: { type: "string" },
    "no-dump": { type: "boolean" },
    "data-dir": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(SQL_SERVER_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = values.port === undefined ? undefined : positiveInteger(stringFlag(values, "port"), "--port", 0);
  if (port !== undefined && port > 65535) throw new UsageError(`--port expects a port number up to 65535, got "${values.port}"`);
  if (values["no-dump"] && values.dump !== undefined) throw new UsageError("--dump and --no-dump exclude each other");
  const serverDir = stringFlag(values, "db-dir");
  // a persistent directory keeps what was loaded into it (and what runs changed): it is loaded once, when new
  const reused = serverDir !== undefined && mariaDbInitialized(resolve(serverDir));
  const dump = values["no-dump"] ? undefined : resolve(stringFlag(values, "dump") ?? join(resolveDataDir(stringFlag(values, "data-dir")), SPIDER_DUMP_PATH));
  if (dump !== undefined && !reused && !existsSync(dump)) {
    throw new UsageError(`dump file not found: ${dump} (put ic_spider_dbs.sql from princeton-nlp/intercode there, pass --dump FILE, or --no-dump for an empty server)`);
  }

  // listening from before the start: a signal while the server starts must still stop it (a Node process ended by
  // a signal runs no exit hooks, so the server would outlive it)
  let signalled = false;
  let wake: () => void = () => undefined;
  const onSignal = () => {
    signalled = true;
    wake();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // neither signal listeners nor the (unref'd) server process keep Node running: a timer does
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    const started = Date.now();
    const server = await startLocalMariaDb({ dataDir: serverDir, port, dumps: dump === undefined ? [] : [dump] });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const contents = reused ? "existing databases kept" : dump === undefined ? "empty" : `loaded ${dump}`;
    io.stderr(`data directory ${server.dataDir}${serverDir === undefined ? " (temporary, removed on stop)" : ""}; ${contents}; started in ${seconds} s\n`);
    io.stdout(`MariaDB ready: --sql-url ${server.readerUrl} (pid ${server.pid}; ${server.url} for administration); Ctrl-C stops it\n`);

    let exitedOnItsOwn = false;
    void server.exited.then(() => {
      exitedOnItsOwn = !signalled;
      wake();
    });
    if (!signalled) await new Promise<void>((resolvePromise) => (wake = resolvePromise));
    if (exitedOnItsOwn) {
      // read before stop(), which removes a temporary directory and its log
      const log = logTail(join(server.dataDir, "mariadb.log"));
      await server.stop();
      io.stderr(`MariaDB (pid ${server.pid}) exited on its own; the end of its log:\n${log}\n`);
      return 1;
    }
    io.stderr("stopping MariaDB...\n");
    await server.stop();
    io.stderr("stopped\n");
    return 0;
  } finally {
    clearInterval(keepAlive);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

function logTail(file: string): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-15).join("\n");
  } catch {
    return `(${file} is unreadable)`;
  }
}
