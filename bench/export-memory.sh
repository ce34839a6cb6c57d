#!/bin/bash
# Register export memory check (issue 6, "Memory"). Not a test.
#
# Seeds ENTRIES (default 100,000) published entries into the MariaDB database BENCH_DB_NAME (default
# transparant_export_bench; every fifth entry has two versions; RegisterSeeder, reused when already full), starts
# the application with a heap of HEAP (default 256m) and a GC log, and downloads the four register exports
# (CSV and JSON dump, current entries and full history) in full with curl. For each: status, size, time, rows
# found against rows in the database, and as a baseline measured in the same run the time MariaDB alone takes to
# hand over the same rows to its command-line client. At the end: the peak heap in use (from the GC log) and
# whether any OutOfMemoryError occurred.
#
# The English files (algoritmeregister-eng.csv / -eng.json / -historie-eng.csv / -historie-eng.json) are downloaded
# too; with BENCH_ENGLISH=1 every version is first given English texts (three of its eleven texts, so the files
# really merge two JSON documents per row). FILES picks files by name; BUILD_DIR builds into another folder.
#
#   bench/export-memory.sh
#   ENTRIES=20000 HEAP=128m BENCH_SKIP_BUILD=1 bench/export-memory.sh
#   BUILD_DIR=target-b BENCH_ENGLISH=1 FILES="algoritmeregister-eng.csv algoritmeregister.csv" bench/export-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${ENTRIES:-100000}
HEAP=${HEAP:-256m}
DB=${BENCH_DB_NAME:-transparant_export_bench}
DB_SERVER=${BENCH_DB_SERVER:-jdbc:mariadb://127.0.0.1:3306/}
BUILD_DIR=${BUILD_DIR:-target}
FILES=${FILES:-algoritmeregister.csv algoritmeregister-historie.csv algoritmeregister.json algoritmeregister-historie.json \
algoritmeregister-eng.csv algoritmeregister-historie-eng.csv algoritmeregister-eng.json algoritmeregister-historie-eng.json}

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    mvn -B -q -Dbuild.dir="$BUILD_DIR" -DskipTests -Dmdep.skip=true package
    mvn -B -q -Dbuild.dir="$BUILD_DIR" -Dmdep.skip=true test-compile
fi
mvn -B -q -Dbuild.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" -Dmdep.includeScope=test
JAR=$(ls "$BUILD_DIR"/transparant-*.jar | grep -v original | head -1)

WORK=$(mktemp -d /tmp/export-memory.XXXXXX)
APP_PID=
cleanup() {
    if [ -n "$APP_PID" ]; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
# a copy, so that a build running meanwhile cannot change the jar under the running application
cp "$JAR" "$WORK/transparant.jar"
JAR="$WORK/transparant.jar"

echo "== Seeding $ENTRIES entries into $DB"
java -cp "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")" nl.transparant.register.RegisterSeeder \
    "$DB_SERVER" "$DB" "$ENTRIES" 2>&1 | grep -Ev 'DEBUG|INFO'
if [ -n "${BENCH_ENGLISH:-}" ]; then
    echo "== Giving every version English texts"
    mysql -uroot -h127.0.0.1 "$DB" -e "update published_entry set english_fields = json_object('name',
        concat('English name of ', lars, ' v', version_number), 'description_short', 'An English short description.',
        'goal', '<p>The English purpose and impact of this algorithm.</p>')"
fi
CURRENT_ROWS=$(mysql -N -uroot -h127.0.0.1 "$DB" -e "select count(*) from register_listing")
HISTORY_ROWS=$(mysql -N -uroot -h127.0.0.1 "$DB" -e "select count(*) from published_entry")

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "== Starting the application with -Xmx$HEAP on port $PORT"
TRANSPARANT_DB_URL="${DB_SERVER}${DB}?nullDatabaseMeansCurrent=true" \
    java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" --spring.profiles.active=mariadb --server.port="$PORT" \
    >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; then break; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        echo "the application stopped:" >&2
        tail -50 "$WORK/app.log" >&2
        exit 1
    fi
    sleep 1
done
HEAP_AT_START=$(python3 - "$WORK/gc.log" <<'EOF'
import re, sys
peak = 0
for line in open(sys.argv[1]):
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        peak = max(peak, int(m.group(1)))
print(peak)
EOF
)

