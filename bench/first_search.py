#!/usr/bin/env python3
"""The first search after a publication (issue 14), against a running application on a seeded register. Not a test.

Run by bench/first-search.sh, which seeds the register, starts the application and passes its pid. Measures, on one
application:
  - the node's first search (it loads the listing whole) and the heap the search's index takes (live heap after a full
    GC, before and after it);
  - warm searches (sequential, one client): median and 99th percentile;
  - a publication through the application's own review (HTTP API, demo accounts): the first search once the case
    reads PUBLISHED, and whether it finds the new entry;
  - a publication by "another node" (a new version written straight into the shared database, as ScaleOutIT's second
    node would): searches in a tight loop until the new version is found; the slowest of them says whether any
    search waited for the index to catch up, the time until found how far behind the node was (the check interval,
    1 s, plus the catching up).
"""
import argparse
import json
import re
import statistics
import subprocess
import time
import uuid

import load  # the benchmarks' shared HTTP client (bench/load.py)

PASSWORD = "demo"
OWNER, PUBLISHER = "owner-zoetermeer", "publisher-zoetermeer"


def request(url, method, path, body=None, user=None, timeout=60):
    return load.request(url, user, method, path, body, timeout)


def search(url, question, timeout=60):
    began = time.perf_counter()
    status, body = request(url, "POST", "/api/algoritme/NLD", question, timeout=timeout)
    elapsed = time.perf_counter() - began
    if status != 200:
        raise SystemExit(f"search {question}: {status} {body[:300]}")
    return elapsed, json.loads(body)


def live_heap_mb(pid):
    """Heap in use after a full collection (jcmd GC.run, then GC.heap_info's 'used')."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    used = re.search(r"used (\d+)K", info)
    return int(used.group(1)) / 1024


def open_task(url, user, case_id, activity):
    status, body = request(url, "GET", f"/api/cases/{case_id}", user=user)
    for task in json.loads(body)["openTasks"] if status == 200 else []:
        if task["activityId"] == activity:
            return task["id"]
    return None


def no_facts():
    return {"prescan": {"0.2": "Een algoritme dat het werk van een team ondersteunt.", "0.3": "Het werk beter en eerlijker plannen.",
                        "1.1": False, "5.1": False, "5.4": False, "5.5": False},
            "aiAct": {"1": "Ja", "2": "Nee", "2.1": "Nee"}}


def publish_through_review(url, marker):
    status, body = request(url, "POST", "/api/cases", {"fields": {
        "name": f"Eerste zoekvraag {marker}", "description_short": "Gepubliceerd door de meting van de eerste zoekvraag.",
        "status": "In ontwikkeling", "contact_email": "algoritmes@example.nl", "goal": "<p>Meten.</p>"}}, user=OWNER)
    if status != 201:
        raise SystemExit(f"create: {status} {body[:300]}")
    case_id = json.loads(body)["id"]
    for user, path, payload in ((OWNER, f"/api/cases/{case_id}/submit", None),):
        status, body = request(url, "POST", path, payload, user=user)
        if status != 200:
            raise SystemExit(f"submit: {status} {body[:300]}")
    for user, activity, payload in ((OWNER, "answerPreScan", {"answers": no_facts()}),
                                    (PUBLISHER, "releasePublication", {"outcome": "approve", "rationale": "Akkoord."})):
        task = None
        for _ in range(300):
            task = open_task(url, user, case_id, activity)
            if task:
                break
            time.sleep(0.1)
        status, body = request(url, "POST", f"/api/tasks/{task}/complete", payload, user=user)
        if status != 200:
            raise SystemExit(f"{activity}: {status} {body[:300]}")
    for _ in range(600):
        status, body = request(url, "GET", f"/api/cases/{case_id}", user=OWNER)
        if status == 200 and json.loads(body)["stage"] == "PUBLISHED":
            return
        time.sleep(0.05)
    raise SystemExit(f"case {case_id} was not published")


def another_node_publishes(db, marker):
    """A new version of a random entry, written in one transaction as a node publishes (version and listing row)."""
    sql = f"""
        set @lars = (select lars from register_listing order by rand() limit 1);
        start transaction;
        insert into published_entry (case_id, lars, version_number, organisation_code, name, fields, english_fields, published_at, published_by)
          select case_id, lars, version_number + 1, organisation_code, left(concat(name, ' {marker}'), 250),
                 json_set(fields, '$.name', concat(json_value(fields, '$.name'), ' {marker}')), english_fields, current_timestamp(6), 'node-2'
          from published_entry where id = (select entry_id from register_listing where lars = @lars);
        update register_listing l join published_entry e on e.lars = l.lars and e.version_number = l.version_number + 1
          set l.entry_id = e.id, l.version_number = e.version_number, l.search_text = concat(l.search_text, ' {marker}'),
              l.published_at = e.published_at
          where l.lars = @lars;
        commit;"""
    subprocess.run(["mysql", "-uroot", "-h127.0.0.1", db, "-e", sql], check=True)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--label", default="")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    url, label = args.url, args.label

    before = live_heap_mb(args.pid)
    # a build that loads the listing when the application is ready: this search waits for what is left of that load
    first, result = search(url, {"searchtext": "parkeren", "limit": 10}, timeout=900)
    after = live_heap_mb(args.pid)
    entries = search(url, {})[1]["total_count"]
    print(f"{label} entries listed: {entries:,}")
    print(f"{label} first search of the node (loads the listing, or waits for the load started at start): {first * 1000:.0f} ms")
    print(f"{label} live heap before / after the first search: {before:.0f} / {after:.0f} MB (index: {after - before:.0f} MB)")

    words = ["parkeren", "afval", "woz", "bijstand", "melding", "route", "zorg", "vergunning", "gemeente", "belasting"]
    warm = []
    for i in range(300):
        warm.append(search(url, {"searchtext": words[i % len(words)], "page": 1 + i % 3, "limit": 10})[0])
    print(f"{label} warm searches (1 client, 300): median {statistics.median(warm) * 1000:.1f} ms, "
          f"p99 {percentile(warm, 99) * 1000:.1f} ms")

    own = []
    for _ in range(args.rounds):
        marker = "fs" + uuid.uuid4().hex[:8]
        publish_through_review(url, marker)
        took, found = search(url, {"searchtext": marker})
        own.append((took, found["total_count"]))
    print(f"{label} first search after a publication on this node: "
          + ", ".join(f"{t * 1000:.0f} ms ({'found' if n == 1 else 'NOT found'})" for t, n in own))

    other = []
    for _ in range(args.rounds):
        marker = "fo" + uuid.uuid4().hex[:8]
        another_node_publishes(args.db, marker)
        written = time.perf_counter()
        latencies = []
        while True:
            took, found = search(url, {"searchtext": marker})
            latencies.append(took)
            if found["total_count"] == 1:
                break
            if time.perf_counter() - written > 60:
                raise SystemExit("another node's version not found within 60 s")
        other.append((time.perf_counter() - written, len(latencies), latencies[0], max(latencies)))
    for seen, count, first_after, slowest in other:
        print(f"{label} another node's publication: found after {seen * 1000:.0f} ms; {count} searches meanwhile, "
              f"first {first_after * 1000:.1f} ms, slowest {slowest * 1000:.1f} ms")
    print(f"{label} live heap after the publications: {live_heap_mb(args.pid):.0f} MB")


if __name__ == "__main__":
    main()
