/**
 * Finding a local MariaDB (or MySQL) installation: the server and the script that creates a data directory.
 * Distributions put the server in sbin directories, which are often not in a normal user's PATH, so those are
 * searched as well.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { processEnvironment } from "../config.js";

/** Starting or using a local database failed: the message says why (and, for missing binaries, how to install). */
export class LocalDatabaseError extends Error {
  override name = "LocalDatabaseError";
}

/** No MariaDB/MySQL server binaries were found; a setup problem rather than a failure while running. */
export class MariaDbNotFoundError extends LocalDatabaseError {
  override name = "MariaDbNotFoundError";
}

export const MARIADB_INSTALL_HINT =
  "install MariaDB (Debian/Ubuntu: `sudo apt-get install mariadb-server`; macOS: `brew install mariadb`), or run it in " +
  "Docker: `docker run -d --name lumos-mariadb -p 127.0.0.1:3307:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 " +
  "mariadb:10.11 --lower_case_table_names=1`, load the dump with `docker exec -i lumos-mariadb mariadb -uroot < ic_spider_dbs.sql` " +
  "and pass --sql-url mysql://root@127.0.0.1:3307";

const EXTRA_DIRS = ["/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin"];

export interface MariaDbBinaries {
  /** mariadbd or mysqld. */
  server: string;
  /** mariadb-install-db or mysql_install_db (it finds its own support files, relocated installs included). */
  installDb: string;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findExecutable(names: readonly string[], dirs: readonly string[]): string | undefined {
  for (const name of names) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (executable(file)) return file;
    }
  }
  return undefined;
}

/** The server and install script from PATH (or `searchPath`) plus the usual sbin directories, or undefined. */
export function findMariaDbBinaries(
  searchPath: string | undefined = processEnvironment().PATH,
  extraDirs: readonly string[] = EXTRA_DIRS,
): MariaDbBinaries | undefined {
  const dirs = [...new Set([...(searchPath ?? "").split(delimiter).filter(Boolean), ...extraDirs])];
  // MariaDB names first: on hosts with both, the mysql* names may belong to an unrelated MySQL
  const server = findExecutable(["mariadbd", "mysqld"], dirs);
  const installDb = findExecutable(["mariadb-install-db", "mysql_install_db"], dirs);
  return server === undefined || installDb === undefined ? undefined : { server, installDb };
}

/** Whether a local MariaDB server can be started here (tests skip on false). */
export function mariaDbAvailable(): boolean {
  return findMariaDbBinaries() !== undefined;
}

/** The binaries, or a MariaDbNotFoundError that says how to install them. */
export function requireMariaDbBinaries(): MariaDbBinaries {
  const found = findMariaDbBinaries();
  if (found === undefined) {
    throw new MariaDbNotFoundError(`no MariaDB server found (mariadbd or mysqld and mariadb-install-db, in PATH or ${EXTRA_DIRS.join(", ")}): ${MARIADB_INSTALL_HINT}`);
  }
  return found;
}
