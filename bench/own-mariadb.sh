#!/bin/sh
# A MariaDB instance of the benchmarks' own (default port 3307, data in /tmp/transparant-bench-mariadb), so that the
# fault tests can stop and start it without touching the machine's MariaDB on 3306.
#
#   bench/own-mariadb.sh start|stop|status
#
# BENCH_DB_PORT and BENCH_DB_DIR choose the port and the folder; BENCH_DB_OPTS adds server options, e.g.
# --performance-schema=ON to see which statements take the server's time (events_statements_summary_by_digest). root has no password, over TCP on 127.0.0.1 only.
set -e
PORT=${BENCH_DB_PORT:-3307}
DIR=${BENCH_DB_DIR:-/tmp/transparant-bench-mariadb}
SOCKET="$DIR/mariadb.sock"
PIDFILE="$DIR/mariadb.pid"

running() {
    [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

case "$1" in
start)
    if running; then exit 0; fi
    if [ ! -d "$DIR/data/mysql" ]; then
        mkdir -p "$DIR"
        mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$DIR/data" \
            --auth-root-authentication-method=normal --skip-test-db >"$DIR/install.log" 2>&1
    fi
    # READ-COMMITTED as in production; a buffer pool that fits next to two application nodes on a small machine
    mariadbd --no-defaults --user="$(id -un)" --datadir="$DIR/data" --port="$PORT" --bind-address=127.0.0.1 \
        --socket="$SOCKET" --pid-file="$PIDFILE" --log-error="$DIR/error.log" \
        --transaction-isolation=READ-COMMITTED --innodb-buffer-pool-size=512M --max-connections=300 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci $BENCH_DB_OPTS >/dev/null 2>&1 &
    for _ in $(seq 1 60); do
        if mariadb --no-defaults -h 127.0.0.1 -P "$PORT" -u root -e 'SELECT 1' >/dev/null 2>&1; then exit 0; fi
        sleep 0.5
    done
    echo "MariaDB on port $PORT did not start; see $DIR/error.log" >&2
    exit 1
    ;;
stop)
    if running; then
        pid=$(cat "$PIDFILE")
        kill "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    ;;
status)
    if running; then echo "running (pid $(cat "$PIDFILE"), port $PORT)"; else echo "stopped"; exit 1; fi
    ;;
*)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
