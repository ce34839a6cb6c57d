#!/bin/bash
# The whole national register in one request (issue 11, "Speed"). Not a test.
#
# Generates a synthetic national JSON dump in the shapes the national register exports (ENTRIES entries, default
# 1,530, spread over ORGANISATIONS organisations, default 336, none of them here yet; organisation_details after the
# versions; date-time publication dates; the register's own keys), starts the packaged application with -Xmx512m
# on the benchmarks' own MariaDB (bench/own-mariadb.sh, bench/app.sh, an empty database without demo data), imports
# the dump as admin in one request with createOrganisations=true, and reports the time of that request, the counts
# in its report, and whether the last entry of the file is found by the public search right after (aim: <= 10 s).
#
#   bench/national-import.sh
#   ENTRIES=100000 ORGANISATIONS=336 bench/national-import.sh     # the streaming bound
set -eo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${ENTRIES:-1530}
ORGANISATIONS=${ORGANISATIONS:-336}
BENCH_APP_HEAP=512m
BENCH_APP_DB=transparant_national_import
. bench/app.sh

started_db=
if ! bench/own-mariadb.sh status >/dev/null 2>&1; then
    bench/own-mariadb.sh start
    started_db=1
fi
WORK=$(mktemp -d /tmp/national-import.XXXXXX)
cleanup() {
    bench_stop_app
    rm -rf "$WORK"
    if [ -n "$started_db" ]; then bench/own-mariadb.sh stop; fi
}
trap cleanup EXIT

python3 - "$ENTRIES" "$ORGANISATIONS" "$WORK/dump.json" <<'PY'
import json, sys
entries, organisations, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
orgs = [{"org_id": "gm%04d" % (i + 1), "name": "Gemeente Proefstad %03d" % (i + 1), "type": "Gemeente"} for i in range(organisations)]
with open(path, "w", encoding="utf-8") as out:
    out.write('{"algoritme_versions": [')
    for n in range(entries):
        org = orgs[n % organisations]
        row = {
            "name": "Proefalgoritme %06d" % n,
            "description_short": "Een synthetische beschrijving van algoritme %d voor de meting." % n,
            "organization": org["name"], "status": "In gebruik", "contact_email": "algoritmes@example.org",
            "publication_category": "Overige algoritmes", "lang": "nld", "standard_version": "1.0",
            "goal": "<p>" + "Een doel in een paar zinnen. " * 20 + "</p>",
            "lars": "%08d" % (10_000_000 + n), "publication_dt": "2024-%02d-%02dT10:15:00+02:00" % (n % 12 + 1, n % 28 + 1),
            "owner": org["org_id"], "language": "NLD", "create_dt": "2024-01-01T08:00:00", "state": "PUBLISHED", "published": True,
            "provider": "",
        }
        out.write(("," if n else "") + json.dumps(row, ensure_ascii=False))
    out.write('], "organisation_details": ' + json.dumps(orgs, ensure_ascii=False) + "}")
PY
last_name=$(printf 'Proefalgoritme %06d' $((ENTRIES - 1)))
echo "Dump: $ENTRIES entries, $ORGANISATIONS organisations, $(du -h "$WORK/dump.json" | cut -f1)" >&2

bench_fresh_database
: >"$BENCH_LOG_DIR/app.log"
BENCH_APP_OPTS="-XX:+ExitOnOutOfMemoryError" bench_start_app

start=$(date +%s.%N)
status=$(curl -sS -o "$WORK/report.json" -w '%{http_code}' -u admin:demo -H 'Content-Type: application/json' \
    --data-binary @"$WORK/dump.json" "$BENCH_APP_URL/api/register/import?format=json&createOrganisations=true")
end=$(date +%s.%N)
found=$(curl -sS -G "$BENCH_APP_URL/api/public/algorithms" --data-urlencode "q=$last_name" | grep -c "$last_name" || true)

python3 - "$WORK/report.json" "$status" "$start" "$end" "$found" <<'PY'
import json, sys
report_file, status, start, end, found = sys.argv[1:]
report = json.load(open(report_file, encoding="utf-8"))
if status != "200":
    print("status", status, json.dumps(report)[:2000])
    sys.exit(1)
print("import: status %s in %.1f s; organisations created %d; entries created %d, updated %d, skipped %d, refused %d"
      % (status, float(end) - float(start), report["organisationsCreated"], report["created"], report["updated"],
         report["skipped"], report["refused"]))
print("searchable right after:", "yes" if int(found) > 0 else "NO")
PY
