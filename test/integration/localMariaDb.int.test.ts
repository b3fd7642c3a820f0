/** A private MariaDB server from the system's binaries: start, dumps, table-name case, stop, and `lumos sql-server`. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnection } from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { findMariaDbBinaries } from "../../src/sql/binaries.js";
import { LocalDatabaseError, mariaDbInitialized, startLocalMariaDb } from "../../src/sql/localServer.js";
import { runCli } from "../helpers/cli.js";
import { itWithFullData } from "../helpers/datasets.js";
import { describeWithMariaDb, startTestMariaDb } from "../helpers/mariadb.js";
import { startProcess } from "../helpers/processes.js";

const BIN = fileURLToPath(new URL("../../bin/lumos.js", import.meta.url));

// upper-case table and column names, as the InterCode-SQL dump creates them (AIRPORTS, queried as Airports)
const SHOP_DUMP = `
CREATE DATABASE shop;
USE shop;
CREATE TABLE PRODUCTS (ID INT PRIMARY KEY, Name TEXT, Price INT);
INSERT INTO PRODUCTS VALUES (1, 'kettle', 30), (2, 'teapot', 25), (3, 'mug', 8);
`;

const scratch = mkdtempSync(join(tmpdir(), "lumos-mariadb-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query(sql);
    return rows as unknown[];
  } finally {
    await connection.end();
  }
}

describe("finding MariaDB binaries", () => {
  it("prefers mariadbd and mariadb-install-db, and reports none in empty directories", () => {
    const dir = join(scratch, "bin");
    mkdirSync(dir);
    for (const name of ["mysqld", "mariadbd", "mysql_install_db"]) {
      writeFileSync(join(dir, name), "#!/bin/sh\n");
      chmodSync(join(dir, name), 0o755);
    }
    writeFileSync(join(dir, "mariadb-install-db"), "not executable");
    expect(findMariaDbBinaries(dir, [])).toEqual({ server: join(dir, "mariadbd"), installDb: join(dir, "mysql_install_db") });
    expect(findMariaDbBinaries(join(scratch, "nowhere"), [])).toBeUndefined();
  });
});

describe("lumos sql-server usage errors", () => {
  it("names a missing dump file (exit 2)", async () => {
    const r = await runCli(["sql-server", "--data-dir", join(scratch, "no-data")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`dump file not found: ${join(scratch, "no-data", "intercode_sql", "ic_spider_dbs.sql")}`);
    expect((await runCli(["sql-server", "--port", "70000", "--no-dump"])).code).toBe(2);
  });
});

describeWithMariaDb("local MariaDB server", () => {
  it("loads a dump, answers in any table-name case, keeps files in its own directory, and stops cleanly", async () => {
    const db = await startTestMariaDb([{ sql: SHOP_DUMP }]);
    try {
      expect(db.url).toBe(`mysql://root@127.0.0.1:${db.port}`);
      expect(db.initialized).toBe(true);
      expect(alive(db.pid)).toBe(true);
      expect(await query(db.url, "SELECT Name, Price FROM shop.PRODUCTS ORDER BY ID")).toEqual([
        { Name: "kettle", Price: 30 },
        { Name: "teapot", Price: 25 },
        { Name: "mug", Price: 8 },
      ]);
      expect(await query(db.url, "SELECT COUNT(*) AS n FROM Shop.Products WHERE price < 26")).toEqual([{ n: 2 }]);
      // file functions are confined to an empty directory of the server's own
      const [settings] = (await query(db.url, "SELECT @@secure_file_priv AS dir, LOAD_FILE('/etc/hostname') AS file")) as Array<{ dir: string; file: unknown }>;
      expect(settings.dir.startsWith(db.dataDir)).toBe(true);
      expect(settings.file).toBeNull();
    } finally {
      await db.stop();
    }
    expect(alive(db.pid)).toBe(false);
    expect(existsSync(db.dataDir)).toBe(false);
    await db.stop(); // idempotent
  });

  it("keeps a persistent data directory: the dump is loaded once", async () => {
    const dataDir = join(scratch, "persistent");
    const dump = join(scratch, "shop.sql");
    writeFileSync(dump, SHOP_DUMP);
    const first = await startLocalMariaDb({ dataDir, dumps: [dump] });
    try {
      expect(first.initialized).toBe(true);
      await query(first.url, "INSERT INTO shop.products VALUES (4, 'spoon', 2)");
    } finally {
      await first.stop();
    }
    expect(mariaDbInitialized(dataDir)).toBe(true);
    // loading the dump again would fail (CREATE DATABASE shop exists): it is not loaded
    const second = await startLocalMariaDb({ dataDir, dumps: [dump] });
    try {
      expect(second.initialized).toBe(false);
      expect(await query(second.url, "SELECT COUNT(*) AS n FROM shop.products")).toEqual([{ n: 4 }]);
    } finally {
      await second.stop();
    }
    expect(existsSync(join(dataDir, "db"))).toBe(true);
  });

  it("fails the start on a failing dump and leaves no half-made database", async () => {
    const dataDir = join(scratch, "broken");
    const dump = join(scratch, "broken.sql");
    writeFileSync(dump, `${SHOP_DUMP}\nINSERT INTO no_such_table VALUES (1);\n`);
    const error = await startLocalMariaDb({ dataDir, dumps: [dump] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalDatabaseError);
    expect((error as Error).message).toMatch(/loading .*broken\.sql failed: .*no_such_table/);
    expect(mariaDbInitialized(dataDir)).toBe(false);
  });

  itWithFullData(["intercode_sql/ic_spider_dbs.sql"], "loads the whole InterCode-SQL dump: 20 databases, tables in any case", async (dataDir) => {
    const dump = join(dataDir, "intercode_sql", "ic_spider_dbs.sql");
    const expected = [...readFileSync(dump, "utf8").matchAll(/CREATE DATABASE\s+IF NOT EXISTS `(\w+)`/g)].map((m) => m[1].toLowerCase());
    expect(expected).toHaveLength(20);
    const db = await startTestMariaDb([dump]);
    try {
      const databases = ((await query(db.url, "SHOW DATABASES")) as Array<{ Database: string }>).map((r) => r.Database);
      expect(databases).toEqual(expect.arrayContaining(expected));
      // the dump creates AIRPORTS; gold queries write Airports
      expect(await query(db.url, "SELECT COUNT(*) AS n FROM flight_2.Airports")).toEqual([{ n: 100 }]);
    } finally {
      await db.stop();
    }
  });

  it("lumos sql-server prints a ready line, serves connections, and stops the server on SIGTERM", async () => {
    const cli = startProcess(process.execPath, [BIN, "sql-server", "--no-dump"], { env: { LUMOS_DEBUG: "" } });
    try {
      const deadline = Date.now() + 30_000;
      let ready: RegExpExecArray | null = null;
      while (!(ready = /MariaDB ready: --sql-url (mysql:\/\/lumos_reader@127\.0\.0\.1:\d+) \(pid (\d+); mysql:\/\/root@127\.0\.0\.1:\d+ for administration\); Ctrl-C stops it\n/.exec(cli.output()))) {
        if (cli.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ready line:\n${cli.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const [, url, pid] = ready;
      expect(await query(url, "SELECT 1 + 1 AS two")).toEqual([{ two: 2 }]);
      // the reader may not read the server's own tables or files
      await expect(query(url, "SELECT user FROM mysql.user")).rejects.toThrow(/denied/);
      await cli.stop();
      expect(cli.child.exitCode).toBe(0);
      expect(cli.output()).toContain("stopped");
      expect(alive(Number(pid))).toBe(false);
    } finally {
      await cli.stop();
    }
  });
});
