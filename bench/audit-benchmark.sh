#!/bin/sh
# Decision log benchmark (issue 5): verification of 1,000,000 records (in memory and in MariaDB) and the
# timeline of a case with 500 events, each next to a baseline measured in the same run. Not a test.
#
#   bench/audit-benchmark.sh                      # MariaDB at 127.0.0.1:3306, root without password
#   BENCH_DB_SERVER=none bench/audit-benchmark.sh # in memory only
#
# The first run loads 1,000,000 records into the database transparant_audit_bench (about a minute); later runs
# reuse them. BUILD_DIR chooses Maven's build folder (default target).
set -e
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-target}
mvn -B -q -Dbuild.dir="$BUILD_DIR" -Dmdep.skip=true test-compile
mvn -B -q -Dbuild.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" -Dmdep.includeScope=test
exec java -Xms3g -Xmx3g -cp "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")" \
    nl.transparant.audit.AuditBenchmark
