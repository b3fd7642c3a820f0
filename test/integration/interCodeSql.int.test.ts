/**
 * InterCode-SQL on a real MariaDB started for this file (its own data directory, a free loopback port,
 * stopped by PID): the oracle over the fixture tasks, `lumos eval` end to end against a scripted completions
 * server in both formulations, `lumos score` on hand-made predictions with hand-computed rewards, and
 * hostile statements among healthy tasks, after which every database is as it was.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadInterCodeSql } from "../../src/datasets/simpleLoaders.js";
import { evaluateWithRecords } from "../helpers/evalRecords.js";
import type { LumosModuleModel, ModuleRequest } from "../../src/models/types.js";
import { programOutputs } from "../../src/programs/goldProgram.js";
import { interCodeSqlProgram } from "../../src/programs/rules/intercodeSql.js";
import { promptTurns } from "../../src/models/types.js";
import { openEnvironmentCount } from "../../src/graph/environments.js";
import type { LocalMariaDb } from "../../src/sql/localServer.js";
import { runCli } from "../helpers/cli.js";
import { SqlSession } from "../../src/sql/session.js";
import { FIXTURES_DIR } from "../helpers/datasets.js";
import { comparablePredictions } from "../helpers/predictions.js";
import { startGoldServer } from "../helpers/goldServer.js";
import { startScriptedServer, turnIndex } from "../helpers/scriptedServer.js";
import { describeWithMariaDb, startTestMariaDb } from "../helpers/mariadb.js";

/** A small database of our own, for rewards worked out by hand. */
const SHOP = `
CREATE DATABASE shop;
USE shop;
CREATE TABLE item (id INT PRIMARY KEY, name TEXT, price DECIMAL(6,2), weight DOUBLE);
INSERT INTO item VALUES (1, 'pen', 1.50, 0.02), (2, 'book', 12.00, 0.5), (3, 'lamp', 30.00, 1.2), (4, 'mug', 8.25, 0.3);
`;

const FIXTURE_DUMP = join(FIXTURES_DIR, "intercode_sql", "ic_spider_dbs.sql");

let server: LocalMariaDb;
let admin: mysql.Connection;

/** Everything a hostile statement could change: row counts and a checksum of every fixture table, and server settings. */
async function fingerprint(): Promise<string> {
  const [tables] = await admin.query("SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('poker_player', 'pets_1', 'museum_visit', 'shop') ORDER BY 1, 2");
  const parts: string[] = [];
  for (const row of tables as { table_schema: string; table_name: string }[]) {
    const [sum] = await admin.query(`CHECKSUM TABLE \`${row.table_schema}\`.\`${row.table_name}\``);
    parts.push(`${row.table_schema}.${row.table_name}:${JSON.stringify(sum)}`);
  }
  const [settings] = await admin.query("SELECT @@global.max_connections AS c, @@global.max_statement_time AS t, @@global.read_only AS r");
  return `${parts.join("\n")}\n${JSON.stringify(settings)}`;
}

