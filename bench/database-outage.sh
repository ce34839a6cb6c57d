#!/bin/sh
# Database outage (issue 6): stop MariaDB for 30 s while 8 clients create and submit cases, start it again, and see
# what the application answered before, during and after (by status code, and the slowest answer in each phase: a
# request that waits longer than the clients' 35 s counts as "timeout"), whether it recovers by itself, and whether
# every acknowledged creation and submission is still there. Not a test.
#
# It stops and starts only the benchmarks' own MariaDB (bench/own-mariadb.sh, port 3307), never the machine's.
#
#   bench/database-outage.sh
#   BENCH_OUTAGE_SECONDS=30 BENCH_BEFORE_SECONDS=20 BENCH_AFTER_SECONDS=40 bench/database-outage.sh   # the defaults
set -e
cd "$(dirname "$0")/.."
BENCH_APP_DB=${BENCH_APP_DB:-transparant_bench_outage}
. bench/app.sh
OUTAGE=${BENCH_OUTAGE_SECONDS:-30}
BEFORE=${BENCH_BEFORE_SECONDS:-20}
AFTER=${BENCH_AFTER_SECONDS:-40}
ACKS="$BENCH_LOG_DIR/outage-acks.jsonl"
RESPONSES="$BENCH_LOG_DIR/outage-responses.jsonl"
rm -f "$ACKS" "$RESPONSES"
: >"$BENCH_LOG_DIR/app.log"

bench/own-mariadb.sh start
bench_jar >/dev/null
bench_fresh_database
trap 'bench_stop_app; bench/own-mariadb.sh start' EXIT
bench_start_app
echo "application ready; 8 clients for $BEFORE s, MariaDB stopped for $OUTAGE s, then $AFTER s more"

python3 bench/load.py submit --url "$BENCH_APP_URL" --count 1000000 --clients 8 --acks "$ACKS" --log "$RESPONSES" \
    --timeout 35 --pause-on-failure 0.2 --duration $((BEFORE + OUTAGE + AFTER)) &
LOAD_PID=$!
sleep "$BEFORE"
OUTAGE_START=$(date +%s.%N)
bench/own-mariadb.sh stop
echo "MariaDB stopped"
sleep "$OUTAGE"
bench/own-mariadb.sh start
OUTAGE_END=$(date +%s.%N)
echo "MariaDB started again after $(echo "$OUTAGE_END - $OUTAGE_START" | bc) s"
wait "$LOAD_PID"

python3 bench/load.py timeline --log "$RESPONSES" --outage-start "$OUTAGE_START" --outage-end "$OUTAGE_END"
echo "application still running: $(kill -0 "$BENCH_APP_PID" 2>/dev/null && echo yes || echo no); health: $(curl -s "$BENCH_APP_URL/actuator/health")"
python3 bench/load.py check --url "$BENCH_APP_URL" --acks "$ACKS" --continue 3
