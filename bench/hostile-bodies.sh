#!/bin/bash
# Hostile bodies (issue 10, "Bounded input"). Not a test.
#
# Starts the packaged application with -Xmx512m on the benchmarks' own MariaDB (bench/own-mariadb.sh, bench/app.sh)
# and runs bench/hostile_bodies.py against it on 127.0.0.1: ten concurrent clients per body-taking endpoint send
# worst-case bodies for SECONDS (default 60) while four anonymous readers time the public register (API and page),
# after a baseline of the same reads alone. Reports the read latency of both phases, the statuses per endpoint, the
# load average, the application's peak resident memory, and whether an OutOfMemoryError or a 5xx happened.
#
#   bench/hostile-bodies.sh
#   SECONDS_UNDER_ATTACK=120 CLIENTS=10 bench/hostile-bodies.sh
#   BUILD_DIR=target-bench bench/hostile-bodies.sh    # build into (and run from) another build folder
set -eo pipefail
cd "$(dirname "$0")/.."
ATTACK_SECONDS=${SECONDS_UNDER_ATTACK:-60}
CLIENTS=${CLIENTS:-10}
BENCH_APP_HEAP=512m
BENCH_APP_DB=transparant_hostile_bodies
. bench/app.sh

started_db=
if ! bench/own-mariadb.sh status >/dev/null 2>&1; then
    bench/own-mariadb.sh start
    started_db=1
fi
sampler=
cleanup() {
    [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
    bench_stop_app
    if [ -n "$started_db" ]; then bench/own-mariadb.sh stop; fi
}
trap cleanup EXIT

bench_fresh_database
: >"$BENCH_LOG_DIR/app.log"
BENCH_APP_OPTS="-XX:+ExitOnOutOfMemoryError" bench_start_app
echo "Application up (pid $BENCH_APP_PID, heap 512 MB); attacking for $ATTACK_SECONDS s with $CLIENTS clients per endpoint" >&2

# the application's resident memory once a second, in kB
(while kill -0 "$BENCH_APP_PID" 2>/dev/null; do ps -o rss= -p "$BENCH_APP_PID"; sleep 1; done) >"$BENCH_LOG_DIR/rss.txt" &
sampler=$!

timeout $((ATTACK_SECONDS * 2 + 600)) python3 bench/hostile_bodies.py --url "$BENCH_APP_URL" --seconds "$ATTACK_SECONDS" \
    --clients "$CLIENTS" | tee "$BENCH_LOG_DIR/hostile-bodies.json"

alive=no
if curl -fsS "$BENCH_APP_URL/actuator/health" >/dev/null 2>&1; then alive=yes; fi
echo "application still up: $alive"
echo "peak resident memory: $(sort -n "$BENCH_LOG_DIR/rss.txt" | tail -1 | awk '{printf "%d MB", $1/1024}')"
echo "OutOfMemoryError in the log: $(grep -c 'OutOfMemoryError' "$BENCH_LOG_DIR/app.log" || true)"
echo "unexpected errors (500) in the log: $(grep -c 'Unexpected error' "$BENCH_LOG_DIR/app.log" || true)"
