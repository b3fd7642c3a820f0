/**
 * One task's connection to its database: opened with `USE db` as InterCode's evaluation did, read-only on
 * the server (a read-only session and a read-only transaction, rolled back at the end), a server-side
 * time limit per statement, a row cap, and a gate that refuses anything but reads. A statement's outcome
 * is a value (rows as Python reprs, or InterCode's error text), never an exception: only a connection that
 * cannot be opened throws. A connection that had to be dropped (row cap, client timeout, abort) is
 * reopened for the next statement.
 */
import type { Connection, FieldPacket } from "mysql2";
import { errorMessage } from "../errors/message.js";
import { cellRepr, type CellColumn } from "./cells.js";
import { pythonTuple } from "./pythonRepr.js";
import { readOnlyRefusal } from "./statementGate.js";
import { OBSERVATION_ERROR_PREFIX } from "./observation.js";
import type { SqlServerAddress } from "./sqlUrl.js";

export interface SqlLimits {
  /** Server-side time limit of one statement, in ms (default 10 s). */
  statementTimeoutMs: number;
  /** Most rows a statement may return (default 100,000); more is an error, not a cut result. */
  maxRows: number;
  /** Most characters of rows (as Python reprs) a statement may return (default 16 Mi); more is an error too. */
  maxBytes: number;
}

export const DEFAULT_SQL_LIMITS: SqlLimits = { statementTimeoutMs: 10_000, maxRows: 100_000, maxBytes: 16 * 1024 * 1024 };

/**
 * What running a statement gave: its rows (null when it returned no result set), or InterCode's error text.
 * `connection` marks a failure of the server or the connection rather than of the statement: a scorer must
 * not read it as the query's result.
 */
export type SqlOutcome = { ok: true; rows: string[] | null } | { ok: false; error: string; connection?: boolean };

/** mysql2, loaded with the first connection (a run that never connects, or only lists datasets, does not load it). */
type Mysql = typeof import("mysql2");
let mysqlModule: Promise<Mysql> | undefined;
// a CommonJS package: its module.exports is the namespace's default
const loadMysql = (): Promise<Mysql> => (mysqlModule ??= import("mysql2").then((m) => (m as Mysql & { default?: Mysql }).default ?? m));

/** mysql2's numeric column types by name, inverted: set by the first connection, before any statement runs. */
let typeNames: Map<number, string> | undefined;
const typeNamesOf = (mysql: Mysql) => (typeNames ??= new Map(Object.entries(mysql.Types as unknown as Record<string, number>).map(([name, code]) => [code, name])));

/** Errors InterCode prints: `Error executing query: <the server's message>`. */
export function executionError(message: string, connection = false): SqlOutcome {
  return { ok: false, error: `${OBSERVATION_ERROR_PREFIX} ${message}`, ...(connection ? { connection } : {}) };
}

export class SqlConnectError extends Error {
  override name = "SqlConnectError";
}

function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, "``")}\``;
}

async function connect(address: SqlServerAddress, timeoutMs: number): Promise<Connection> {
  const mysql = await loadMysql();
  typeNamesOf(mysql);
  return new Promise((resolve, reject) => {
    const connection = mysql.createConnection({
      host: address.host,
      port: address.port,
      user: address.user,
      password: address.password,
      connectTimeout: timeoutMs,
      multipleStatements: false,
      // as mysql-connector-python connects: without IGNORE_SPACE `COUNT (*)` is a syntax error, as in InterCode;
      // without LOCAL_FILES the server cannot ask for a file on this machine
      flags: ["-IGNORE_SPACE", "-LOCAL_FILES"],
      rowsAsArray: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      // raw bytes: cells.ts writes each value as the Python connector would return it
      typeCast: (field) => field.buffer(),
    });
    connection.once("connect", () => resolve(connection));
    connection.once("error", (error) => {
      connection.destroy();
      reject(error);
    });
  });
}

/** Time limit of the session's own statements (set-up, the table list): a server that stops answering is an error. */
const SETUP_TIMEOUT_MS = 10_000;

function plainQuery<T = unknown>(connection: Connection, sql: string): Promise<T> {
  return new Promise((resolve, reject) => connection.query({ sql, timeout: SETUP_TIMEOUT_MS }, (error, rows) => (error ? reject(error) : resolve(rows as T))));
}

export class SqlSession {
  private connection: Connection | undefined;
  private closed = false;

  private constructor(
    private readonly address: SqlServerAddress,
    readonly database: string,
    private readonly limits: SqlLimits,
  ) {}

  /** Opens a read-only session on `database`; throws SqlConnectError when the server or database cannot be reached. */
  static async open(address: SqlServerAddress, database: string, limits: Partial<SqlLimits> = {}): Promise<SqlSession> {
    const session = new SqlSession(address, database, { ...DEFAULT_SQL_LIMITS, ...limits });
    await session.ensureConnection();
    return session;
  }

