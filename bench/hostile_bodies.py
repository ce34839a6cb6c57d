#!/usr/bin/env python3
"""Driver for bench/hostile-bodies.sh (standard library only): worst-case bodies at every body-taking endpoint while
anonymous public reads are timed.

  hostile_bodies.py --url U --seconds S [--clients 10] [--readers 4]

First a baseline of public reads alone (S/3 seconds), then S seconds in which CLIENTS threads per endpoint send, over
and over: bodies just under the endpoint's limit that cost the most memory to parse (one flat JSON array), the issue's
48 MB of nested arrays (with its length, and chunked without one), and national register dumps of about 60 MB for the
import. Prints one JSON object: statuses per endpoint, public read latency (p50/p99/max) in both phases, errors.
Only 127.0.0.1; every request has a timeout and every loop ends with the phase.
"""
import argparse
import base64
import http.client
import json
import threading
import time
import urllib.parse

PASSWORD = "demo"
MB = 1024 * 1024
ORGANISATIONS = [("zoetermeer", "Gemeente Zoetermeer"), ("nissewaard", "Gemeente Nissewaard"),
                 ("capelle", "Gemeente Capelle aan den IJssel"), ("bar", "BAR-organisatie"),
                 ("mrdh", "Metropoolregio Rotterdam Den Haag")]
HTML_FIELDS = ["goal", "proportionality", "human_intervention", "risks", "lawful_basis", "impacttoetsen", "source_data", "tags"]


def auth(user):
    return "Basic " + base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()


class Client:
    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        assert parsed.hostname in ("127.0.0.1", "localhost"), "loopback only"
        self.host, self.port = parsed.hostname, parsed.port

    def send(self, method, path, body=None, user=None, content_type="application/json", chunked=False, timeout=180):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        headers = {"Accept": "application/json"}
        if user:
            headers["Authorization"] = auth(user)
        if body is not None:
            headers["Content-Type"] = content_type
        try:
            if chunked:
                conn.request(method, path, body=chunks(body), headers=headers, encode_chunked=True)
            else:
                conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, data
        except (ConnectionError, http.client.HTTPException, OSError) as e:
            # the server answered (413, 409, 503) and closed the connection while the body was still being sent
            try:
                response = conn.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                return "closed:" + type(e).__name__, b""
        finally:
            conn.close()


def chunks(body, size=64 * 1024):
    for i in range(0, len(body), size):
        yield body[i:i + size]


def flat_array(limit):
    """A body just under LIMIT bytes whose parsing builds the most objects: {"answers": {"a": [0,0,0,...]}}."""
    head, tail = b'{"answers": {"a": [', b"0]}}"
    count = (limit - len(head) - len(tail) - 16) // 2
    return head + b"0," * count + tail


def case_body(limit):
    head, tail = b'{"organisation": "zoetermeer", "fields": {"name": "x", "tags": [', b"0]}}"
    count = (limit - len(head) - len(tail) - 16) // 2
    return head + b"0," * count + tail


def nested(size):
    return b'{"answers": {"a": ' + b"[" * (size // 2) + b"]" * (size // 2) + b"}}"


def dump(code, name, target_bytes):
    text = "<p>" + ("Dit algoritme ondersteunt medewerkers bij het beoordelen van aanvragen. " * 33)[:2400] + "</p>"
    rows = []
    size = 0
    n = 0
    while size < target_bytes:
        row = {"name": f"Algoritme {code} {n}", "description_short": "Korte omschrijving.", "status": "In gebruik",
               "contact_email": "algoritmes@example.org", "organization": name, "publication_category": "Overige algoritmes",
               "lang": "nld", "standard_version": "1.0", "lars": f"7{ORGANISATIONS.index((code, name))}{n:06d}",
               "publication_dt": "2024-05-17", "methods_and_models": text + text}
        for field in HTML_FIELDS:
            row[field] = text
        encoded = json.dumps(row)
        rows.append(encoded)
        size += len(encoded) + 1
        n += 1
    return ('{"organisation_details": [], "algoritme_versions": [' + ",".join(rows) + "]}").encode(), n


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}

    def add(self, endpoint, status):
        with self.lock:
            counts = self.statuses.setdefault(endpoint, {})
            counts[str(status)] = counts.get(str(status), 0) + 1


