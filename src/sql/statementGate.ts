/**
 * The first line of defence of a shared database: only statements that read run, and they may not reach
 * outside their database. The session is also read-only on the server, but a read-only transaction still
 * lets `SET GLOBAL`, `KILL`, `SHUTDOWN` and file writes through, and a statement could look at other sessions
 * (a gold query being scored for another task shows in the process list, InnoDB's status and EXPLAIN FOR
 * CONNECTION) or read files with LOAD_FILE. The checks run on the statement with its comments removed, its
 * string literals emptied and its identifiers unquoted, so `INTO/**\/OUTFILE` or `` `sys`.`session` `` cannot
 * hide from them; they err on the side of refusing.
 */
import { skipQuoted } from "../actions/parse.js";

/** Statement kinds an agent may run: reads and schema inspection. */
export const READ_STATEMENTS = ["SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES", "TABLE"] as const;

const ALLOWED = new Set<string>(READ_STATEMENTS);

/** `/*! ... *\/`, `/*M! ... *\/` run their content as SQL, and `/*+ ... *\/` optimizer hints can lift time limits. */
const EXECUTABLE_COMMENT = /\/\*[M]?[!+]/i;

const REFUSED: [RegExp, string][] = [
  [/\bINTO\s+(OUTFILE|DUMPFILE)\b/i, "writing query results to files is refused"],
  [/\bLOAD_FILE\s*\(/i, "reading files (LOAD_FILE) is refused"],
  [
    /\b(processlist|performance_schema|innodb_trx|innodb_locks|innodb_lock_waits)\b|\bsys\s*\.|\bmysql\s*\.|\bSHOW\s+(ENGINE|EXPLAIN|ANALYZE|GRANTS|PROFILES?|FULL\s+PROCESSLIST|PROCESSLIST)\b|\bFOR\s+CONNECTION\b/i,
    "other sessions and server internals (process list, performance_schema, sys, mysql, engine status, EXPLAIN FOR CONNECTION) are not visible here",
  ],
];

/**
 * The statement as its checks read it: comments removed (`--`, `#`, `/* *\/`), string literals emptied to `''`,
 * backquoted identifiers unquoted, whitespace runs made one space.
 */
export function normalizeStatement(sql: string): string {
  let out = "";
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      i = skipQuoted(sql, i) - 1;
      out += "''";
    } else if (ch === "`") {
      const end = skipQuoted(sql, i);
      out += sql.slice(i + 1, Math.max(i + 1, end - 1)).replace(/``/g, "`");
      i = end - 1;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 1;
      out += " ";
    } else if (ch === "#" || (ch === "-" && sql[i + 1] === "-" && /[\s]/.test(sql[i + 2] ?? " "))) {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
      out += " ";
    } else out += ch;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** Why a statement may not run, or null when it is a read. */
export function readOnlyRefusal(sql: string): string | null {
  if (EXECUTABLE_COMMENT.test(sql)) return "executable comments and optimizer hints (/*! ... */, /*+ ... */) are not allowed";
  const statement = normalizeStatement(sql);
  const start = statement.replace(/^[\s(]+/, "");
  const keyword = /^[A-Za-z]+/.exec(start)?.[0]?.toUpperCase();
  if (keyword === undefined) return start === "" ? "the query is empty" : "the query does not start with a SQL keyword";
  if (!ALLOWED.has(keyword)) return `only read statements run here (${READ_STATEMENTS.join(", ")}); ${keyword} is refused`;
  for (const [pattern, reason] of REFUSED) if (pattern.test(statement)) return reason;
  return null;
}
