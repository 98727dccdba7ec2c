#!/usr/bin/env python3
"""Two `gpuscout serve` replicas on one PostgreSQL database under mixed load
(issue #21): wrk reads as fast as it can through both replicas (a page of
probe reports and an offers query, 2 threads and 8 connections each) while
uploads arrive at a fixed rate, alternating replicas, each with its own
Idempotency-Key. Prints the reads' throughput and latency (wrk) and the
uploads' achieved rate and latency percentiles (the target: p99 under 50 ms
at 200 per second on this machine).

Usage: bench/serve_replicas.py [build/gpuscout] [seconds] [uploads per second]
"""
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))
from pg_cluster import PgCluster  # noqa: E402

BIN = sys.argv[1] if len(sys.argv) > 1 else "build/gpuscout"
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
RATE = float(sys.argv[3]) if len(sys.argv) > 3 else 200
REPORT = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "probe-h200", "probe.json"), "rb").read()


def start(url):
    p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--db", url], stderr=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, text=True)
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", p.stderr.readline())
    threading.Thread(target=p.stderr.read, daemon=True).start()
    return p, int(m.group(1))


def uploads(ports, latencies, errors):
    """RATE uploads a second, each on its own thread at its scheduled time."""
    t0, n, threads = time.monotonic(), 0, []

    def one(i):
        req = urllib.request.Request(f"http://127.0.0.1:{ports[i % 2]}/v1/probe-reports", data=REPORT, method="POST",
                                     headers={"Content-Type": "application/json", "Idempotency-Key": f"bench-{i}"})
        start = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                r.read()
                latencies.append(time.monotonic() - start)
        except Exception as e:  # noqa: BLE001 - counted and shown
            errors.append(str(e))

    while time.monotonic() - t0 < SECONDS:
        due = t0 + n / RATE
        time.sleep(max(0.0, due - time.monotonic()))
        t = threading.Thread(target=one, args=(n,))
        t.start()
        threads.append(t)
        n += 1
    for t in threads:
        t.join()
    return n


def main():
    pg = PgCluster()
    procs = []
    try:
        procs = [start(pg.url), start(pg.url)]
        ports = [port for _, port in procs]
        for i in range(200):  # something to list
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{ports[0]}/v1/probe-reports", data=REPORT,
                                                          method="POST", headers={"Content-Type": "application/json"})).read()
        lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        lua.write('local paths = {"/v1/probe-reports?limit=20", "/v1/offers?gpu=H100"}\n'
                  'local n = 0\nrequest = function() n = n + 1; return wrk.format("GET", paths[n % 2 + 1]) end\n')
        lua.close()
        wrks = [subprocess.Popen(["wrk", "-t2", "-c8", f"-d{SECONDS}s", "--latency", "-s", lua.name, f"http://127.0.0.1:{p}"],
                                 stdout=subprocess.PIPE, text=True) for p in ports]
        latencies, errors = [], []
        sent = uploads(ports, latencies, errors)
        for p, w in zip(ports, wrks):
            out = w.communicate()[0]
            keep = [l.strip() for l in out.splitlines() if re.search(r"Requests/sec|99%|50%|requests in|Non-2xx", l)]
            print(f"reads through :{p}: " + " | ".join(keep))
        latencies.sort()
        pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
        print(f"uploads: {sent} sent at {RATE:g}/s for {SECONDS} s, {len(latencies)} stored, {len(errors)} failed; "
              f"latency p50 {pct(0.5):.1f} ms, p90 {pct(0.9):.1f} ms, p99 {pct(0.99):.1f} ms, max {latencies[-1] * 1000:.1f} ms")
        os.unlink(lua.name)
    finally:
        for p, _ in procs:
            p.terminate()
            p.wait(timeout=20)
        pg.close()


if __name__ == "__main__":
    main()
