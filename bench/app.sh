# Shared by the bench scripts (sourced, not run): the packaged application as a separate JVM on the benchmarks' own
# MariaDB (bench/own-mariadb.sh), in the production profile `mariadb` with the local demo accounts (HTTP Basic).
#
# BENCH_APP_PORT (default 18080), BENCH_APP_DB (default transparant_bench_app), BENCH_APP_HEAP (default 512m),
# BENCH_APP_OPTS (extra JVM options, e.g. a flight recording) and BENCH_DB_PORT (default 3307) choose the set-up;
# BUILD_DIR Maven's build folder (default target), so a benchmark can run while another build uses target/.

BENCH_APP_PORT=${BENCH_APP_PORT:-18080}
BENCH_APP_DB=${BENCH_APP_DB:-transparant_bench_app}
BENCH_DB_PORT=${BENCH_DB_PORT:-3307}
BENCH_APP_URL="http://127.0.0.1:$BENCH_APP_PORT"
BUILD_DIR=${BUILD_DIR:-target}
BENCH_LOG_DIR=${BENCH_LOG_DIR:-$BUILD_DIR/bench}
mkdir -p "$BENCH_LOG_DIR"

bench_jar() {
    jar=$(ls "$BUILD_DIR"/transparant-*.jar 2>/dev/null | head -n 1)
    if [ -z "$jar" ]; then
        mvn -B -q -o -Dbuild.dir="$BUILD_DIR" package -DskipTests >&2
        jar=$(ls "$BUILD_DIR"/transparant-*.jar | head -n 1)
    fi
    echo "$jar"
}

bench_sql() {
    mariadb --no-defaults -h 127.0.0.1 -P "$BENCH_DB_PORT" -u root -N -B -e "$1"
}

bench_fresh_database() {
    bench_sql "DROP DATABASE IF EXISTS $BENCH_APP_DB; CREATE DATABASE $BENCH_APP_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
}

bench_db_url() {
    echo "jdbc:mariadb://127.0.0.1:$BENCH_DB_PORT/$BENCH_APP_DB?nullDatabaseMeansCurrent=true"
}

# Starts the application in the background (its pid in BENCH_APP_PID) and waits until it is ready. Optionally another
# build of it: bench_start_app JAR PORT DATABASE [FOLDER] (used for a same-run comparison with an earlier version;
# FOLDER holds the processes/ and policies/ that build reads, default the current one).
bench_start_app() {
    jar=${1:-$(bench_jar)}
    port=${2:-$BENCH_APP_PORT}
    db_url=$(bench_db_url)
    if [ -n "$3" ]; then db_url=$(echo "$db_url" | sed "s|/$BENCH_APP_DB?|/$3?|"); fi
    # an earlier build reads the processes and policies of its own checkout (BENCH_BASELINE_DIR): today's BPMN may
    # name checks that build does not have
    # options for the build under test only, not for an earlier build beside it (a setting tried against the same build)
    under_test_opts=
    if [ -z "$3" ]; then under_test_opts=$BENCH_UNDER_TEST_OPTS; fi
    log="$(cd "$BENCH_LOG_DIR" && pwd)/app${3:+-$3}.log"
    jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
    (cd "${4:-.}" && SPRING_PROFILES_ACTIVE=mariadb TRANSPARANT_DB_URL=$db_url TRANSPARANT_DB_USER=root TRANSPARANT_DB_PASSWORD= \
        exec java -Xmx"${BENCH_APP_HEAP:-512m}" $BENCH_APP_OPTS $under_test_opts -jar "$jar" --server.port="$port" \
        --transparant.demo-data=false >>"$log" 2>&1) &
    BENCH_APP_PID=$!
    for _ in $(seq 1 600); do
        if curl -fsS "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then return 0; fi
        if ! kill -0 "$BENCH_APP_PID" 2>/dev/null; then
            echo "The application stopped during start; see $BENCH_LOG_DIR/app.log" >&2
            return 1
        fi
        sleep 0.5
    done
    echo "The application did not become ready in 300 s; see $BENCH_LOG_DIR/app.log" >&2
    return 1
}

bench_stop_app() {
    if [ -n "$BENCH_APP_PID" ] && kill -0 "$BENCH_APP_PID" 2>/dev/null; then
        kill "$BENCH_APP_PID"
        wait "$BENCH_APP_PID" 2>/dev/null || true
    fi
    BENCH_APP_PID=
}

# The test classes and their class path, for the Java drivers in src/test/java.
bench_test_classpath() {
    mvn -B -q -o -Dbuild.dir="$BUILD_DIR" test-compile >&2
    mvn -B -q -o -Dbuild.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" \
        -Dmdep.includeScope=test >&2
    echo "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")"
}
