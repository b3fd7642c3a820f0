/**
 * A private MariaDB server on 127.0.0.1 for InterCode-SQL: its own data directory, port and socket, so it never
 * touches a system installation, and it can be started per test file or by `lumos sql-server`.
 *
 * Layout of a data directory: db/ (the server's datadir), files/ (the only directory LOAD_FILE and INTO OUTFILE may
 * use; kept empty and outside db/, where every subdirectory would show up as a database), mariadb.log, mariadb.pid
 * and mariadb.sock.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { createConnection, type Connection } from "mysql2/promise";
import { LocalDatabaseError, requireMariaDbBinaries, type MariaDbBinaries } from "./binaries.js";
import { freeLoopbackPort, processAlive } from "../core/processes.js";

export { LocalDatabaseError, MariaDbNotFoundError, mariaDbAvailable } from "./binaries.js";

export interface LocalMariaDbOptions {
  /** A directory of its own that persists across starts; default a temporary directory, removed by stop(). */
  dataDir?: string;
  /** Default a free port on 127.0.0.1. */
  port?: number;
  /** SQL files loaded in order, only when the database is created by this call (a reused dataDir keeps its data). */
  dumps?: string[];
  /** Bound on creating the database and waiting for connections (not on loading dumps); default 60 s. */
  startTimeoutMs?: number;
}

export interface LocalMariaDb {
  /** mysql://root@127.0.0.1:PORT (root has no password; the server listens on 127.0.0.1 only). */
  url: string;
  /**
   * mysql://lumos_reader@127.0.0.1:PORT: a user that may only SELECT from (and SHOW VIEW in) the databases
   * the dumps created, without FILE or PROCESS: the URL to give Lumos (`--sql-url`).
   */
  readerUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  /** True when this call created the database (and loaded the dumps). */
  initialized: boolean;
  /** Settles when the server process ends, whether by stop() or on its own. */
  exited: Promise<void>;
  /** SIGTERM, after 30 s SIGKILL; then removes the data directory if it was a temporary one. Idempotent. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 30_000;
const PORT_ATTEMPTS = 3;
// Unix socket paths are limited to 108 bytes (104 on macOS); a deep data directory gets its socket in tmpdir
const MAX_SOCKET_PATH = 100;

/** Whether `dataDir` already holds a database created by startLocalMariaDb. */
export function mariaDbInitialized(dataDir: string): boolean {
  return existsSync(join(dataDir, "db", "mysql"));
}

export async function startLocalMariaDb(options: LocalMariaDbOptions = {}): Promise<LocalMariaDb> {
  const binaries = requireMariaDbBinaries();
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) {
    throw new LocalDatabaseError(`port must be an integer from 1 to 65535, got ${options.port}`);
  }
  const ownsDir = options.dataDir === undefined;
  const dataDir = ownsDir ? await mkdtemp(join(tmpdir(), "lumos-mariadb-")) : resolve(options.dataDir!);
  const dbDir = join(dataDir, "db");
  const initialized = !mariaDbInitialized(dataDir);
  // a failed first start must not leave a half-made database that later starts would take as ready
  const cleanUp = async () => {
    if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    else if (initialized) await rm(dbDir, { recursive: true, force: true });
  };
  try {
    await mkdir(join(dataDir, "files"), { recursive: true });
    refuseIfRunning(dataDir);
    if (initialized) {
      await rm(dbDir, { recursive: true, force: true });
      // seen once under load, with two servers starting at once: one more try from an empty directory
      await createDatabase(binaries, dbDir, deadline - Date.now()).catch(async () => {
        await rm(dbDir, { recursive: true, force: true });
        await createDatabase(binaries, dbDir, deadline - Date.now());
      });
    }
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freeLoopbackPort());
      if (options.port !== undefined && !(await portIsFree(port))) throw new LocalDatabaseError(`port ${port} on 127.0.0.1 is already in use`);
      const server = launch(binaries, dataDir, port, ownsDir);
      try {
        await waitUntilReady(server, deadline);
      } catch (error) {
        await server.kill();
        // a free port can be taken between choosing it and the server binding it
        if (options.port === undefined && attempt < PORT_ATTEMPTS && /Address already in use/i.test(server.logTail())) continue;
        throw error;
      }
      try {
        if (initialized) for (const dump of options.dumps ?? []) await loadDump(port, dump);
        await grantReader(port);
      } catch (error) {
        await server.kill();
        throw error;
      }
      const stop = once(async () => {
        await server.kill();
        if (ownsDir) await rm(dataDir, { recursive: true, force: true });
      });
      return { url: `mysql://root@127.0.0.1:${port}`, readerUrl: `mysql://${READER_USER}@127.0.0.1:${port}`, port, pid: server.pid, dataDir, initialized, exited: server.exited, stop };
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Two servers on one datadir would fight over InnoDB's locks for minutes before failing; say so at once. */
function refuseIfRunning(dataDir: string): void {
  const pidFile = join(dataDir, "mariadb.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new LocalDatabaseError(`a MariaDB server (pid ${pid}) is already running on ${dataDir}`);
  }
}


const runAsRoot = () => process.getuid?.() === 0;

async function createDatabase(binaries: MariaDbBinaries, dbDir: string, timeoutMs: number): Promise<void> {
  const args = [
    // --no-defaults first (it must be): the host's my.cnf may point at system paths or another port
    "--no-defaults",
    `--datadir=${dbDir}`,
    // root@127.0.0.1 and root@localhost without a password; no test database and no anonymous users, which would
    // shadow the dump's 'admin'@'%' for local connections
    "--auth-root-authentication-method=normal",
    "--skip-test-db",
    "--skip-name-resolve",
    "--lower_case_table_names=1",
    ...(runAsRoot() ? ["--user=root"] : []),
  ];
  await new Promise<void>((resolvePromise, reject) => {
    execFile(binaries.installDb, args, { timeout: Math.max(timeoutMs, 1), maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new LocalDatabaseError(`${basename(binaries.installDb)} failed (${error.message.split("\n")[0]}):\n${tail(`${stdout}${stderr}`)}`));
      else resolvePromise();
    });
  });
}

