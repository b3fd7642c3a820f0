/** The SQL domain's pure parts: the read-only gate, quoted-string action syntax, observations, cells, the answer rule. */
import { describe, expect, it } from "vitest";
import { parseGroundingLine } from "../../src/actions/parse.js";
import type { ExecutedAction } from "../../src/core/records.js";
import { finalQuery } from "../../src/domains/sql/index.js";
import { databaseOf, describeDatabase } from "../../src/domains/sql/environment.js";
import { cellRepr } from "../../src/sql/cells.js";
import { renderObservation } from "../../src/sql/observation.js";
import { readOnlyRefusal } from "../../src/sql/statementGate.js";
import { parseSqlUrl, redactUrlPassword } from "../../src/sql/sqlUrl.js";
import type { SqlSession } from "../../src/sql/session.js";

describe("the read-only gate", () => {
  it.each(["SELECT 'processlist' AS note", "SELECT name FROM t WHERE note = 'INTO OUTFILE x' -- INTO OUTFILE\n", "SELECT `sysadmin`.name FROM t AS `sysadmin`", "SELECT 1", "  select * from t", "(SELECT a FROM t) UNION (SELECT b FROM u)", "WITH x AS (SELECT 1) SELECT * FROM x", "SHOW TABLES", "DESCRIBE airlines", "desc t", "EXPLAIN SELECT 1", "-- note\nSELECT 1", "/* why */ SELECT 1"])(
    "lets %j through",
    (sql) => expect(readOnlyRefusal(sql)).toBeNull(),
  );

  it.each([
    ["DROP TABLE pets", /DROP is refused/],
    ["insert into pets values (1)", /INSERT is refused/],
    ["SET GLOBAL max_connections = 10", /SET is refused/],
    ["KILL 5", /KILL is refused/],
    ["SHUTDOWN", /SHUTDOWN is refused/],
    ["/*! DROP TABLE pets */", /executable comments/],
    ["SELECT 1 /*M! , (SELECT 1) */", /executable comments/],
    ["SELECT * INTO OUTFILE '/tmp/x' FROM t", /files is refused/],
    ["   ", /empty/],
    ["-- only a comment", /empty/],
    ["42", /does not start with a SQL keyword/],
    ["SHOW FULL PROCESSLIST", /other sessions/],
    ["SELECT info FROM information_schema.processlist", /other sessions/],
    ["SELECT * FROM performance_schema.events_statements_current", /other sessions/],
    ["SELECT * FROM sys.session", /other sessions/],
    ["SHOW ENGINE INNODB STATUS", /other sessions/],
    // comments, quotes and spacing cannot hide what a statement does
    ["SELECT 'pwned' INTO/**/OUTFILE '/tmp/x'", /files is refused/],
    ["SELECT Name FROM city LIMIT 2 INTO -- x\n DUMPFILE '/tmp/y'", /files is refused/],
    ["SELECT LOAD_FILE('/etc/passwd')", /LOAD_FILE/],
    ["SELECT load_file ('/data/gold.json')", /LOAD_FILE/],
    ["SHOW/**/ENGINE INNODB STATUS", /other sessions/],
    ["SHOW EXPLAIN FORMAT=JSON FOR 5", /other sessions/],
    ["EXPLAIN FORMAT=JSON FOR CONNECTION 5", /other sessions/],
    ["SELECT * FROM `sys`.`session`", /other sessions/],
    ["SELECT * FROM sys/**/.x", /other sessions/],
    ["SELECT user, password FROM mysql.user", /other sessions/],
    ["SELECT /*+ MAX_EXECUTION_TIME(0) */ 1", /optimizer hints/],
  ])("refuses %j", (sql, reason) => {
    expect(readOnlyRefusal(sql)).toMatch(reason);
  });
});

describe("SQL grounding lines", () => {
  it("keeps brackets and '; ' inside quoted strings in the argument", () => {
    const items = parseGroundingLine(`R1 = Execute(SELECT name FROM t WHERE note = 'a; b) (c'); R2 = Submit(SELECT "x)" , \`odd)\` FROM t WHERE y = 'it''s')`, { quotes: true });
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ ok: true, action: { tool: "Execute", args: "SELECT name FROM t WHERE note = 'a; b) (c'" } });
    expect(items[1]).toMatchObject({ ok: true, action: { tool: "Submit", args: "SELECT \"x)\" , `odd)` FROM t WHERE y = 'it''s'" } });
  });

  it("reads an unterminated string as unbalanced, and leaves the plain syntax as it was", () => {
    expect(parseGroundingLine("R1 = Execute(SELECT 'oops)", { quotes: true })[0]).toMatchObject({ ok: false, error: "unbalanced parentheses" });
    expect(parseGroundingLine("R1 = QA([R2], Question: What's the (real) name?)")[0]).toMatchObject({ ok: true, action: { tool: "QA" } });
  });
});

describe("observations as InterCode renders them", () => {
  it("lists the first 50 rows, cuts errors at 500 characters and says No output when empty", () => {
    expect(renderObservation({ ok: true, rows: ["('a',)", "(1, None)"] })).toBe("[('a',), (1, None)]");
    expect(renderObservation({ ok: true, rows: [] })).toBe("No output");
    expect(renderObservation({ ok: true, rows: null })).toBe("No output");
    const many = renderObservation({ ok: true, rows: Array.from({ length: 80 }, (_, i) => `(${i},)`) });
    expect(many.startsWith("[(0,), (1,)")).toBe(true);
    expect(many.endsWith("(49,)]")).toBe(true);
    const error = renderObservation({ ok: false, error: `Error executing query: ${"x".repeat(900)}` });
    expect(error).toHaveLength(500);
    const wide = renderObservation({ ok: true, rows: [`('${"w".repeat(10_000)}',)`] });
    expect(wide.length).toBeLessThan(4_100);
    expect(wide.endsWith(" ...")).toBe(true);
  });
});

