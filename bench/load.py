#!/usr/bin/env python3
"""Load and check driver for bench/crash-test.sh and bench/database-outage.sh (standard library only).

  load.py submit  --url U --count N --clients C --acks FILE [--log FILE] [--duration S] [--timeout S]
      creates and submits N cases with C concurrent clients; every response the application acknowledged (201 for the
      creation, 200 for the submission) is appended to FILE at once, one JSON line each, before the next request.
      With --log every response is also logged with its time, status and duration (for the outage timeline).
  load.py check   --url U --acks FILE [--continue K]
      after a restart or an outage: is every acknowledged creation and submission there, with its process waiting at
      the pre-scan? Completes the pre-scan and the release of K of them and waits until they are published.
  load.py timeline --log FILE --outage-start T0 --outage-end T1
      counts the responses before, during and after an outage by status code, and the slowest answer in each.
"""
import argparse
import base64
import json
import sys
import threading
import time
import urllib.error
import urllib.request

PASSWORD = "demo"
OWNER, PUBLISHER = "owner-zoetermeer", "publisher-zoetermeer"


def request(url, user, method, path, body=None, timeout=30):
    """One JSON request as a demo account (anonymous when user is None): (status, body), or (kind, reason) when no
    answer came. Shared by the benchmarks' clients (first_search.py imports it)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if user:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{PASSWORD}".encode()).decode())
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        kind = "timeout" if "timed out" in str(reason) else "no-connection"
        return kind, str(reason)


def case_fields(n):
    return {"fields": {
        "name": f"Belastingproef {n} {time.time_ns()}",
        "description_short": "Een algoritme voor de proef met een onderbreking.",
        "status": "In ontwikkeling",
        "contact_email": "algoritmes@example.nl",
        "goal": "<p>Beter plannen.</p>"}}


def submit(args):
    lock = threading.Lock()
    next_index = [0]
    acks = open(args.acks, "a", buffering=1)
    log = open(args.log, "a", buffering=1) if args.log else None
    counts = {}

    def record(kind, status, began, ended, case_id=None):
        with lock:
            counts[(kind, status)] = counts.get((kind, status), 0) + 1
            if log:
                log.write(json.dumps({"kind": kind, "status": status, "start": began, "end": ended, "case": case_id}) + "\n")

    def acknowledge(line):
        with lock:
            acks.write(json.dumps(line) + "\n")
            acks.flush()

    deadline = time.time() + args.duration if args.duration else None

    def worker():
        while True:
            with lock:
                n = next_index[0]
                if n >= args.count or (deadline and time.time() > deadline):
                    return
                next_index[0] += 1
            began = time.time()
            status, body = request(args.url, OWNER, "POST", "/api/cases", case_fields(n), timeout=args.timeout)
            record("create", status, began, time.time())
            if status != 201:
                if args.pause_on_failure:
                    time.sleep(args.pause_on_failure)
                continue
            case_id = json.loads(body)["id"]
            acknowledge({"case": case_id, "ack": "created"})
            began = time.time()
            status, body = request(args.url, OWNER, "POST", f"/api/cases/{case_id}/submit", timeout=args.timeout)
            record("submit", status, began, time.time(), case_id)
            if status == 200:
                acknowledge({"case": case_id, "ack": "submitted"})
            elif args.pause_on_failure:
                time.sleep(args.pause_on_failure)

    threads = [threading.Thread(target=worker) for _ in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    summary = {f"{kind} {status}": n for (kind, status), n in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))}
    print("responses:", json.dumps(summary))


def read_acks(path):
    created, submitted = [], set()
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            entry = json.loads(line)
            if entry["ack"] == "created":
                created.append(entry["case"])
            else:
                submitted.add(entry["case"])
    return created, submitted


def open_task(url, user, case_id, activity):
    status, body = request(url, user, "GET", f"/api/cases/{case_id}")
    if status != 200:
        return None
    for task in json.loads(body)["openTasks"]:
        if task["activityId"] == activity:
            return task["id"]
    return None


def check(args):
    created, submitted = read_acks(args.acks)
    found_created = lost_created = found_submitted = lost_submitted = waiting = 0
    stages = {}
    lost = []
    for case_id in created:
        status, body = request(args.url, OWNER, "GET", f"/api/cases/{case_id}")
        if status != 200:
            lost_created += 1
            lost.append((case_id, "created", status))
            if case_id in submitted:
                lost_submitted += 1
            continue
        found_created += 1
        detail = json.loads(body)
        stages[detail["stage"]] = stages.get(detail["stage"], 0) + 1
        at_pre_scan = any(t["activityId"] == "answerPreScan" for t in detail["openTasks"])
        if detail["stage"] == "PRE_SCAN" and at_pre_scan:
            waiting += 1
        if case_id in submitted:
            if detail["stage"] == "PRE_SCAN" and at_pre_scan:
                found_submitted += 1
            else:
                lost_submitted += 1
                lost.append((case_id, "submitted", detail["stage"]))
    print(f"creations:   acknowledged {len(created)}, found {found_created}, lost {lost_created}")
    print(f"submissions: acknowledged {len(submitted)}, found at the pre-scan with its task {found_submitted}, lost {lost_submitted}")
    print(f"stages of the acknowledged cases: {json.dumps(stages, sort_keys=True)}; with an open pre-scan task: {waiting}")
    for entry in lost[:20]:
        print("LOST", *entry)

    continued = 0
    for case_id in [c for c in created if c in submitted][: args.continue_count]:
        task = open_task(args.url, OWNER, case_id, "answerPreScan")
        status, _ = request(args.url, OWNER, "POST", f"/api/tasks/{task}/complete", {"answers": no_facts()})
        if status != 200:
            print(f"could not complete the pre-scan of {case_id}: {status}")
            continue
        task = open_task(args.url, PUBLISHER, case_id, "releasePublication")
        status, _ = request(args.url, PUBLISHER, "POST", f"/api/tasks/{task}/complete", {"outcome": "approve", "rationale": "Akkoord."})
        if status != 200:
            print(f"could not release {case_id}: {status}")
            continue
        for _ in range(300):
            status, body = request(args.url, OWNER, "GET", f"/api/cases/{case_id}")
            if status == 200 and json.loads(body)["stage"] == "PUBLISHED":
                continued += 1
                break
            time.sleep(0.2)
    if args.continue_count:
        print(f"continued after the fault: {continued} of {min(args.continue_count, len(submitted))} cases went on to PUBLISHED")
    ok = lost_created == 0 and lost_submitted == 0 and continued == min(args.continue_count, len(submitted))
    sys.exit(0 if ok else 1)


def no_facts():
    """The pre-scan and AI Act tree answered 'no' throughout (what src/test/java/.../PreScanAnswers.of() builds, with
    the two required free-text answers 0.2 and 0.3, without which completion is refused): no DPIA, no ethics review,
    approval tier owner-publisher, straight to the publisher's release."""
    return {"prescan": {"0.2": "Een algoritme dat het werk van een team ondersteunt.", "0.3": "Het werk beter en eerlijker plannen.",
                        "1.1": False, "5.1": False, "5.4": False, "5.5": False},
            "aiAct": {"1": "Ja", "2": "Nee", "2.1": "Nee"}}


