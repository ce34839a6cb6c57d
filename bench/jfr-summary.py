#!/usr/bin/env python3
"""Where the application's time goes during bench/workflow-throughput.sh, from its flight recording:

  BENCH_APP_OPTS=-XX:StartFlightRecording=filename=target/bench/app.jfr,settings=profile,dumponexit=true \\
      bench/workflow-throughput.sh
  python3 bench/jfr-summary.py target/bench/app.jfr [HH:MM:SS]   # only samples after this time (skip the start)

Prints (1) the time request threads spent waiting on database reads of 20 ms or more (the `profile` settings record
every socket read that long, with its stack), split into waits in the decision log's write just before the commit
(DecisionLog.writeLocked: the chain's row lock on decision_log_head), commits and other reads; (2) the share of CPU
samples by library and the innermost frames of our own code. Needs a `jfr` tool (any JDK from 17; a newer one reads older recordings).
"""
import collections
import re
import shutil
import subprocess
import sys

MARKERS = {
    "Camunda engine": "org.camunda.bpm",
    "Tomcat": "org.apache.catalina",
    "Spring Security": "org.springframework.security",
    "Hibernate/JPA": "org.hibernate",
    # the chain's row lock is taken in writeLocked, just before the commit (append only collects the record)
    "decision log chain lock": "nl.transparant.audit.DecisionLog.writeLocked",
    "MariaDB driver": "org.mariadb",
    "Jackson": "com.fasterxml.jackson",
    "screening (assessments)": "nl.transparant.screening",
}


def jfr_tool():
    for candidate in ("jfr", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"):
        if shutil.which(candidate):
            return candidate
    sys.exit("no jfr tool found")


def events(recording, kind):
    out = subprocess.run([jfr_tool(), "print", "--events", kind, "--stack-depth", "200", recording],
                         capture_output=True, text=True, check=True).stdout
    return out.split(kind + " {")[1:]


def millis(event):
    m = re.search(r"duration = ([\d.]+) (ms|s|us|ns)", event)
    if not m:
        return 0.0
    value, unit = float(m.group(1)), m.group(2)
    return value * {"s": 1000, "ms": 1, "us": 0.001, "ns": 0.000001}[unit]


def after(event, since):
    m = re.search(r"startTime = (\d\d:\d\d:\d\d)", event)
    return since is None or (m is not None and m.group(1) >= since)


def main():
    recording = sys.argv[1]
    since = sys.argv[2] if len(sys.argv) > 2 else None
    waits, counts = collections.Counter(), collections.Counter()
    for e in events(recording, "jdk.SocketRead"):
        if not after(e, since):
            continue
        if "org.mariadb" not in e:
            kind = "not the database"
        elif "nl.transparant.audit.DecisionLog.writeLocked" in e:
            kind = "decision log before commit (waiting for the chain's row lock)"
        elif re.search(r"\.commit\(", e):
            kind = "commit"
        else:
            kind = "other database reads"
        waits[kind] += millis(e)
        counts[kind] += 1
    total = sum(waits.values()) or 1
    print("Database waits of 20 ms or more, summed over all threads:")
    for kind, ms in waits.most_common():
        print(f"  {kind:58} {counts[kind]:6} waits {ms / 1000:8.1f} s  {100 * ms / total:5.1f}%")

    samples = [s for s in events(recording, "jdk.ExecutionSample") if after(s, since)]
    n = len(samples) or 1
    print(f"CPU samples: {len(samples)} (stacks containing …)")
    shares = collections.Counter()
    ours = collections.Counter()
    for s in samples:
        for name, marker in MARKERS.items():
            if marker in s:
                shares[name] += 1
        frames = [f for f in re.findall(r"^\s+([\w.$<>]+)\(", s, re.M) if f.startswith("nl.transparant")]
        if frames:
            ours[frames[0]] += 1
    for name, c in shares.most_common():
        print(f"  {name:58} {c:6} {100 * c / n:5.1f}%")
    print("Innermost frames of our own code:")
    for frame, c in ours.most_common(10):
        print(f"  {frame:80} {c:6} {100 * c / n:5.1f}%")


if __name__ == "__main__":
    main()