describeWithMariaDb("InterCode-SQL on MariaDB", () => {
  beforeAll(async () => {
    server = await startTestMariaDb([FIXTURE_DUMP, { sql: SHOP }]);
    admin = await mysql.createConnection({ host: "127.0.0.1", port: server.port, user: "root" });
  }, 120_000);

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  const out = () => mkdtempSync(join(tmpdir(), "lumos-sql-"));

  it("the oracle plays every gold query of the fixture tasks: success 100% in both formulations, the same with --parallel", async () => {
    for (const formulation of ["iterative", "onetime"] as const) {
      const result = await evaluateWithRecords({
        dataset: "intercode_sql", dataDir: FIXTURES_DIR, planner: "oracle", grounder: "oracle", formulation,
        outDir: out(), concurrency: 8, domainOptions: { sqlUrl: server.readerUrl },
      });
      expect(result.summary.tasks).toBe(100);
      expect(result.summary.metrics).toMatchObject({ success: 100, reward: 100, bestSuccess: 100, bestReward: 100 });
      expect(Object.keys(result.summary.byCategory ?? {}).sort()).toEqual(["easy", "extra", "hard", "medium"]);
      expect(readFileSync(result.paths.markdown, "utf8")).toMatch(/## By category\n\n\| category \| tasks \| success \| reward \| bestSuccess \| bestReward \|/);
      expect(readFileSync(result.paths.html, "utf8")).toContain("<h2>By category</h2>");
      expect(result.records[0].prediction).toBe((await loadInterCodeSql(FIXTURES_DIR))[0].gold);
      // statements run one after another whatever --parallel says (they read what earlier ones did): same records
      const parallel = await evaluateWithRecords({
        dataset: "intercode_sql", dataDir: FIXTURES_DIR, planner: "oracle", grounder: "oracle", formulation,
        outDir: out(), concurrency: 8, domainOptions: { sqlUrl: server.readerUrl }, parallel: true,
      });
      expect(comparablePredictions(parallel.paths.predictions)).toEqual(comparablePredictions(result.paths.predictions));
    }
    expect(openEnvironmentCount()).toBe(0);
  });

  it("lumos eval runs end to end against a scripted completions server, in both formulations", async () => {
    const items = (await loadInterCodeSql(FIXTURES_DIR)).slice(0, 6);
    const completions = await startGoldServer(items.map(interCodeSqlProgram));
    try {
      for (const formulation of ["iterative", "onetime"]) {
        const dir = out();
        const r = await runCli([
          "eval", "--dataset", "intercode_sql", "--data-dir", FIXTURES_DIR, "--limit", "6", "--formulation", formulation,
          "--planner", `completion:plan|${formulation}@${completions.url}`, "--grounder", `completion:ground|${formulation}@${completions.url}`,
          "--sql-url", server.readerUrl, "--out", dir,
        ]);
        expect(r.code, r.stderr).toBe(0);
        const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
        expect(summary.metrics.success).toBe(100);
        expect(summary.tasks).toBe(6);
      }
      // every prompt opens with the k-shot prefix, and the task's first turns describe its database
      const prompts = completions.requests.map((q) => String(q.body.prompt));
      expect(prompts.every((p) => p.includes('Task: Which members have borrowed more than two books? Give their names.; Initial Environment Description: a MySQL database "library"'))).toBe(true);
      expect(prompts.some((p) => p.includes(`Task: ${items[0].question}; Initial Environment Description: a MySQL database "poker_player" with tables: people (People_ID, Nationality, Name, Birth_Date, Height); poker_player (`))).toBe(true);
      expect(prompts.some((p) => p.includes("The executed result for Subgoal 1 is [("))).toBe(true);
    } finally {
      await completions.close();
    }
  });

  it("lumos score gives InterCode's reward for unseen predictions, by hardness, and damages nothing", async () => {
    const dataDir = out();
    mkdirSync(join(dataDir, "intercode_sql"));
    const tasks = [
      { db: "shop", query: "List the items from cheapest to dearest.", gold: "SELECT name FROM item ORDER BY price", hardness: "easy", db_tables: {} },
      { db: "shop", query: "How many items weigh more than 0.25?", gold: "SELECT count(*) FROM item WHERE weight > 0.25", hardness: "hard", db_tables: {} },
      { db: "shop", query: "List the item names alphabetically.", gold: "SELECT name FROM item ORDER BY name", hardness: "medium", db_tables: {} },
    ];
    writeFileSync(join(dataDir, "intercode_sql", "ic_spider_dev.json"), JSON.stringify(tasks));
    const predictions: [number, string | null, number][] = [
      [0, "SELECT name FROM item ORDER BY price", 1],
      // tau pairs the rows' string values position by position: reversing a price order is not reversing the
      // string order of (book, lamp, mug, pen), so it scores -0.33, not -1 (InterCode's own reward agrees)
      [0, "SELECT name FROM item ORDER BY price DESC", -0.33],
      [0, "SELECT name FROM item ORDER BY price LIMIT 2", 0.5],
      [0, "SELECT id FROM item ORDER BY price", 0],
      [0, "SELECT nme FROM item", 0],
      // the same names in id order: string ranks (book, lamp, mug, pen) give 4 concordant and 2 discordant pairs
      [0, "SELECT name FROM item ORDER BY id", 0.33],
      // every row twice: IoU 4/8, the first copies in id order as above
      [0, "SELECT name FROM item UNION ALL SELECT name FROM item", 0.17],
      [0, "SELECT price FROM item ORDER BY price", 0],
      [0, "DROP TABLE item", 0],
      [0, null, 0],
      [1, "SELECT count(*) FROM item WHERE weight > 0.25", 1],
      [1, "SELECT count(*) FROM item", 0],
      [1, "SELECT COUNT (*) FROM item WHERE weight > 0.25", 0],
      // rows in their string order, reversed: -1
      [2, "SELECT name FROM item ORDER BY name DESC", -1],
    ];
    const file = join(dataDir, "predictions.jsonl");
    writeFileSync(file, predictions.map(([i, prediction]) => JSON.stringify({ id: `intercode-sql-${i}`, prediction })).join("\n") + "\n");
    const before = await fingerprint();
    const details = join(dataDir, "details.jsonl");
    const r = await runCli(["score", "--dataset", "intercode_sql", "--predictions", file, "--data-dir", dataDir, "--sql-url", server.readerUrl, "--details", details]);
    expect(r.code, r.stderr).toBe(0);
    const rewards = readFileSync(details, "utf8").trim().split("\n").map((line) => JSON.parse(line).scores.reward);
    expect(rewards).toEqual(predictions.map(([, , reward]) => reward));
    const report = JSON.parse(r.stdout);
    expect(report.byCategory.easy.tasks).toBe(10);
    expect(report.byCategory.hard).toEqual({ tasks: 3, percent: { success: 33.33, reward: 33.33, bestSuccess: 33.33, bestReward: 33.33 } });
    expect(await fingerprint()).toBe(before);
  });

  it("hostile statements are recorded, leave every other task's result unchanged and the databases intact", async () => {
    const items = await loadInterCodeSql(FIXTURES_DIR);
    const hostile = new Map<string, string>([
      [items[1].id, "R1 = Execute(DROP TABLE poker_player); R2 = Submit(DROP DATABASE poker_player)"],
      [items[2].id, "R1 = Submit(INSERT INTO people VALUES (99, 'X', 'Y', 'Z', 1))"],
      [items[3].id, "R1 = Execute(SET GLOBAL max_connections = 10); R2 = Execute(SET GLOBAL read_only = 1)"],
      [items[41].id, "R1 = Submit(SELECT SLEEP(1000))"],
      [items[42].id, "R1 = Submit(SELECT count(*) FROM Pets a, Pets b, Pets c, Pets d, Pets e, Pets f, Pets g, Pets h, Pets i, Pets j, Pets k, Pets l, Pets m, Pets n, Pets o, Pets p, Pets q, Pets r, Pets s)"],
      [items[43].id, "R1 = Execute(/*! DROP TABLE Pets */ SELECT 1); R2 = Submit(SELECT * INTO OUTFILE '/tmp/lumos-x' FROM Pets)"],
      [items[44].id, "R1 = Execute(SELECT 1; DROP TABLE Pets)"],
      [items[45].id, "R1 = Execute(CREATE TEMPORARY TABLE t (a INT)); R2 = Execute(LOCK TABLES Pets WRITE); R3 = Submit(SELECT * FROM Pets a, Pets b, Pets c, Pets d)"],
      [items[46].id, "R1 = Execute(SELECT info FROM information_schema.PROCESSLIST); R2 = Execute(SHOW FULL PROCESSLIST); R3 = Submit(SELECT REPEAT('x', 1000000) FROM Pets a, Pets b, Pets c, Pets d, Pets e)"],
    ]);
    const programs = new Map(items.map((item) => [item.id, interCodeSqlProgram(item)]));
    // the oracle's outputs, except for the hostile tasks' grounding lines
    const model: LumosModuleModel = {
      lumosModule: true,
      description: "oracle with hostile grounding",
      async generate(request: ModuleRequest) {
        const program = programs.get(request.taskId ?? "");
        if (!program) throw new Error("unknown task");
        const position = request.turns.filter((t) => t.role === "assistant").length;
        const line = request.module === "grounder" && hostile.has(program.id) ? hostile.get(program.id) : programOutputs(program, request.module, request.formulation)[position];
        return { prompt: promptTurns(request).map((t) => t.content).join("\n"), completion: line ?? "" };
      },
    };
    const before = await fingerprint();
    const clean = await evaluateWithRecords({ dataset: "intercode_sql", dataDir: FIXTURES_DIR, planner: "oracle", grounder: "oracle", outDir: out(), domainOptions: { sqlUrl: server.readerUrl } });
    for (const concurrency of [1, 8]) {
      const result = await evaluateWithRecords({
        dataset: "intercode_sql", dataDir: FIXTURES_DIR, planner: model, grounder: model, outDir: out(), concurrency,
        // a short statement limit and a small row cap keep the runaway queries short
        domainOptions: { sqlUrl: server.readerUrl, sqlStatementMs: 1_000 },
      });
      expect(result.records).toHaveLength(100);
      for (const [i, record] of result.records.entries()) {
        if (hostile.has(record.id)) {
          expect(record.correct, record.id).toBe(false);
          expect(record.actions.join("\n")).toMatch(/Error executing query: /);
        } else {
          expect(record.prediction, record.id).toBe(clean.records[i].prediction);
          expect(record.scores, record.id).toEqual(clean.records[i].scores);
        }
      }
      const actions = result.records.flatMap((r) => r.actions).join("\n");
      expect(actions).toMatch(/DROP is refused/);
      expect(actions).toMatch(/INSERT is refused/);
      expect(actions).toMatch(/SET is refused/);
      expect(actions).toMatch(/max_statement_time exceeded/);
      expect(actions).toMatch(/executable comments and optimizer hints/);
      expect(actions).toMatch(/writing query results to files is refused/);
      expect(actions).toMatch(/LOCK is refused/);
      expect(actions).toMatch(/other sessions and server internals/);
      // the 16 Mi-character cap, unless a loaded machine reaches the statement limit or the client's backstop first
      // (the cap itself is checked deterministically in "caps a result by rows and by characters")
      const flood = result.records.find((r) => r.id === items[46].id)!.actions.join("\n");
      expect(flood).toMatch(/more than 16777216 characters|max_statement_time exceeded|no result within 6000 ms/);
    }
    expect(await fingerprint()).toBe(before);
    expect(openEnvironmentCount()).toBe(0);
    const [connections] = await admin.query("SELECT count(*) AS n FROM information_schema.processlist WHERE user = 'lumos_reader'");
    // every task's session was closed
    expect((connections as { n: number }[])[0].n).toBe(0);
  }, 120_000);

  it("a statement without a result set is No output at once; a connection killed mid-statement is a connection failure", async () => {
    const session = await SqlSession.open({ host: "127.0.0.1", port: server.port, user: "lumos_reader" }, "shop");
    try {
      const started = Date.now();
      expect(await session.run("SELECT 1 INTO @x")).toEqual({ ok: true, rows: null });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await session.run("SELECT @x")).toEqual({ ok: true, rows: ["(1,)"] });
      const pending = session.run("SELECT SLEEP(5)");
      let thread: number | undefined;
      for (let i = 0; i < 50 && thread === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const [rows] = await admin.query("SELECT id FROM information_schema.processlist WHERE info = 'SELECT SLEEP(5)' AND user = 'lumos_reader'");
        thread = (rows as { id: number }[])[0]?.id;
      }
      const killedAt = Date.now();
      await admin.query(`KILL CONNECTION ${thread}`);
      const killed = await pending;
      expect(killed).toMatchObject({ ok: false, connection: true });
      expect(Date.now() - killedAt).toBeLessThan(3_000);
      // the next statement reconnects
      expect(await session.run("SELECT count(*) FROM item")).toEqual({ ok: true, rows: ["(4,)"] });
    } finally {
      await session.close();
    }
  });

  it("caps a result by rows and by characters, as errors", async () => {
    const session = await SqlSession.open({ host: "127.0.0.1", port: server.port, user: "lumos_reader" }, "shop", { maxBytes: 1_000, maxRows: 10 });
    try {
      // four rows of 600 characters: over the 1,000-character cap
      expect(await session.run("SELECT REPEAT('x', 600) FROM item")).toMatchObject({ ok: false, error: expect.stringMatching(/more than 1000 characters/) });
      // 16 rows: over the 10-row cap
      expect(await session.run("SELECT a.id FROM item a, item b")).toMatchObject({ ok: false, error: expect.stringMatching(/more than 10 rows/) });
      expect(await session.run("SELECT count(*) FROM item")).toEqual({ ok: true, rows: ["(4,)"] });
    } finally {
      await session.close();
    }
  });

  it("lumos score scores every line it can, and names the lines it cannot", async () => {
    const dataDir = out();
    mkdirSync(join(dataDir, "intercode_sql"));
    const tasks = [
      { db: "shop", query: "How many items?", gold: "SELECT count(*) FROM item", hardness: "easy", db_tables: {} },
      { db: "no_such_db", query: "q", gold: "SELECT 1", hardness: "easy", db_tables: {} },
    ];
    writeFileSync(join(dataDir, "intercode_sql", "ic_spider_dev.json"), JSON.stringify(tasks));
    const file = join(dataDir, "predictions.jsonl");
    writeFileSync(file, `${JSON.stringify({ id: "intercode-sql-0", prediction: "SELECT count(*) FROM item" })}\n${JSON.stringify({ id: "intercode-sql-1", prediction: "SELECT 1" })}\n`);
    const details = join(dataDir, "details.jsonl");
    const r = await runCli(["score", "--dataset", "intercode_sql", "--predictions", file, "--data-dir", dataDir, "--sql-url", server.readerUrl, "--details", details]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ scored: 2, scoringErrors: 1, percent: { success: 50 } });
    expect(r.stderr).toMatch(/1 line\(s\) could not be scored and count 0 \(line 2: cannot open database "no_such_db"/);
    expect(readFileSync(details, "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("lumos run --domain sql solves one task on the database --environment names", async () => {
    const models = await startScriptedServer(({ body }) => {
      const prompt = String(body.prompt);
      if (String(body.model) === "ground") return "R1 = Submit(SELECT name FROM item WHERE price > 10 ORDER BY name)";
      return turnIndex(prompt) === 0 ? "Subgoal 1: Find the names of the items dearer than 10." : "Yes, I will stop planning.";
    });
    try {
      const r = await runCli([
        "run", "--domain", "sql", "--sql-url", server.readerUrl, "--environment", '{"db": "shop"}', "--json",
        "--planner", `completion:plan@${models.url}`, "--grounder", `completion:ground@${models.url}`, "Which items cost more than 10?",
      ]);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.answer).toBe("SELECT name FROM item WHERE price > 10 ORDER BY name");
      expect(out.actions).toEqual(["R1 = Submit(SELECT name FROM item WHERE price > 10 ORDER BY name) = [('book',), ('lamp',)]"]);
      expect(String(models.requests.filter((q) => q.body.model === "plan")[1].body.prompt)).toContain("The executed result for Subgoal 1 is [('book',), ('lamp',)]. Should we stop planning?");
    } finally {
      await models.close();
    }
  });

  it("an unknown database or an unreachable server is a recorded environment error, and scoring says what is missing", async () => {
    const dataDir = out();
    mkdirSync(join(dataDir, "intercode_sql"));
    writeFileSync(join(dataDir, "intercode_sql", "ic_spider_dev.json"), JSON.stringify([{ db: "no_such_db", query: "q", gold: "SELECT 1", hardness: "easy", db_tables: {} }]));
    const result = await evaluateWithRecords({ dataset: "intercode_sql", dataDir, planner: "oracle", grounder: "oracle", outDir: out(), domainOptions: { sqlUrl: server.readerUrl } });
    expect(result.records[0].stopReason).toBe("environment_error");
    expect(result.records[0].error).toMatch(/cannot open database "no_such_db"/);
    // no server at all: the task cannot open its database, and it cannot be scored either (a scoring error
    // that --retry-errors runs again, never a silent 0)
    const closed = await evaluateWithRecords({ dataset: "intercode_sql", dataDir, planner: "oracle", grounder: "oracle", outDir: out(), domainOptions: { sqlUrl: "mysql://root@127.0.0.1:1" } });
    expect(closed.records[0].stopReason).toBe("environment_error");
    expect(closed.records[0].errors.map((e) => e.kind)).toEqual(["environment_error", "scoring_error"]);
    expect(closed.records[0].errors[1].message).toMatch(/could not be scored: .*cannot connect to the SQL server at 127.0.0.1:1/);
    const missing = await runCli(["eval", "--dataset", "intercode_sql", "--planner", "oracle", "--grounder", "oracle", "--data-dir", FIXTURES_DIR, "--out", join(out(), "x")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs a SQL server \(--sql-url\)/);
    const predictions = join(dataDir, "predictions.jsonl");
    writeFileSync(predictions, `${JSON.stringify({ id: "intercode-sql-0", prediction: "SELECT 1" })}\n`);
    const bad = await runCli(["score", "--dataset", "intercode_sql", "--predictions", predictions, "--data-dir", dataDir, "--sql-url", "postgres://x@127.0.0.1:1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sql-url "postgres:\/\/x@127.0.0.1:1" must start with mysql:\/\//);
    const none = await runCli(["score", "--dataset", "intercode_sql", "--predictions", predictions, "--data-dir", dataDir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/pass --sql-url/);
  });
});
