#!/bin/sh
# Workflow throughput (issue 6): complete review cycles per second through the HTTP API with 1, 4 and 16 concurrent
# clients, next to a bare Camunda engine running the same BPMN on the same MariaDB, measured alternately in the same
# run. Not a test. Uses its own MariaDB on port 3307 (bench/own-mariadb.sh), which it leaves running.
#
#   bench/workflow-throughput.sh
#   BENCH_SECONDS=15 BENCH_RUNS=3 BENCH_CLIENTS=1,4,16 bench/workflow-throughput.sh   # the defaults
#   BENCH_APP_OPTS=-XX:StartFlightRecording=filename=target/bench/app.jfr bench/workflow-throughput.sh  # profile the app
set -e
cd "$(dirname "$0")/.."
. bench/app.sh
bench/own-mariadb.sh start
CLASSPATH_FOR_BENCH=$(bench_test_classpath)
bench_jar >/dev/null
bench_fresh_database
trap bench_stop_app EXIT
bench_start_app
BENCH_APP_URL=$BENCH_APP_URL BENCH_DB_SERVER="jdbc:mariadb://127.0.0.1:$BENCH_DB_PORT/" \
    java -Xmx512m -cp "$CLASSPATH_FOR_BENCH" nl.transparant.workflow.WorkflowThroughputBenchmark
