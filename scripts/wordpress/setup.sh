#!/usr/bin/env bash
# Starts a real WordPress for the end-to-end tests, from Debian's packages, on 127.0.0.1, and
# installs Hugo and Jekyll (Debian's too) for the static site builds.
# Idempotent: installs what is missing, reuses a running database and server, seeds once.
# Needs root (apt-get, and MariaDB run as root in a private data folder).
#
#   bash scripts/wordpress/setup.sh          # then: cat /tmp/wp-extract-e2e/env
#   bash scripts/wordpress/stop.sh
#
# Writes $STATE/env with WP_E2E_URL and WP_E2E_AUTH (an application password) for the tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
STATE=${WP_E2E_STATE:-/tmp/wp-extract-e2e}
PORT=${WP_E2E_PORT:-8089}
SOCKET=$STATE/mysqld.sock
mkdir -p "$STATE"

# WordPress, and the static site generators the folders are built with (test/e2e/sites.test.ts).
if ! dpkg -s wordpress php-cli php-mysql mariadb-server hugo jekyll ruby-jekyll-redirect-from parallel >/dev/null 2>&1; then
  echo "setup: installing wordpress, php-cli, php-mysql, mariadb-server, hugo, jekyll, jekyll-redirect-from, parallel" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordpress php-cli php-mysql mariadb-server hugo jekyll ruby-jekyll-redirect-from parallel >/dev/null
fi

# MariaDB in a private data folder, on a socket only.
if ! mariadb-admin --socket="$SOCKET" ping >/dev/null 2>&1; then
  if [ ! -d "$STATE/db/mysql" ]; then
    mariadb-install-db --datadir="$STATE/db" --user=root --auth-root-authentication-method=socket >"$STATE/install-db.log" 2>&1
  fi
  (mariadbd --datadir="$STATE/db" --socket="$SOCKET" --skip-networking --user=root \
    --pid-file="$STATE/mysqld.pid" --log-error="$STATE/mysqld.log" >/dev/null 2>&1 &)
  for _ in $(seq 1 100); do
    mariadb-admin --socket="$SOCKET" ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb-admin --socket="$SOCKET" ping >/dev/null
fi
mariadb --socket="$SOCKET" -u root <<SQL
CREATE DATABASE IF NOT EXISTS wpextract;
CREATE USER IF NOT EXISTS 'wpextract'@'localhost' IDENTIFIED BY 'wpextract';
GRANT ALL ON wpextract.* TO 'wpextract'@'localhost';
SQL

# The site's configuration: Debian's wp-config.php reads /etc/wordpress/config-<host>.php.
mkdir -p "$STATE/wp-content/mu-plugins" "$STATE/wp-content/uploads"
cp "$here/mu-plugin.php" "$STATE/wp-content/mu-plugins/wp-extract-e2e.php"
cat >/etc/wordpress/config-127.0.0.1.php <<PHP
<?php
define('DB_NAME', 'wpextract');
define('DB_USER', 'wpextract');
define('DB_PASSWORD', 'wpextract');
define('DB_HOST', 'localhost:$SOCKET');
define('WP_CONTENT_DIR', '$STATE/wp-content');
define('WP_CONTENT_URL', 'http://127.0.0.1:$PORT/wp-content');
define('WP_HOME', 'http://127.0.0.1:$PORT');
define('WP_SITEURL', 'http://127.0.0.1:$PORT');
// Application passwords need HTTPS or a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
PHP

# php -S on 127.0.0.1, with a router that serves wp-content from the private folder.
if ! curl -fsS -o /dev/null "http://127.0.0.1:$PORT/?rest_route=/" 2>/dev/null; then
  # Several PHP workers (PHP 7.4+ on Linux), so that concurrent requests are served at once,
  # as a real server would: the benchmark crawls at concurrency 1, 4 and 8.
  (WP_E2E_CONTENT="$STATE/wp-content" PHP_CLI_SERVER_WORKERS="${WP_E2E_PHP_WORKERS:-8}" php -S "127.0.0.1:$PORT" -t /usr/share/wordpress "$here/router.php" \
    >"$STATE/php.log" 2>&1 & echo $! >"$STATE/php.pid")
  for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/wp-login.php" 2>/dev/null && break
    sleep 0.2
  done
fi

HTTP_HOST=127.0.0.1 WP_E2E_STATE="$STATE" php "$here/seed.php" >"$STATE/seed.log"
cat "$STATE/seed.log" >&2
echo "setup: WordPress at http://127.0.0.1:$PORT/ (state in $STATE)" >&2
