/** The SQL domain as a definition: the server URL and the statement time limit are its options (the client is loaded on creation). */
import { z } from "zod";
import { parseSqlUrl } from "../../sql/sqlUrl.js";
import { defineDomain } from "../definition.js";
import { option } from "../options.js";

export const sqlDomain = defineDomain({
  name: "sql",
  summary: "InterCode-SQL: Execute and Submit SQL on the task's database (MySQL/MariaDB), read-only",
  options: z.object({
    sqlUrl: option.text("SQL: the MySQL/MariaDB server holding the tasks' databases, mysql://user[:password]@host:port (start one with `lumos sql-server`)", "URL"),
    sqlStatementMs: option.count("SQL: server-side time limit of one statement in ms (default 10000)"),
  }),
  requires: [{ options: ["sqlUrl"], what: "a SQL server" }],
  create: async (options) => {
    // requirements are checked before create; the URL is checked here, with a message naming the flag
    const server = parseSqlUrl(options.sqlUrl ?? "");
    const { createSqlDomain } = await import("./index.js");
    return createSqlDomain({ server, limits: options.sqlStatementMs ? { statementTimeoutMs: options.sqlStatementMs } : {} });
  },
});
