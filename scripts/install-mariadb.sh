#!/usr/bin/env bash
# Run by `npm test` (pretest): makes sure a MariaDB server binary exists for the InterCode-SQL tests, which start
# private servers of their own (the system service is never used or started). Never fails the test run: where it
# cannot install, it says how and the MariaDB tests are skipped.
set -uo pipefail

IFS=: read -ra path_dirs <<< "${PATH:-}"
for dir in "${path_dirs[@]}" /usr/sbin /usr/local/sbin /usr/local/mysql/bin; do
  if [ -x "$dir/mariadbd" ] || [ -x "$dir/mysqld" ]; then exit 0; fi
done

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-mariadb: installing mariadb-server with apt-get (for the InterCode-SQL tests)..."
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null; then exit 0; fi
  echo "install-mariadb: apt-get could not install mariadb-server; the MariaDB tests will be skipped (CI, which sets LUMOS_REQUIRE_MARIADB, fails them instead)."
  exit 0
fi

echo "install-mariadb: no mariadbd found, so the MariaDB tests will be skipped; install it with \`sudo apt-get install mariadb-server\` (Debian/Ubuntu) or \`brew install mariadb\` (macOS)."
exit 0