describe("result cells as mysql-connector-python returns them", () => {
  const cell = (text: string | null, type: string, characterSet = 45) => cellRepr(text === null ? null : Buffer.from(text), { type, characterSet });
  it("maps each column type to its Python value's repr", () => {
    expect(cell(null, "LONG")).toBe("None");
    expect(cell("42", "LONG", 63)).toBe("42");
    expect(cell("12345678901234567890", "LONGLONG", 63)).toBe("12345678901234567890");
    expect(cell("12.5000", "NEWDECIMAL", 63)).toBe("Decimal('12.5000')");
    // Python's Decimal switches to scientific notation for small exponents (checked against pymysql)
    expect(cell("0.0000001", "NEWDECIMAL", 63)).toBe("Decimal('1E-7')");
    expect(cell("0.00000010", "NEWDECIMAL", 63)).toBe("Decimal('1.0E-7')");
    expect(cell("0.00000000", "NEWDECIMAL", 63)).toBe("Decimal('0E-8')");
    expect(cell("-0.0000001000", "NEWDECIMAL", 63)).toBe("Decimal('-1.000E-7')");
    expect(cell("0.000001", "NEWDECIMAL", 63)).toBe("Decimal('0.000001')");
    expect(cell("-0.50", "NEWDECIMAL", 63)).toBe("Decimal('-0.50')");
    expect(cell("0", "NEWDECIMAL", 63)).toBe("Decimal('0')");
    expect(cell("1234567890.123456789", "NEWDECIMAL", 63)).toBe("Decimal('1234567890.123456789')");
    expect(cell("0000", "YEAR", 63)).toBe("0");
    expect(cell("00042", "LONG", 63)).toBe("42");
    expect(cell("78.4", "FLOAT", 63)).toBe("78.4");
    expect(cell("8510700", "DOUBLE", 63)).toBe("8510700.0");
    expect(cell("2020-01-02", "DATE", 63)).toBe("datetime.date(2020, 1, 2)");
    expect(cell("0000-00-00", "DATE", 63)).toBe("None");
    expect(cell("2018-03-10 00:03:21", "DATETIME", 63)).toBe("datetime.datetime(2018, 3, 10, 0, 3, 21)");
    expect(cell("2018-03-10 00:00:00", "DATETIME", 63)).toBe("datetime.datetime(2018, 3, 10, 0, 0)");
    expect(cell("2018-03-10 00:00:00.5", "TIMESTAMP", 63)).toBe("datetime.datetime(2018, 3, 10, 0, 0, 0, 500000)");
    expect(cell("-01:00:00", "TIME", 63)).toBe("datetime.timedelta(days=-1, seconds=82800)");
    expect(cell("00:00:00", "TIME", 63)).toBe("datetime.timedelta(0)");
    expect(cell("it's", "VAR_STRING")).toBe(`"it's"`);
    expect(cell("raw", "BLOB", 63)).toBe("b'raw'");
  });
});

describe("the SQL task and its answer", () => {
  const action = (tool: string, boundArgs: string, values: string[], error?: string): ExecutedAction => ({ subgoal: 1, text: `R1 = ${tool}(${boundArgs})`, tool, outputs: ["R1"], boundArgs, values, logged: "", ms: 0, ...(error ? { error } : {}) });

  it("answers with the last submitted query, else the last query that ran without an error", () => {
    expect(finalQuery([action("Execute", "SELECT 1", ["[(1,)]"]), action("Submit", "SELECT 2", ["[(2,)]"]), action("Execute", "SELECT 3", ["[(3,)]"])])).toBe("SELECT 2");
    expect(finalQuery([action("Execute", "SELECT 1", ["[(1,)]"]), action("Execute", "SELEC 2", ["Error executing query: syntax"])])).toBe("SELECT 1");
    expect(finalQuery([action("Execute", "SELECT 1", [], "tool_timeout")])).toBeNull();
    expect(finalQuery([])).toBeNull();
  });

  it("reads the database from the task's environment and describes its tables", () => {
    expect(databaseOf({ db: "world_1" })).toBe("world_1");
    expect(databaseOf("pets_1")).toBe("pets_1");
    expect(() => databaseOf({})).toThrow(/needs its database/);
    const description = describeDatabase({ database: "pets_1", session: {} as SqlSession, tables: new Map([["pets", ["PetID", "PetType"]], ["student", ["StuID"]]]) });
    expect(description).toBe('a MySQL database "pets_1" with tables: pets (PetID, PetType); student (StuID).');
  });

  it("checks --sql-url and hides its password", () => {
    expect(parseSqlUrl("mysql://root@127.0.0.1:3307")).toEqual({ host: "127.0.0.1", port: 3307, user: "root" });
    expect(parseSqlUrl("mysql://u:p%40ss@db.example:3306")).toEqual({ host: "db.example", port: 3306, user: "u", password: "p@ss" });
    expect(() => parseSqlUrl("postgres://x@h")).toThrow(/must start with mysql:\/\//);
    expect(() => parseSqlUrl("mysql://root@h:1/world_1")).toThrow(/names a database/);
    expect(() => parseSqlUrl("not a url")).toThrow(/is not a URL/);
    expect(redactUrlPassword("mysql://u:secret@h:1")).toBe("mysql://u:***@h:1");
    expect(redactUrlPassword("mysql://root@h:1")).toBe("mysql://root@h:1");
    expect(redactUrlPassword("hotpotqa-distractor")).toBe("hotpotqa-distractor");
  });
});