  private async ensureConnection(): Promise<Connection> {
    if (this.closed) throw new SqlConnectError("the SQL session is closed");
    if (this.connection) return this.connection;
    let connection: Connection;
    try {
      connection = await connect(this.address, 10_000);
    } catch (error) {
      throw new SqlConnectError(`cannot connect to the SQL server at ${this.address.host}:${this.address.port}: ${errorMessage(error)}`);
    }
    // a dropped connection must not take the process down; the next statement reconnects
    connection.on("error", () => {
      if (this.connection === connection) this.connection = undefined;
    });
    try {
      const version = String((await plainQuery<Buffer[][]>(connection, "SELECT VERSION()"))[0][0]);
      const seconds = this.limits.statementTimeoutMs / 1000;
      // MariaDB bounds every statement; MySQL's MAX_EXECUTION_TIME bounds SELECTs (the only statements that pass the gate and run long)
      await plainQuery(connection, version.includes("MariaDB") ? `SET SESSION max_statement_time = ${seconds}` : `SET SESSION MAX_EXECUTION_TIME = ${this.limits.statementTimeoutMs}`);
      await plainQuery(connection, "SET SESSION TRANSACTION READ ONLY");
      await plainQuery(connection, `USE ${quoteIdentifier(this.database)}`);
      await plainQuery(connection, "START TRANSACTION READ ONLY");
    } catch (error) {
      connection.destroy();
      const message = (error as { sqlMessage?: string }).sqlMessage ?? errorMessage(error);
      throw new SqlConnectError(`cannot open database "${this.database}": ${message}`);
    }
    this.connection = connection;
    return connection;
  }

  /** Table names and their columns in order, for the environment description. */
  async tables(): Promise<Map<string, string[]>> {
    const connection = await this.ensureConnection();
    let rows: (Buffer | null)[][];
    try {
      rows = await plainQuery(connection, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position");
    } catch (error) {
      this.drop();
      throw new SqlConnectError(`cannot list the tables of "${this.database}": ${errorMessage(error)}`);
    }
    const tables = new Map<string, string[]>();
    for (const [table, column] of rows) {
      const name = String(table);
      tables.set(name, [...(tables.get(name) ?? []), String(column)]);
    }
    return tables;
  }

  /** Drops the connection (the server ends its statement and transaction); the next statement reconnects. */
  private drop(): void {
    this.connection?.destroy();
    this.connection = undefined;
  }

  /** Runs one statement and returns its rows as Python reprs, or the error InterCode would show. */
  async run(sql: string, signal?: AbortSignal): Promise<SqlOutcome> {
    const refusal = readOnlyRefusal(sql);
    if (refusal) return executionError(refusal);
    let connection: Connection;
    try {
      connection = await this.ensureConnection();
    } catch (error) {
      return executionError(errorMessage(error), true);
    }
    return new Promise<SqlOutcome>((resolve) => {
      let settled = false;
      let columns: CellColumn[] = [];
      let rows: string[] | null = null;
      let bytes = 0;
      const finish = (outcome: SqlOutcome, dropConnection = false) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        connection.removeListener("error", onConnectionError);
        if (dropConnection) this.drop();
        resolve(outcome);
      };
      const onAbort = () => finish(executionError("the statement was cancelled"), true);
      // mysql2 reports a connection that dies mid-statement on the connection, not on the query
      const onConnectionError = (error: Error) => finish(executionError(`the connection failed: ${errorMessage(error)}`, true), true);
      connection.on("error", onConnectionError);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      // the client-side timeout is a backstop for a server that ignores its own limit
      const query = connection.query({ sql, timeout: this.limits.statementTimeoutMs + 5_000 });
      query.on("fields", (fields: FieldPacket[] | undefined) => {
        // a statement without a result set (SELECT ... INTO @v) has no fields: InterCode's None
        if (!fields) return;
        columns = fields.map((f) => ({ type: typeNames!.get(f.columnType ?? f.type ?? -1) ?? "VAR_STRING", characterSet: f.characterSet }));
        rows = [];
      });
      query.on("result", (row: unknown) => {
        if (settled || !Array.isArray(row)) return; // an OK packet (no result set) is not a row
        rows ??= [];
        if (rows.length >= this.limits.maxRows) {
          finish(executionError(`the result has more than ${this.limits.maxRows} rows (the session's row limit)`), true);
          return;
        }
        const tuple = pythonTuple((row as (Buffer | null)[]).map((cell, i) => cellRepr(cell, columns[i] ?? { type: "VAR_STRING" })));
        // counted as written, so NULL and empty cells (which cost nothing on the wire) are counted too
        bytes += tuple.length;
        if (bytes > this.limits.maxBytes) {
          finish(executionError(`the result has more than ${this.limits.maxBytes} characters (the session's size limit)`), true);
          return;
        }
        rows.push(tuple);
      });
      query.on("error", (error: Error & { sqlMessage?: string; fatal?: boolean; code?: string }) => {
        const timedOut = error.code === "PROTOCOL_SEQUENCE_TIMEOUT";
        // a server error has a message from the server; anything else is the connection failing
        // the client-side time limit means the server did not stop the statement itself: a failing server too
        const lost = timedOut || error.fatal === true || error.sqlMessage === undefined;
        finish(executionError(timedOut ? `no result within ${this.limits.statementTimeoutMs + 5_000} ms` : (error.sqlMessage ?? error.message), lost), lost);
      });
      query.on("end", () => finish({ ok: true, rows }));
    });
  }

  /** Rolls back and closes; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        connection.destroy();
        resolve();
      }, 2_000);
      connection.query("ROLLBACK", () => {
        connection.end(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    });
  }
}