def timeline(args):
    phases = {"before": {}, "during": {}, "after": {}}
    slowest = {"before": 0.0, "during": 0.0, "after": 0.0}
    first_success_after = None
    with open(args.log) as f:
        for line in f:
            entry = json.loads(line)
            # a request belongs to the phase in which it was answered
            t = entry["end"]
            phase = "before" if t < args.outage_start else "during" if t <= args.outage_end else "after"
            key = f"{entry['kind']} {entry['status']}"
            phases[phase][key] = phases[phase].get(key, 0) + 1
            slowest[phase] = max(slowest[phase], entry["end"] - entry["start"])
            if phase == "after" and entry["status"] in (200, 201):
                if first_success_after is None or entry["end"] < first_success_after:
                    first_success_after = entry["end"]
    for phase in ("before", "during", "after"):
        codes = phases[phase]
        five_hundreds = sum(n for k, n in codes.items() if k.split()[1] == "500")
        other_5xx = sum(n for k, n in codes.items() if k.split()[1].isdigit() and 500 < int(k.split()[1]) < 600)
        print(f"{phase:7} {json.dumps(dict(sorted(codes.items())))}  500s: {five_hundreds}, other 5xx: {other_5xx}, "
              f"slowest answer: {slowest[phase]:.1f} s")
    if first_success_after:
        print(f"first success after the database came back: {first_success_after - args.outage_end:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("submit")
    s.add_argument("--url", required=True)
    s.add_argument("--count", type=int, default=1000)
    s.add_argument("--clients", type=int, default=8)
    s.add_argument("--acks", required=True)
    s.add_argument("--log")
    s.add_argument("--timeout", type=float, default=30)
    s.add_argument("--pause-on-failure", type=float, default=0)
    s.add_argument("--duration", type=float, default=0, help="stop starting new cases after this many seconds")
    c = sub.add_parser("check")
    c.add_argument("--url", required=True)
    c.add_argument("--acks", required=True)
    c.add_argument("--continue", dest="continue_count", type=int, default=5)
    t = sub.add_parser("timeline")
    t.add_argument("--log", required=True)
    t.add_argument("--outage-start", type=float, required=True)
    t.add_argument("--outage-end", type=float, required=True)
    args = parser.parse_args()
    {"submit": submit, "check": check, "timeline": timeline}[args.command](args)


if __name__ == "__main__":
    main()