interface RunningServer {
  pid: number;
  port: number;
  exited: Promise<void>;
  hasExited: () => boolean;
  socket: string;
  /** What the server wrote to its log since this start. */
  logTail: () => string;
  /** SIGTERM to the process group, SIGKILL after the grace period; resolves once it has exited. */
  kill: () => Promise<void>;
}

function launch(binaries: MariaDbBinaries, dataDir: string, port: number, temporary: boolean): RunningServer {
  const logFile = join(dataDir, "mariadb.log");
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const socketInDir = join(dataDir, "mariadb.sock");
  const socket = socketInDir.length <= MAX_SOCKET_PATH ? socketInDir : join(tmpdir(), `lumos-mariadb-${process.pid}-${port}.sock`);
  const args = [
    "--no-defaults",
    `--datadir=${join(dataDir, "db")}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    `--socket=${socket}`,
    `--pid-file=${join(dataDir, "mariadb.pid")}`,
    `--log-error=${logFile}`,
    // InterCode's gold queries name tables in another case than the dump (`Airports` for AIRPORTS), as MySQL on
    // macOS and Windows accepts; on Linux only this setting does
    "--lower_case_table_names=1",
    "--skip-log-bin",
    `--secure-file-priv=${join(dataDir, "files")}`,
    // MySQL 8's default character set (the dump comes from MySQL 8); MariaDB 10's default is latin1
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_general_ci",
    // a dump is sent as one multi-statement packet
    "--max-allowed-packet=64M",
    ...(runAsRoot() ? ["--user=root"] : []),
  ];
  const log = openSync(logFile, "a");
  let child: ChildProcess;
  try {
    // its own process group: a Ctrl-C meant for the CLI does not kill it before the CLI stops it cleanly
    child = spawn(binaries.server, args, { detached: true, stdio: ["ignore", log, log] });
  } finally {
    closeSync(log);
  }
  let spawnError: Error | undefined;
  child.on("error", (error) => (spawnError = error));
  child.unref();
  if (child.pid === undefined) throw new LocalDatabaseError(`could not start ${binaries.server}: ${spawnError?.message ?? "no pid"}`);
  const pid = child.pid;
  let done = false;
  const exited = new Promise<void>((resolvePromise) => {
    child.on("exit", () => {
      done = true;
      liveServers.delete(pid);
      resolvePromise();
    });
  });
  liveServers.set(pid, { temporaryDir: temporary ? dataDir : undefined });
  registerExitHook();
  const watchdog = startWatchdog(pid, temporary ? dataDir : undefined);
  void exited.then(() => watchdog.cancel());
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  const kill = once(async () => {
    if (done) return;
    signal("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), STOP_GRACE_MS)));
    const outcome = await Promise.race([exited, graceOver]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      signal("SIGKILL");
      await exited;
    }
  });
  const logTail = () => {
    try {
      return tail(readFileSync(logFile).subarray(logStart).toString("utf8"));
    } catch {
      return "";
    }
  };
  return { pid, port, exited, hasExited: () => done, socket, logTail, kill };
}

/** Polls with real connections: the server accepts them only once it has finished recovery and start-up. */
async function waitUntilReady(server: RunningServer, deadline: number): Promise<void> {
  for (;;) {
    if (server.hasExited()) throw new LocalDatabaseError(`MariaDB exited during start-up; its log:\n${server.logTail()}`);
    const connection = await connect(server.port).catch(() => undefined);
    if (connection) {
      try {
        // a server that was already on the port would accept too; ours is the one with our socket
        const [rows] = await connection.query("SELECT @@socket AS socket");
        const socket = (rows as Array<{ socket: string }>)[0]?.socket;
        if (socket === server.socket) return;
        throw new LocalDatabaseError(`port ${server.port} is answered by another server (socket ${socket})`);
      } finally {
        await connection.end().catch(() => undefined);
      }
    }
    if (Date.now() > deadline) throw new LocalDatabaseError(`MariaDB did not accept connections in time; its log:\n${server.logTail()}`);
    await Promise.race([server.exited, new Promise((r) => setTimeout(r, 100))]);
  }
}

function connect(port: number, multipleStatements = false): Promise<Connection> {
  return createConnection({ host: "127.0.0.1", port, user: "root", connectTimeout: 2000, multipleStatements });
}

/**
 * Sends the whole file as one multi-statement query: 0.43 s for the InterCode-SQL dump (412 KB, 20 databases),
 * against 0.53 s piping it to the mariadb client, and no second binary to find. The query fails at the first
 * failing statement, so a dump either loads fully or start-up fails.
 */
async function loadDump(port: number, file: string): Promise<void> {
  let sql: string;
  try {
    sql = await readFile(file, "utf8");
  } catch (error) {
    throw new LocalDatabaseError(`cannot read the dump ${file}: ${(error as Error).message}`);
  }
  const connection = await connect(port, true);
  try {
    await connection.query(sql);
  } catch (error) {
    throw new LocalDatabaseError(`loading ${file} failed: ${(error as Error).message}`);
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** The least-privileged user agents and scorers connect as. */
export const READER_USER = "lumos_reader";
const SYSTEM_DATABASES = new Set(["mysql", "information_schema", "performance_schema", "sys"]);

/**
 * Creates (or updates, on every start) the reader user: SELECT and SHOW VIEW on each user database, nothing on
 * the server's own (no password hashes in mysql.user), no FILE (no LOAD_FILE), no PROCESS (no other sessions).
 */
async function grantReader(port: number): Promise<void> {
  const connection = await connect(port, false);
  try {
    await connection.query(`CREATE USER IF NOT EXISTS '${READER_USER}'@'127.0.0.1'`);
    const [rows] = await connection.query("SHOW DATABASES");
    for (const row of rows as Record<string, string>[]) {
      const name = Object.values(row)[0];
      if (!SYSTEM_DATABASES.has(name.toLowerCase())) await connection.query(`GRANT SELECT, SHOW VIEW ON \`${name.replace(/`/g, "``")}\`.* TO '${READER_USER}'@'127.0.0.1'`);
    }
  } catch (error) {
    throw new LocalDatabaseError(`creating the reader user failed: ${(error as Error).message}`);
  } finally {
    await connection.end().catch(() => undefined);
  }
}


