/**
 * The first line of defence of a shared database: only statements that read run. The session is also
 * read-only on the server, but a read-only transaction still lets `SET GLOBAL`, `KILL` or `SHUTDOWN`
 * through, so anything that is not a plain read is refused before it reaches the server.
 */

/** Statement kinds an agent may run: reads and schema inspection. */
export const READ_STATEMENTS = ["SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "VALUES", "TABLE"] as const;

const ALLOWED = new Set<string>(READ_STATEMENTS);
/** Writes to server files (needs the FILE privilege, which a local root has). */
const FILE_WRITE = /\bINTO\s+(OUTFILE|DUMPFILE)\b/i;
/**
 * Other sessions' statements (a concurrently scored gold query among them) are visible in the process list,
 * performance_schema, sys and InnoDB's status: a task may not look at them.
 */
const OTHER_SESSIONS = /\b(processlist|performance_schema|innodb_trx|innodb_locks)\b|\bsys\s*\.|\bSHOW\s+ENGINE\b/i;
/** `/*! ... *\/` and `/*M! ... *\/` run their content as SQL: a comment that is really a statement. */
const EXECUTABLE_COMMENT = /\/\*M?!/i;

/** The text after leading blanks, ordinary comments and opening parentheses (`(SELECT ...) UNION ...`). */
function statementStart(sql: string): string {
  let text = sql;
  for (;;) {
    const trimmed = text.replace(/^[\s(]+/, "");
    if (trimmed.startsWith("--") || trimmed.startsWith("#")) {
      const end = trimmed.indexOf("\n");
      text = end < 0 ? "" : trimmed.slice(end + 1);
    } else if (trimmed.startsWith("/*") && !EXECUTABLE_COMMENT.test(trimmed.slice(0, 4))) {
      const end = trimmed.indexOf("*/", 2);
      text = end < 0 ? "" : trimmed.slice(end + 2);
    } else return trimmed;
  }
}

/** Why a statement may not run, or null when it is a read. */
export function readOnlyRefusal(sql: string): string | null {
  if (EXECUTABLE_COMMENT.test(sql)) return "executable comments (/*! ... */) are not allowed";
  const start = statementStart(sql);
  const keyword = /^[A-Za-z]+/.exec(start)?.[0]?.toUpperCase();
  if (keyword === undefined) return start === "" ? "the query is empty" : "the query does not start with a SQL keyword";
  if (!ALLOWED.has(keyword)) return `only read statements run here (${READ_STATEMENTS.join(", ")}); ${keyword} is refused`;
  if (FILE_WRITE.test(sql)) return "writing query results to files is refused";
  if (OTHER_SESSIONS.test(sql)) return "other sessions' statements (process list, performance_schema, sys, engine status) are not visible here";
  return null;
}