def readers(client, count, until, latencies, failures):
    def read():
        i = 0
        while time.monotonic() < until:
            path = "/api/public/algorithms" if i % 2 == 0 else "/register"
            start = time.monotonic()
            status, _ = client.send("GET", path, timeout=30)
            elapsed = time.monotonic() - start
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(str(status))
            i += 1
    lock = threading.Lock()
    threads = [threading.Thread(target=read, daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    return threads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--readers", type=int, default=4)
    args = parser.parse_args()
    client = Client(args.url)

    # something to read, and a task to aim at
    seed, entries = dump("zoetermeer", "Gemeente Zoetermeer", 2 * MB)
    status, _ = client.send("POST", "/api/register/import?organisation=zoetermeer&format=json", seed, user="admin")
    assert status == 200, f"seeding import: {status}"
    status, created = client.send("POST", "/api/cases", json.dumps({"organisation": "zoetermeer", "fields": {
        "name": "Doelwit", "description_short": "Een zaak om op te mikken.", "status": "In gebruik",
        "contact_email": "algoritmes@example.org"}}).encode(), user="owner-zoetermeer")
    assert status == 201, f"case: {status}"
    case_id = json.loads(created)["id"]
    status, _ = client.send("POST", f"/api/cases/{case_id}/submit", user="owner-zoetermeer")
    assert status == 200, f"submit: {status}"
    status, inbox = client.send("GET", "/api/tasks", user="owner-zoetermeer")
    task_id = next(t["id"] for t in json.loads(inbox) if t["caseId"] == case_id)

    issue_body = nested(48 * MB)
    dumps = {code: dump(code, name, 60 * MB)[0] for code, name in ORGANISATIONS}
    under_1mb, under_2mb, under_64kb = flat_array(MB), case_body(2 * MB), flat_array(64 * 1024)
    attacks = {
        "POST /api/tasks/{id}/preview": lambda i, n: ("POST", f"/api/tasks/{task_id}/preview", under_1mb if n % 3 == 0 else issue_body, n % 3 == 2),
        "POST /api/tasks/{id}/complete": lambda i, n: ("POST", f"/api/tasks/{task_id}/complete", under_1mb if n % 2 == 0 else issue_body, True),
        "PUT /api/tasks/{id}/draft": lambda i, n: ("PUT", f"/api/tasks/{task_id}/draft", under_1mb if n % 2 == 0 else issue_body, False),
        "POST /api/cases": lambda i, n: ("POST", "/api/cases", under_2mb if n % 2 == 0 else issue_body, n % 4 == 1),
        "PUT /api/cases/{id}": lambda i, n: ("PUT", f"/api/cases/{case_id}", under_2mb, False),
        "POST /api/cases/{id}/ethics-votes": lambda i, n: ("POST", f"/api/cases/{case_id}/ethics-votes", under_1mb, False),
        "POST /api/algoritme/NLD": lambda i, n: ("POST", "/api/algoritme/NLD", under_64kb if n % 2 == 0 else issue_body, n % 4 == 1),
        "POST /api/register/import": lambda i, n: ("POST", "/api/register/import?organisation=%s&format=json" % ORGANISATIONS[i % 5][0],
                                                   dumps[ORGANISATIONS[i % 5][0]], False),
    }

    baseline_latencies, baseline_failures = [], []
    baseline_end = time.monotonic() + max(5, args.seconds // 3)
    for t in readers(client, args.readers, baseline_end, baseline_latencies, baseline_failures):
        t.join()

    tally = Tally()
    until = time.monotonic() + args.seconds
    latencies, failures = [], []
    reading = readers(client, args.readers, until, latencies, failures)

    def attack(endpoint, make, i):
        n = 0
        while time.monotonic() < until:
            method, path, body, chunked = make(i, n)
            status, _ = client.send(method, path, body, user="admin" if "import" in path else "owner-zoetermeer", chunked=chunked)
            tally.add(endpoint, status)
            n += 1

    attackers = [threading.Thread(target=attack, args=(endpoint, make, i), daemon=True)
                 for endpoint, make in attacks.items() for i in range(args.clients)]
    for t in attackers:
        t.start()
    for t in reading:
        t.join()
    load_average = open("/proc/loadavg").read().split()[:3]
    for t in attackers:
        t.join(timeout=200)

    def summary(values, errors):
        return {"requests": len(values), "failed": len(errors), "p50_ms": round(1000 * percentile(values, 50)),
                "p99_ms": round(1000 * percentile(values, 99)), "max_ms": round(1000 * max(values))}

    print(json.dumps({"seconds": args.seconds, "clients_per_endpoint": args.clients, "seed_entries": entries,
                      "public_reads_alone": summary(baseline_latencies, baseline_failures),
                      "public_reads_under_attack": summary(latencies, failures),
                      "load_average_at_end": load_average, "attack_statuses": tally.statuses}, indent=2))


if __name__ == "__main__":
    main()