count_rows() {
    python3 - "$1" "$2" <<'EOF'
import csv, json, sys
kind, path = sys.argv[1], sys.argv[2]
if kind == "csv":
    with open(path, newline="", encoding="utf-8") as f:
        print(sum(1 for _ in csv.reader(f)) - 1)
else:
    with open(path, encoding="utf-8") as f:
        print(len(json.load(f)["algoritme_versions"]))
EOF
}

failed=0
GC_LINES=$(wc -l <"$WORK/gc.log")
echo "== Downloading the exports"
printf '   %-34s %6s %14s %9s %9s %11s %11s\n' "file" "status" "bytes" "seconds" "rows" "expected" "db only (s)"
for file in $FILES; do
    case "$file" in
        *historie-eng*) expected=$HISTORY_ROWS; query="select fields, version_number, english_fields from published_entry order by lars, version_number" ;;
        *historie*) expected=$HISTORY_ROWS; query="select fields, version_number from published_entry order by lars, version_number" ;;
        *eng*) expected=$CURRENT_ROWS; query="select e.fields, e.version_number, e.english_fields from register_listing l join published_entry e on e.id = l.entry_id order by l.sort_name, l.lars" ;;
        *) expected=$CURRENT_ROWS; query="select e.fields, e.version_number from register_listing l join published_entry e on e.id = l.entry_id order by l.sort_name, l.lars" ;;
    esac
    started=$(date +%s.%N)
    mysql -N -uroot -h127.0.0.1 --quick "$DB" -e "$query" >/dev/null
    db_seconds=$(echo "$(date +%s.%N) - $started" | bc)
    # curl's exit code tells a complete transfer (0) from one the server ended early (18: a chunked body cut off)
    set +e
    result=$(curl -s -o "$WORK/$file" -w '%{http_code} %{size_download} %{time_total}' "http://127.0.0.1:$PORT/register/downloads/$file")
    curl_exit=$?
    set -e
    read -r status bytes seconds <<<"$result"
    rows=$(count_rows "${file##*.}" "$WORK/$file" 2>/dev/null || echo "unreadable")
    complete=$([ "$curl_exit" = 0 ] && [ "$rows" = "$expected" ] && echo complete || echo "CUT OFF (curl exit $curl_exit)")
    # the heap while this file streamed: the collections logged since the previous file
    heap=$(python3 - "$WORK/gc.log" "${GC_LINES:-0}" <<'EOF'
import re, sys
lines = open(sys.argv[1]).read().splitlines()[int(sys.argv[2]):]
sizes = [(int(m.group(1)), int(m.group(2))) for m in (re.search(r"(\d+)M->(\d+)M\((\d+)M\)", l) for l in lines) if m]
print(f"heap peak {max(b for b, _ in sizes)} MB, after GC {min(a for _, a in sizes)}-{max(a for _, a in sizes)} MB" if sizes else "no GC")
EOF
)
    GC_LINES=$(wc -l <"$WORK/gc.log")
    printf '   %-34s %6s %14s %9.1f %9s %11s %11.1f  %s; %s\n' "$file" "$status" "$bytes" "$seconds" "$rows" "$expected" "$db_seconds" "$complete" "$heap"
    [ "$complete" = complete ] || failed=1
    rm -f "$WORK/$file"
done

echo
python3 - "$WORK/gc.log" "$HEAP" "$HEAP_AT_START" <<'EOF'
import re, sys
peak, after, collections, full = 0, 0, 0, 0
for line in open(sys.argv[1]):
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        collections += 1
        peak = max(peak, int(m.group(1)))
        after = max(after, int(m.group(2)))
        full += "Pause Full" in line
print(f"   heap: -Xmx{sys.argv[2]}; peak in use {peak} MB (at start-up {sys.argv[3]} MB); most live after a collection {after} MB;"
      f" {collections} collections, {full} full")
EOF
if grep -q OutOfMemoryError "$WORK/app.log" "$WORK/gc.log"; then
    echo "   OutOfMemoryError: YES"
    grep -m3 OutOfMemoryError "$WORK/app.log" || true
    exit 1
fi
if ! kill -0 "$APP_PID" 2>/dev/null; then
    echo "   the application is no longer running"
    exit 1
fi
echo "   OutOfMemoryError: none; the application is still running"
exit "$failed"
