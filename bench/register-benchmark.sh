#!/bin/bash
# Register read benchmark (issue 4, "Speed"). Not a test.
#
# Seeds ENTRIES (default 10,000) published Dutch-language entries into the MariaDB database BENCH_DB_NAME
# (default transparant_register_bench; RegisterSeeder, reused when already full), starts the application
# (profile mariadb) and loads it on loopback with wrk (CONNECTIONS, default 64), next to two ceilings measured in
# the same run over the same response bytes:
#   - nginx serving the bytes from disk;
#   - a bare Spring MVC endpoint (bench.BareSpringCeiling: Tomcat + Spring MVC only) serving them from memory;
# and the public read path through nginx proxy_cache in front of the application (published versions carry strong
# ETags and a one-year Cache-Control), against nginx's static figure for the same bytes, and against the same
# proxy_cache in front of nginx itself serving those bytes with the application's headers: what a cache hit costs nginx
# whoever is behind it, so that the application's share of the gap to the static figure is seen on its own.
#
#   bench/register-benchmark.sh                 # 3 runs of 10 s per target
#   RUNS=5 DURATION=20s bench/register-benchmark.sh
#   BENCH_SKIP_BUILD=1 bench/register-benchmark.sh   # reuse the build folder as it is
#   BUILD_DIR=target-x bench/register-benchmark.sh   # build into (and run from) another build folder
#   BENCH_BASELINE_JAR=/tmp/old/transparant.jar bench/register-benchmark.sh  # also an earlier build, in the same run
#
# Each target is warmed up until its rate is steady: short runs (WARMUP_STEP, default 3s), at least WARMUP_MIN_ROUNDS
# (default 5), until the last three lie within 5 % of their mean without rising (at most WARMUP_MAX_ROUNDS, default 25),
# so that no figure mixes cold and warm code. The report ends
# with the ratios and one line per aim of issue 14, met or not. With BENCH_BASELINE_JAR a second application (that jar,
# on the same database) is measured round-robin with the rest, and the report gives this build's rates as a share of it.
#
# Targets are measured round-robin (run 1 of each, then run 2 of each, ...) so that the machine's noise falls on
# all of them alike; the report gives medians of the runs. nginx runs as this script's own process on a free port,
# with its config, pid and cache in a temporary folder, and is stopped at the end with everything else started here.
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${ENTRIES:-10000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DB=${BENCH_DB_NAME:-transparant_register_bench}
DB_SERVER=${BENCH_DB_SERVER:-jdbc:mariadb://127.0.0.1:3306/}
# every entry by default: with a sample the application's prepared answers of only those are ever asked for
SAMPLE=${SAMPLE:-$ENTRIES}
# the versions through the caches: nginx keeps every file it serves open (open_file_cache), four per version here (the
# file, its two cached copies, the detail's file), within the shell's limit of open files
VERSION_SAMPLE=${VERSION_SAMPLE:-1000}
WARMUP_STEP=${WARMUP_STEP:-3s}
WARMUP_MIN_ROUNDS=${WARMUP_MIN_ROUNDS:-5}
WARMUP_MAX_ROUNDS=${WARMUP_MAX_ROUNDS:-25}
# the build folder (mvn -Dbuild.dir), so that the benchmark can run beside another build of the same checkout
BUILD_DIR=${BUILD_DIR:-target}
MVN=(mvn -B -q -Dbuild.dir="$BUILD_DIR" ${MVN_FLAGS:-})

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    apt-get install -y wrk nginx >/dev/null
fi

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
    "${MVN[@]}" -DskipTests -Dmdep.skip=true package
    "${MVN[@]}" -Dmdep.skip=true test-compile
fi
"${MVN[@]}" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" -Dmdep.includeScope=test
CLASSPATH_BENCH="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")"
JAR=$(ls "$BUILD_DIR"/transparant-*.jar | grep -v original | head -1)

WORK=$(mktemp -d /tmp/register-benchmark.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
    if [ -s "$WORK/nginx-error.log" ]; then
        echo "== nginx's error log (last lines)"
        tail -5 "$WORK/nginx-error.log"
    fi
    if [ -f "$WORK/nginx.pid" ]; then
        kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    fi
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
# a copy, so that a build running meanwhile cannot change the jar under the running application
cp "$JAR" "$WORK/transparant.jar"
JAR="$WORK/transparant.jar"
if [ -n "${BENCH_BASELINE_JAR:-}" ]; then
    cp "$BENCH_BASELINE_JAR" "$WORK/baseline.jar"
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for() {
    for _ in $(seq 1 600); do
        if curl -sf -o /dev/null "$1"; then return 0; fi
        sleep 1
    done
    echo "not up: $1" >&2
    exit 1
}

echo "== Seeding $ENTRIES entries into $DB"
java -cp "$CLASSPATH_BENCH" nl.transparant.register.RegisterSeeder "$DB_SERVER" "$DB" "$ENTRIES" 2>&1 | grep -Ev 'DEBUG|INFO'

APP_PORT=$(free_port)
echo "== Starting the application on port $APP_PORT"
TRANSPARANT_DB_URL="${DB_SERVER}${DB}?nullDatabaseMeansCurrent=true" \
    java -Xms1g -Xmx1g -jar "$JAR" --spring.profiles.active=mariadb --server.port="$APP_PORT" >"$WORK/app.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$APP_PORT/actuator/health"
if [ -n "${BENCH_BASELINE_JAR:-}" ]; then
    BASELINE_PORT=$(free_port)
    echo "== Starting the earlier build ($BENCH_BASELINE_JAR) on port $BASELINE_PORT, on the same database"
    TRANSPARANT_DB_URL="${DB_SERVER}${DB}?nullDatabaseMeansCurrent=true" \
        java -Xms1g -Xmx1g -jar "$WORK/baseline.jar" --spring.profiles.active=mariadb --server.port="$BASELINE_PORT" \
        >"$WORK/baseline.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$BASELINE_PORT/actuator/health"
fi

echo "== Fetching the response bytes of $SAMPLE entries"
mkdir -p "$WORK/www/detail" "$WORK/www/version"
mysql -N -uroot -h127.0.0.1 "$DB" -e "select lars from register_listing order by rand(7) limit $SAMPLE" >"$WORK/ids"
: >"$WORK/curl.cfg"
while read -r id; do
    printf 'url = "http://127.0.0.1:%s/api/algoritme/NLD/%s"\noutput = "%s/www/detail/%s"\n' "$APP_PORT" "$id" "$WORK" "$id" >>"$WORK/curl.cfg"
done <"$WORK/ids"
head -n "$VERSION_SAMPLE" "$WORK/ids" >"$WORK/version-ids"
while read -r id; do
    printf 'url = "http://127.0.0.1:%s/api/public/algorithms/%s/versions/1"\noutput = "%s/www/version/%s"\n' "$APP_PORT" "$id" "$WORK" "$id" >>"$WORK/curl.cfg"
done <"$WORK/version-ids"
curl -sf --no-progress-meter -Z --parallel-max 8 -K "$WORK/curl.cfg"
DETAIL_BYTES=$(cat "$WORK"/www/detail/* | wc -c)
VERSION_BYTES=$(cat "$WORK"/www/version/* | wc -c)
sed 's|^|/detail/|' "$WORK/ids" >"$WORK/paths-static-detail"
sed 's|^|/bare/|' "$WORK/ids" >"$WORK/paths-bare"
sed 's|^|/api/algoritme/NLD/|' "$WORK/ids" >"$WORK/paths-app-detail"
sed 's|^|/version/|' "$WORK/version-ids" >"$WORK/paths-static-version"
sed 's|^\(.*\)$|/api/public/algorithms/\1/versions/1|' "$WORK/version-ids" >"$WORK/paths-cached-version"
echo "/register" >"$WORK/paths-overview"

BARE_PORT=$(free_port)
echo "== Starting the bare Spring MVC ceiling on port $BARE_PORT"
java -Xms1g -Xmx1g -cp "$CLASSPATH_BENCH" bench.BareSpringCeiling "$WORK/www/detail" --server.port="$BARE_PORT" >"$WORK/bare.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$BARE_PORT/bare/$(head -1 "$WORK/ids")"

STATIC_PORT=$(free_port)
CACHE_PORT=$(free_port)
CEILING_UPSTREAM_PORT=$(free_port)
CEILING_CACHE_PORT=$(free_port)
# the application's own headers on a published version (all but those nginx writes itself), for nginx's copy of it
curl -sf -D- -o /dev/null "http://127.0.0.1:$APP_PORT/api/public/algorithms/$(head -1 "$WORK/ids")/versions/1" | tr -d '\r' \
    | grep -Eiv '^(HTTP/|date:|content-length:|content-type:|etag:|connection:|keep-alive:|transfer-encoding:|$)' \
    | sed -E 's/^([^:]+): (.*)$/        add_header \1 "\2";/' >"$WORK/app-headers.conf"
mkdir -p "$WORK/cache" "$WORK/ceiling-cache" "$WORK/temp"
chmod 777 "$WORK/cache" "$WORK/ceiling-cache" "$WORK/temp"
cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    # file descriptors of the files served (the static files and proxy_cache's entries alike) stay open between requests
    open_file_cache max=15000 inactive=60s;
    open_file_cache_valid 60s;
    default_type application/json;
    client_body_temp_path $WORK/temp/body;
    proxy_temp_path $WORK/temp/proxy;
    fastcgi_temp_path $WORK/temp/fastcgi;
    uwsgi_temp_path $WORK/temp/uwsgi;
    scgi_temp_path $WORK/temp/scgi;
    proxy_cache_path $WORK/cache levels=1:2 keys_zone=register:20m max_size=1g inactive=1h use_temp_path=off;
    proxy_cache_path $WORK/ceiling-cache levels=1:2 keys_zone=ceiling:20m max_size=1g inactive=1h use_temp_path=off;
    upstream transparant { server 127.0.0.1:$APP_PORT; keepalive 64; }
    # the same bytes as the application's responses, from disk
    server {
        listen 127.0.0.1:$STATIC_PORT;
        root $WORK/www;
    }
    # the public read path through a cache in front of the application; it keeps what Cache-Control allows
    server {
        listen 127.0.0.1:$CACHE_PORT;
        location / {
            proxy_pass http://transparant;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_cache register;
            proxy_cache_lock on;
            # an expired "latest" address is revalidated with its ETag (a 304 from the application) while the cache
            # keeps serving the copy it has; published versions carry a year's max-age and never expire here
            proxy_cache_revalidate on;
            proxy_cache_use_stale updating;
            proxy_cache_background_update on;
            add_header X-Cache-Status \$upstream_cache_status;
        }
    }
    # the ceiling of the cached path: nginx serving the same bytes with the application's headers, and the same cache
    upstream static_with_app_headers { server 127.0.0.1:$CEILING_UPSTREAM_PORT; keepalive 64; }
    server {
        listen 127.0.0.1:$CEILING_UPSTREAM_PORT;
        root $WORK/www;
        include $WORK/app-headers.conf;
    }
    server {
        listen 127.0.0.1:$CEILING_CACHE_PORT;
        location / {
            proxy_pass http://static_with_app_headers;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_cache ceiling;
            proxy_cache_lock on;
            proxy_cache_revalidate on;
            proxy_cache_use_stale updating;
            proxy_cache_background_update on;
            add_header X-Cache-Status \$upstream_cache_status;
        }
    }
}
EOF
echo "== Starting nginx on ports $STATIC_PORT (static) and $CACHE_PORT (proxy_cache)"
nginx -c "$WORK/nginx.conf" -p "$WORK"
wait_for "http://127.0.0.1:$STATIC_PORT/detail/$(head -1 "$WORK/ids")"
# fill the cache once; the benchmark then measures the cached path
sed "s|^|http://127.0.0.1:$CACHE_PORT|" "$WORK/paths-cached-version" | sed 's|^|url = "|; s|$|"\noutput = "/dev/null"|' >"$WORK/warm.cfg"
curl -sf --no-progress-meter -Z --parallel-max 8 -K "$WORK/warm.cfg"
sed "s|^|http://127.0.0.1:$CEILING_CACHE_PORT|" "$WORK/paths-static-version" | sed 's|^|url = "|; s|$|"\noutput = "/dev/null"|' >"$WORK/warm-ceiling.cfg"
curl -sf --no-progress-meter -Z --parallel-max 8 -K "$WORK/warm-ceiling.cfg"
cached=$(curl -s -D- -o /dev/null "http://127.0.0.1:$CACHE_PORT$(head -1 "$WORK/paths-cached-version")" | tr -d '\r' | grep -i '^X-Cache-Status' || true)
ceiling=$(curl -s -D- -o /dev/null "http://127.0.0.1:$CEILING_CACHE_PORT$(head -1 "$WORK/paths-static-version")" | tr -d '\r' | grep -i '^X-Cache-Status' || true)
echo "   cache after warm-up: $cached; nginx's copy: $ceiling ($(wc -l <"$WORK/app-headers.conf") headers of the application's)"

cat >"$WORK/paths.lua" <<'EOF'
-- GET over a list of paths (first argument), each thread starting at a different place
local paths = {}
local i = 0
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
function init(args)
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
    i = (id or 1) * 397 % #paths
end
function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
EOF
cat >"$WORK/search.lua" <<'EOF'
-- POST /api/algoritme/NLD with one of several Dutch searches, the national register's parameters
local searches = {"parkeervergunning", "afval route", "bijstand", "woz taxeren", "zonnepanelen", "verkeer kruispunt",
    "schulden", "woo anonimiseren", "bomen", "waterpeil", "delft", "evenementenvergunning", "wmo", "leerlingenvervoer",
    "facturen controle", "meldingen openbare ruimte", "winkelbezoek", "gemeente westland", "sensoren", "pilot"}
local i = 0
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
function init(args)
    i = (id or 1) * 7 % #searches
end
function request()
    i = i % #searches + 1
    local body = '{"searchtext":"' .. searches[i] .. '","page":1,"limit":10}'
    return wrk.format("POST", "/api/algoritme/NLD", {["Content-Type"] = "application/json"}, body)
end
EOF

cat >"$WORK/varied-search.lua" <<'EOF'
-- POST /api/algoritme/NLD with questions that seldom repeat: one or two words (or a word and an organisation), a page
-- of 1 to 5, 10 or 20 entries, one of the five orders; about 80,000 different questions, so that a search is not
-- mostly a look-up of an answer kept from before
local words = {"parkeervergunning", "parkeren", "kenteken", "meldingen", "straat", "onderhoud", "afval", "container",
    "route", "woz", "taxatie", "belasting", "bijstand", "uitkering", "inkomen", "schulden", "vroegsignalering", "woo",
    "anonimiseren", "documenten", "zonnepanelen", "energie", "luchtfoto", "verkeer", "drukte", "kruispunt", "leerlingen",
    "vervoer", "wmo", "zorg", "hulpmiddel", "bomen", "groen", "water", "peil", "evenement", "veiligheid", "winkels",
    "bezoekers", "facturen"}
local organisations = {"Gemeente Zoetermeer", "Gemeente Nissewaard", "Gemeente Delft", "Gemeente Westland",
    "Gemeente Schiedam", "BAR-organisatie", "GGD Haaglanden"}
local sorts = {"relevance", "name_asc", "name_desc", "publication_dt_desc", "publication_dt_asc"}
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
function init(args)
    math.randomseed(1000 + (id or 1))
end
function request()
    local text = words[math.random(#words)]
    local filter = ""
    local r = math.random(3)
    if r == 1 then
        text = text .. " " .. words[math.random(#words)]
    elseif r == 2 then
        filter = ',"organisation":"' .. organisations[math.random(#organisations)] .. '"'
    end
    local body = '{"searchtext":"' .. text .. '"' .. filter .. ',"page":' .. math.random(5) .. ',"limit":'
        .. (math.random(2) * 10) .. ',"sort_option":"' .. sorts[math.random(#sorts)] .. '"}'
    return wrk.format("POST", "/api/algoritme/NLD", {["Content-Type"] = "application/json"}, body)
end
EOF

# name|base URL|script|script argument
TARGETS=(
    "detail: nginx static|http://127.0.0.1:$STATIC_PORT|paths.lua|$WORK/paths-static-detail"
    "detail: bare Spring MVC|http://127.0.0.1:$BARE_PORT|paths.lua|$WORK/paths-bare"
    "detail: application|http://127.0.0.1:$APP_PORT|paths.lua|$WORK/paths-app-detail"
    "search: application|http://127.0.0.1:$APP_PORT|search.lua|-"
    "search, varied: application|http://127.0.0.1:$APP_PORT|varied-search.lua|-"
    "overview page: application|http://127.0.0.1:$APP_PORT|paths.lua|$WORK/paths-overview"
    "version: nginx static|http://127.0.0.1:$STATIC_PORT|paths.lua|$WORK/paths-static-version"
    "version: nginx proxy_cache|http://127.0.0.1:$CACHE_PORT|paths.lua|$WORK/paths-cached-version"
    "version: proxy_cache of nginx|http://127.0.0.1:$CEILING_CACHE_PORT|paths.lua|$WORK/paths-static-version"
)
if [ -n "${BENCH_BASELINE_JAR:-}" ]; then
    TARGETS+=(
        "detail: earlier build|http://127.0.0.1:$BASELINE_PORT|paths.lua|$WORK/paths-app-detail"
        "search: earlier build|http://127.0.0.1:$BASELINE_PORT|search.lua|-"
        "search, varied: earlier build|http://127.0.0.1:$BASELINE_PORT|varied-search.lua|-"
        "overview page: earlier build|http://127.0.0.1:$BASELINE_PORT|paths.lua|$WORK/paths-overview"
    )
fi

echo "== Warming up until steady (runs of $WARMUP_STEP; at least $WARMUP_MIN_ROUNDS, then until the last three lie within 5 % of"
echo "   their mean and do not rise, at most $WARMUP_MAX_ROUNDS)"
: >"$WORK/warmup"
for target in "${TARGETS[@]}"; do
    IFS='|' read -r name url script arg <<<"$target"
    steady=no
    rates=""
    for round in $(seq 1 "$WARMUP_MAX_ROUNDS"); do
        rate=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP_STEP" --timeout 30s -s "$WORK/$script" "$url" -- "$arg" \
            | awk '/^Requests\/sec:/ {print $2}')
        rates="$rates ${rate:-0}"
        # the JIT keeps compiling long after the first rounds look alike (the rate doubled between measured runs with a
        # "two rounds within 10 %" rule): three rounds in a band, the last not above the first by more than the band
        if [ "$round" -ge "$WARMUP_MIN_ROUNDS" ] && python3 -c '
import sys
r = [float(x) for x in sys.argv[1:]][-3:]
m = sum(r) / 3
sys.exit(0 if m > 0 and max(r) - min(r) < 0.05 * m and r[-1] - r[0] < 0.025 * m else 1)' $rates; then
            steady="after $round rounds"
            break
        fi
    done
    [ "$steady" = no ] && steady="NOT steady after $WARMUP_MAX_ROUNDS rounds"
    printf '   %-30s %s (req/s:%s)\n' "$name" "$steady" "$rates" | tee -a "$WORK/warmup"
done

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== Measuring: $RUNS runs of $DURATION per target, $CONNECTIONS connections, $THREADS wrk threads"
: >"$WORK/results"
for run in $(seq 1 "$RUNS"); do
    for target in "${TARGETS[@]}"; do
        IFS='|' read -r name url script arg <<<"$target"
        out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency -s "$WORK/$script" "$url" -- "$arg")
        rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
        p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
        bad=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
        errors=$(awk '/Socket errors:/ {print $0}' <<<"$out")
        printf '%s|%s|%s|%s|%s|%s|%s\n' "$name" "$run" "$rps" "$p50" "$p99" "${bad:-0}" "$errors" >>"$WORK/results"
        printf '   run %s  %-28s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  load %s %s\n' "$run" "$name" "$rps" "$p50" "$p99" \
            "${bad:-0}" "$(cut -d' ' -f1 /proc/loadavg)" "$errors"
    done
done

echo
echo "== Results (median of $RUNS runs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end,"
echo "   $LOAD_AT_START at the start of the measuring)"
echo "   $SAMPLE entries sampled of $ENTRIES; mean response: detail $((DETAIL_BYTES / SAMPLE)) bytes, version $((VERSION_BYTES / VERSION_SAMPLE)) bytes ($VERSION_SAMPLE of them)"
python3 - "$WORK/results" "$WORK/warmup" <<'EOF'
import statistics, sys
def ms(v):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60000.0)):
        if v.endswith(unit):
            return float(v[:-len(unit)]) * factor
    return float(v)
rows = {}
for line in open(sys.argv[1]):
    name, run, rps, p50, p99, bad, errors = line.rstrip("\n").split("|")
    rows.setdefault(name, []).append((float(rps), ms(p50), ms(p99), int(bad), errors))
def latency(v, i):
    # a run in which no request completed has no latency (wrk prints 0): it says "slower than the run", not "fast"
    done = [r[i] for r in v if r[0] > 0]
    return statistics.median(done) if done else float("inf")
med = {n: (statistics.median(r[0] for r in v), latency(v, 1), latency(v, 2), sum(r[3] for r in v)) for n, v in rows.items()}
print(f"   {'target':30} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
for n, (rps, p50, p99, bad) in med.items():
    print(f"   {n:30} {rps:10.1f} {p50:8.2f} {p99:8.2f} {bad:8d}")
unsteady = {line.split("NOT steady")[0].strip() for line in open(sys.argv[2]) if "NOT steady" in line}
def verdict(ok, *targets):
    # an aim counts as met only if none of its targets lost a request; a target still warming up is named
    failed = [t for t in targets if med[t][3] > 0 or any(r[4] for r in rows[t])]
    cold = [t for t in targets if t in unsteady]
    notes = [f"{t}: requests failed" for t in failed] + [f"{t}: warm-up not steady" for t in cold]
    return ("met" if ok and not failed else "missed") + (f" ({'; '.join(notes)})" if notes else "")
detail, bare, static = med["detail: application"], med["detail: bare Spring MVC"], med["detail: nginx static"]
search, overview = med["search, varied: application"], med["overview page: application"]
popular = med["search: application"]
cached, vstatic = med["version: nginx proxy_cache"], med["version: nginx static"]
print()
print("   Aims (issue 14):")
D, B = "detail: application", "detail: bare Spring MVC"
print(f"   detail / bare Spring MVC     {detail[0] / bare[0]:6.1%}     aim >= 80 %: {verdict(detail[0] >= 0.8 * bare[0], D, B)}")
print(f"   detail p99 / bare p99        {detail[2] / bare[2]:6.2f}x    aim <= 2x: {verdict(detail[2] <= 2 * bare[2], D, B)}"
      f" ({detail[2]:.1f} against {bare[2]:.1f} ms)")
S = "search, varied: application"
print(f"   search p99 (varied)          {search[2]:6.1f} ms  aim <= 50 ms: {verdict(search[2] <= 50, S)}")
print(f"   search rate (varied)         {search[0]:6.0f} /s  aim >= 5,000 req/s: {verdict(search[0] >= 5000, S)}")
print(f"   search, 20 popular questions {popular[0]:6.0f} /s, p99 {popular[2]:.1f} ms (answers kept per question; for reference)")
print(f"   overview page rate           {overview[0]:6.0f} /s  aim >= 2,000 req/s: {verdict(overview[0] >= 2000, 'overview page: application')}")
print(f"   proxy_cache / nginx static   {cached[0] / vstatic[0]:6.1%}     aim >= 80 %: "
      f"{verdict(cached[0] >= 0.8 * vstatic[0], 'version: nginx proxy_cache', 'version: nginx static')}")
print(f"   bare Spring / nginx static   {bare[0] / static[0]:6.1%}     (for reference)")
ceiling = med["version: proxy_cache of nginx"]
print(f"   proxy_cache of nginx / static {ceiling[0] / vstatic[0]:5.1%}     (what a hit costs nginx, with nginx behind the cache)")
print(f"   proxy_cache / same of nginx  {cached[0] / ceiling[0]:6.1%}     (both are nginx's hits; 100 % = the application's headers cost nothing)")
if "detail: earlier build" in med:
    print()
    print("   This build against the earlier build (BENCH_BASELINE_JAR), same run:")
    for what in ("detail", "search", "search, varied", "overview page"):
        now, before = med[f"{what}: application"], med[f"{what}: earlier build"]
        print(f"   {what:28} {now[0] / before[0]:6.2f}x the rate ({now[0]:.0f} against {before[0]:.0f} req/s),"
              f" p99 {now[2]:.1f} against {before[2]:.1f} ms")
EOF
