#!/bin/bash
# The first search after a publication, at 10,000 and 100,000 entries (issue 14). Not a test.
#
# For each size: seeds a MariaDB database with that many published entries (RegisterSeeder, as
# bench/register-benchmark.sh does; reused when already full), starts the packaged application on it (profile mariadb,
# the local demo accounts) and runs bench/first_search.py: the node's first search and the heap its index takes, warm
# searches, the first search after a publication through the review on this node, and searches while the node catches
# up with a version "another node" wrote straight into the database. Prints the figures and the load average.
#
#   bench/first-search.sh                          # 10,000 and 100,000 entries
#   SIZES="10000" bench/first-search.sh
#   BENCH_SKIP_BUILD=1 bench/first-search.sh       # reuse the build folder as it is
#   BENCH_BASELINE_JAR=/tmp/old/transparant.jar bench/first-search.sh   # the same measurements on an earlier build too
#
# Databases: ${BENCH_DB_PREFIX}_<size> on BENCH_DB_SERVER (default the local MariaDB on 3306). The application runs with
# -Xmx${BENCH_APP_HEAP} (default 1g, as in the read benchmark) on BENCH_PORT (default 18180).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000"}
HEAP=${BENCH_APP_HEAP:-1g}
PORT=${BENCH_PORT:-18180}
DB_PREFIX=${BENCH_DB_PREFIX:-transparant_first_search}
DB_SERVER=${BENCH_DB_SERVER:-jdbc:mariadb://127.0.0.1:3306/}
ROUNDS=${ROUNDS:-3}
BUILD_DIR=${BUILD_DIR:-target}
MVN=(mvn -B -q -Dbuild.dir="$BUILD_DIR" ${MVN_FLAGS:-})

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    "${MVN[@]}" -DskipTests -Dmdep.skip=true package
    "${MVN[@]}" -Dmdep.skip=true test-compile
fi
if [ ! -f "$BUILD_DIR/bench-classpath.txt" ]; then
    "${MVN[@]}" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" -Dmdep.includeScope=test
fi
CLASSPATH_BENCH="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")"
JAR=$(ls "$BUILD_DIR"/transparant-*.jar | grep -v original | head -1)

WORK=$(mktemp -d /tmp/first-search.XXXXXX)
APP_PID=
cleanup() {
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
# copies, so that a build running meanwhile cannot change the jar under the running application
cp "$JAR" "$WORK/transparant.jar"
TARGETS=("this build=$WORK/transparant.jar")
if [ -n "${BENCH_BASELINE_JAR:-}" ]; then
    cp "$BENCH_BASELINE_JAR" "$WORK/baseline.jar"
    TARGETS+=("earlier build=$WORK/baseline.jar")
fi

echo "== $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $SIZES; do
    db="${DB_PREFIX}_$size"
    # the measurements publish entries of their own: a database left by an earlier run no longer holds exactly $size
    listed=$(mysql -N -uroot -h127.0.0.1 -e "select count(*) from $db.register_listing" 2>/dev/null || echo 0)
    if [ "$listed" != "0" ] && [ "$listed" != "$size" ]; then
        echo "== $db holds $listed entries from an earlier run: dropped"
        mysql -uroot -h127.0.0.1 -e "drop database $db"
    fi
    echo "== Seeding $size entries into $db"
    java -cp "$CLASSPATH_BENCH" nl.transparant.register.RegisterSeeder "$DB_SERVER" "$db" "$size" 2>&1 | grep -Ev 'DEBUG|INFO'
    for target in "${TARGETS[@]}"; do
        label="${target%%=*}"
        jar="${target#*=}"
        echo "== $label, $size entries: starting the application on port $PORT (-Xmx$HEAP)"
        TRANSPARANT_DB_URL="${DB_SERVER}${db}?nullDatabaseMeansCurrent=true" \
            java -Xms"$HEAP" -Xmx"$HEAP" -jar "$jar" --spring.profiles.active=mariadb --server.port="$PORT" \
            >"$WORK/app-$size.log" 2>&1 &
        APP_PID=$!
        for _ in $(seq 1 600); do
            if curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; then break; fi
            if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the application stopped:"; tail -50 "$WORK/app-$size.log"; exit 1; fi
            sleep 1
        done
        echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
        python3 bench/first_search.py --url "http://127.0.0.1:$PORT" --pid "$APP_PID" --db "$db" --rounds "$ROUNDS" \
            --label "[$label, $size]"
        echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
        grep -o "Loaded the register's listing.*" "$WORK/app-$size.log" | sed 's/^/   /' || true
        kill "$APP_PID"
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=
    done
done
