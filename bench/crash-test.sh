#!/bin/sh
# Crash test (issue 6): SIGKILL the application in the middle of a load of 1,000 submissions (create + submit a case,
# 8 concurrent clients), start it again, and check that every submission that got a success response is there with
# its process waiting at the pre-scan, that processes go on (5 cases are taken on to publication), and that the
# decision log verifies (`java -jar … --verify-audit-log`). Not a test. Uses its own MariaDB on port 3307.
#
#   bench/crash-test.sh                      # kill after 300 acknowledged submissions
#   BENCH_KILL_AFTER=500 bench/crash-test.sh
set -e
cd "$(dirname "$0")/.."
BENCH_APP_DB=${BENCH_APP_DB:-transparant_bench_crash}
. bench/app.sh
KILL_AFTER=${BENCH_KILL_AFTER:-300}
ACKS="$BENCH_LOG_DIR/crash-acks.jsonl"
rm -f "$ACKS"
: >"$BENCH_LOG_DIR/app.log"

bench/own-mariadb.sh start
bench_jar >/dev/null
bench_fresh_database
trap bench_stop_app EXIT
bench_start_app
echo "application ready (pid $BENCH_APP_PID); 1,000 submissions with 8 clients, SIGKILL after $KILL_AFTER acknowledged"

python3 bench/load.py submit --url "$BENCH_APP_URL" --count 1000 --clients 8 --acks "$ACKS" --timeout 30 &
LOAD_PID=$!
acknowledged() {
    n=$(grep -c "\"$1\"" "$ACKS" 2>/dev/null || true)
    echo "${n:-0}"
}
while [ "$(acknowledged submitted)" -lt "$KILL_AFTER" ]; do
    if ! kill -0 "$LOAD_PID" 2>/dev/null; then echo "the load ended before the kill" >&2; exit 1; fi
    sleep 0.05
done
kill -9 "$BENCH_APP_PID"
echo "SIGKILL sent at $(date -u +%H:%M:%S.%N | cut -c1-12) with $(acknowledged submitted) submissions acknowledged"
wait "$BENCH_APP_PID" 2>/dev/null || true
BENCH_APP_PID=
wait "$LOAD_PID"
echo "load finished: $(acknowledged created) creations and $(acknowledged submitted) submissions acknowledged in all"

bench_start_app
echo "application restarted"
python3 bench/load.py check --url "$BENCH_APP_URL" --acks "$ACKS" --continue 5 && CHECK=0 || CHECK=$?

echo "decision log:"
SPRING_PROFILES_ACTIVE=mariadb TRANSPARANT_DB_URL=$(bench_db_url) TRANSPARANT_DB_USER=root TRANSPARANT_DB_PASSWORD= \
    java -jar "$(bench_jar)" --verify-audit-log && VERIFY=0 || VERIFY=$?
echo "orphans (cases at the pre-scan without a running process): $(bench_sql "SELECT COUNT(*) FROM $BENCH_APP_DB.algorithm_case c
    WHERE c.stage = 'PRE_SCAN' AND NOT EXISTS (SELECT 1 FROM $BENCH_APP_DB.ACT_RU_EXECUTION e WHERE e.BUSINESS_KEY_ = c.id)")"
if [ "$CHECK" -ne 0 ] || [ "$VERIFY" -ne 0 ]; then
    echo "CRASH TEST FAILED (check $CHECK, verify $VERIFY)"
    exit 1
fi
echo "crash test passed"