function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", () => resolvePromise(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolvePromise(true)));
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

function tail(text: string, chars = 3000): string {
  return text.length <= chars ? text.trimEnd() : `...${text.slice(-chars).trimEnd()}`;
}

/**
 * Ends the server (and removes its temporary directory) when this Node process dies in a way that runs no exit
 * hook: killed by a signal, as vitest ends its workers with SIGTERM, or by SIGKILL. A shell in its own process
 * group waits on a pipe from us; the pipe reaches end-of-file only when every copy of its write end is closed,
 * which is when we are gone, however that happened. Cancelled (killed) once the server has exited.
 */
const WATCHDOG_SCRIPT = `read _
kill -TERM -"$1" 2>/dev/null
i=0
while kill -0 -"$1" 2>/dev/null && [ $i -lt ${STOP_GRACE_MS / 100} ]; do sleep 0.1; i=$((i+1)); done
kill -KILL -"$1" 2>/dev/null
[ -n "$2" ] && rm -rf "$2"
exit 0`;

function startWatchdog(pid: number, temporaryDir: string | undefined): { cancel: () => void } {
  const watchdog = spawn("/bin/sh", ["-c", WATCHDOG_SCRIPT, "lumos-mariadb-watchdog", String(pid), temporaryDir ?? ""], {
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  watchdog.on("error", () => undefined);
  watchdog.stdin?.on("error", () => undefined);
  // neither the shell nor our end of its pipe may keep this process alive
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
  return {
    cancel: () => {
      if (watchdog.exitCode === null && watchdog.pid !== undefined) {
        try {
          process.kill(watchdog.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
  };
}

/**
 * Servers still running when Node exits normally (a test file without afterAll, an uncaught error) are ended at
 * once rather than by their watchdogs' SIGTERM and 30 s wait. Only "exit" is hooked: a library must not change what
 * SIGINT and SIGTERM do (signals are the watchdog's case). A temporary server is killed and its directory removed;
 * a persistent one gets SIGTERM and shuts down cleanly on its own.
 */
const liveServers = new Map<number, { temporaryDir?: string }>();
let exitHookRegistered = false;

function registerExitHook(): void {
  if (exitHookRegistered) return;
  exitHookRegistered = true;
  process.on("exit", () => {
    for (const [pid, { temporaryDir }] of liveServers) {
      try {
        process.kill(-pid, temporaryDir === undefined ? "SIGTERM" : "SIGKILL");
      } catch {
        // already gone
      }
      if (temporaryDir !== undefined) rmSync(temporaryDir, { recursive: true, force: true });
    }
  });
}
