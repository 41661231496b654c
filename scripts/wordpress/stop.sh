#!/usr/bin/env bash
# Stops the end-to-end WordPress started by setup.sh (the data folder stays for the next run).
STATE=${WP_E2E_STATE:-/tmp/wp-extract-e2e}
[ -f "$STATE/php.pid" ] && kill "$(cat "$STATE/php.pid")" 2>/dev/null
mariadb-admin --socket="$STATE/mysqld.sock" shutdown 2>/dev/null
rm -f "$STATE/php.pid"
exit 0
