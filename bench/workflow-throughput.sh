#!/bin/sh
# Workflow throughput (issue 6): complete review cycles per second through the HTTP API with 1, 4 and 16 concurrent
# clients, next to a bare Camunda engine running the same BPMN on the same MariaDB, measured alternately in the same
# run. Not a test. Uses its own MariaDB on port 3307 (bench/own-mariadb.sh), which it leaves running.
#
#   bench/workflow-throughput.sh
#   BENCH_SECONDS=15 BENCH_RUNS=3 BENCH_CLIENTS=1,4,16 bench/workflow-throughput.sh   # the defaults
#   BENCH_APP_OPTS=-XX:StartFlightRecording=filename=target/bench/app.jfr bench/workflow-throughput.sh  # profile the app
#   BENCH_BASELINE_JAR=/tmp/old/target/transparant.jar BENCH_BASELINE_DIR=/tmp/old bench/workflow-throughput.sh
#       # also an earlier build, in the same run, with the processes and policies of its checkout (/tmp/old)
#   BENCH_BASELINE_JAR=target/transparant.jar BENCH_UNDER_TEST_OPTS=-Dsome.setting=true bench/workflow-throughput.sh
#       # a setting tried against the same build: the options go to the build under test only
#   BENCH_BARE_JDBC_OPTIONS= BENCH_BARE_FEEL=stock bench/workflow-throughput.sh
#       # the bare engine as it comes: the driver's defaults and Camunda's FEEL engine. By default it has the driver
#       # options of the application's mariadb profile and the application's FEEL engine (expressions parsed once), so
#       # that the ratio is the application's own work around the engine, not a setting either side could have
#   BENCH_PROFILE_CYCLES=20 BENCH_PROFILE_LOG=/tmp/cycles.log [BENCH_PROFILE_TARGET=bare] bench/workflow-throughput.sh
#       # only 20 cycles one after the other (after 5 to warm up), of the application or the bare engine, with MariaDB's
#       # general log of them in that file: what one cycle costs in SQL
#
# With BENCH_BASELINE_JAR a second application (that jar, on port BENCH_APP_PORT + 1 and its own database) runs
# alternately with the other two, so a change is measured against its predecessor under the same machine load.
# They are warmed up in turn, round by round, until the rate of every one is steady (4 s rounds with 4 clients, at least
# 10, until the last three of each differ by less than 5 % and are not still rising; at most 60): each gets as many rounds
# as the slowest needs, so none is measured half-warm. Then each is left without cycles until its JVM is idle (its JIT
# compilers done: under 50 ms of CPU per second, at most 180 s); the report ends with one line per client count saying whether
# the aim (within 1.5x of the bare engine) is met.
set -e
cd "$(dirname "$0")/.."
. bench/app.sh
bench/own-mariadb.sh start
CLASSPATH_FOR_BENCH=$(bench_test_classpath)
bench_jar >/dev/null
bench_fresh_database
BASELINE_PID=
stop_all() {
    bench_stop_app
    if [ -n "$BASELINE_PID" ]; then kill "$BASELINE_PID" 2>/dev/null && wait "$BASELINE_PID" 2>/dev/null || true; fi
}
trap stop_all EXIT
BASELINE_URL=
if [ -n "$BENCH_BASELINE_JAR" ]; then
    baseline_port=$((BENCH_APP_PORT + 1))
    bench_sql "DROP DATABASE IF EXISTS ${BENCH_APP_DB}_baseline; CREATE DATABASE ${BENCH_APP_DB}_baseline CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    bench_start_app "$BENCH_BASELINE_JAR" "$baseline_port" "${BENCH_APP_DB}_baseline" "${BENCH_BASELINE_DIR:-.}"
    BASELINE_PID=$BENCH_APP_PID
    BASELINE_URL="http://127.0.0.1:$baseline_port"
fi
bench_start_app
# their pids, so that the CPU per cycle of each (and of MariaDB) is reported next to the rates
BENCH_APP_PID=$BENCH_APP_PID BENCH_BASELINE_APP_PID=$BASELINE_PID BENCH_DB_PID=$(cat "${BENCH_DB_DIR:-/tmp/transparant-bench-mariadb}/mariadb.pid") \
BENCH_APP_URL=$BENCH_APP_URL BENCH_BASELINE_APP_URL=$BASELINE_URL BENCH_DB_SERVER="jdbc:mariadb://127.0.0.1:$BENCH_DB_PORT/" \
    java -Xmx512m -cp "$CLASSPATH_FOR_BENCH" nl.transparant.workflow.WorkflowThroughputBenchmark
