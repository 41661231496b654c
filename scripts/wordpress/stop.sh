#!/usr/bin/env bash
# Stops the end-to-end WordPress started by setup.sh (the data folder stays for the next run).
STATE=${WP_E2E_STATE:-/tmp/wp-extract-e2e}
# php -S with PHP_CLI_SERVER_WORKERS forks its workers: stop them with their parent.
if [ -f "$STATE/php.pid" ]; then
  pkill -P "$(cat "$STATE/php.pid")" 2>/dev/null
  kill "$(cat "$STATE/php.pid")" 2>/dev/null
fi
mariadb-admin --socket="$STATE/mysqld.sock" shutdown 2>/dev/null
rm -f "$STATE/php.pid"
exit 0
