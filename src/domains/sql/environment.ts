/**
 * The SQL task environment: the task's database on a MySQL/MariaDB server, opened from the spec
 * `{ db: "world_1" }` (or just "world_1") as a read-only session of its own, described in the first
 * planning turn by its tables and columns, and closed (rolled back) when the run ends.
 */
import { ConfigurationError } from "../../core/errors.js";
import { SqlSession, type SqlLimits } from "../../sql/session.js";
import type { SqlServerAddress } from "../../sql/sqlUrl.js";
import { defineEnvironment } from "../environment.js";

export interface SqlTaskEnvironment {
  database: string;
  session: SqlSession;
  /** Tables and their columns, in the server's order. */
  tables: Map<string, string[]>;
}

/** The database a task's environment spec names. */
export function databaseOf(spec: unknown): string {
  const name = typeof spec === "string" ? spec : typeof spec === "object" && spec !== null ? (spec as { db?: unknown }).db : undefined;
  if (typeof name !== "string" || name.trim() === "") {
    throw new ConfigurationError('a SQL task needs its database: give the task an environment such as { "db": "world_1" }');
  }
  return name.trim();
}

/** "a MySQL database "world_1" with tables: city (ID, Name, ...); country (...)." */
export function describeDatabase(environment: SqlTaskEnvironment): string {
  const tables = [...environment.tables].map(([table, columns]) => `${table} (${columns.join(", ")})`);
  return `a MySQL database "${environment.database}" with tables: ${tables.length === 0 ? "none" : tables.join("; ")}.`;
}

export function sqlEnvironment(address: SqlServerAddress, limits: Partial<SqlLimits> = {}) {
  return defineEnvironment<SqlTaskEnvironment>({
    async open(spec) {
      const database = databaseOf(spec);
      const session = await SqlSession.open(address, database, limits);
      try {
        return { database, session, tables: await session.tables() };
      } catch (error) {
        await session.close();
        throw error;
      }
    },
    describe: describeDatabase,
    close: (environment) => environment.session.close(),
  });
}
