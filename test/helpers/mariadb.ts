/**
 * Tests against a real MariaDB server (started from the system's binaries by src/sql/localServer.ts).
 *
 * - `describeWithMariaDb` / `itWithMariaDb`: skipped, with one printed line saying why and how to install, when no
 *   server binaries are found (`npm test` first runs scripts/install-mariadb.sh, which installs them where it can).
 * - `startTestMariaDb(dumps)`: a server with its own temporary data directory for one test file; call `stop()` in
 *   afterAll (a server left running is killed when the test process exits, but stopping frees the port at once).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { MARIADB_INSTALL_HINT, mariaDbAvailable } from "../../src/sql/binaries.js";
import { startLocalMariaDb, type LocalMariaDb } from "../../src/sql/localServer.js";

export const MARIADB_AVAILABLE = mariaDbAvailable();

/** Set by CI (`.ci/run`): a machine without MariaDB fails these tests instead of skipping them. */
export const REQUIRE_MARIADB_ENV = "LUMOS_REQUIRE_MARIADB";
const REQUIRED = Boolean(process.env[REQUIRE_MARIADB_ENV]);

/** A failing stand-in for skipped tests when MariaDB is required but missing. */
function missingServer(name: string): void {
  it(`${name}: needs MariaDB`, () => {
    throw new Error(`${REQUIRE_MARIADB_ENV} is set but no mariadbd/mysqld was found (scripts/install-mariadb.sh runs before npm test); ${MARIADB_INSTALL_HINT}`);
  });
}

let reported = false;
function reportSkip(name: string): void {
  if (MARIADB_AVAILABLE || reported) return;
  reported = true;
  console.warn(
    `MariaDB tests skipped ("${name}" and the rest of this file): no mariadbd or mysqld found. To run them, install ` +
      "mariadb-server (`apt-get install mariadb-server`, `brew install mariadb`); `npm test` does so itself as root with apt-get.",
  );
}

export function describeWithMariaDb(name: string, fn: () => void): void {
  if (!MARIADB_AVAILABLE && REQUIRED) return missingServer(name);
  reportSkip(name);
  describe.skipIf(!MARIADB_AVAILABLE)(name, fn);
}

export function itWithMariaDb(name: string, fn: () => Promise<void> | void, timeout?: number): void {
  if (!MARIADB_AVAILABLE && REQUIRED) return missingServer(name);
  reportSkip(name);
  it.skipIf(!MARIADB_AVAILABLE)(name, fn, timeout);
}

/** A dump given inline: written to a temporary file for the server to load. */
export interface InlineDump {
  sql: string;
}

/** Starts a server loaded with `dumps` (file paths or inline SQL, in order) in a temporary data directory. */
export async function startTestMariaDb(dumps: ReadonlyArray<string | InlineDump> = []): Promise<LocalMariaDb> {
  const inline = dumps.some((d) => typeof d !== "string") ? mkdtempSync(join(tmpdir(), "lumos-test-dump-")) : undefined;
  try {
    const files = dumps.map((d, i) => {
      if (typeof d === "string") return d;
      const file = join(inline!, `dump-${i}.sql`);
      writeFileSync(file, d.sql);
      return file;
    });
    return await startLocalMariaDb({ dumps: files });
  } finally {
    if (inline !== undefined) rmSync(inline, { recursive: true, force: true });
  }
}
