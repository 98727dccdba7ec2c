#!/usr/bin/env python3
"""Soak test of `gpuscout serve`: a mixed load of valid reads, valid computes,
malformed and hostile requests, slow clients and concurrent uploads for a
fixed time, against a fresh server and database.

Reports per route: requests, p50 and p99 latency, statuses; the 5xx count
(503s with Retry-After are the budgeted refusals and counted apart); the
server's RSS every 10 s; /healthz latency from a separate prober (the worst
and the 99th percentile). Exits 1 when a 5xx other than a budgeted 503 was
seen, the server died, /healthz ever took 100 ms or more, or the RSS went
over the bound.

Usage: bench/soak.py GPUSCOUT_BINARY [--seconds 600] [--rss-bound-mb 300] [--out FILE]
"""
import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("--seconds", type=float, default=600)
ap.add_argument("--rss-bound-mb", type=float, default=300)
ap.add_argument("--out", default="")
args = ap.parse_args()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT = json.load(open(os.path.join(ROOT, "docs/probe-h200/probe.json")))

lock = threading.Lock()
samples = {}  # route -> list of (seconds, status)
healthz = []
rss = []
stop = threading.Event()


def record(route, seconds, status):
    with lock:
        samples.setdefault(route, []).append((seconds, status))


def json_body(obj):
    return json.dumps(obj).encode()


def requests():
    """(route label, method, path, body) of the mixed load, drawn at random."""
    deep = b"[" * 100000 + b"]" * 100000
    huge = b'{"x": "' + b"y" * (5 << 20) + b'"}'
    plan = open(os.path.join(ROOT, "examples/plans/seed-vram.yaml")).read()
    r = random.random()
    if r < 0.30:
        return random.choice([
            ("GET /v1/gpus", "GET", "/v1/gpus", None),
            ("GET /v1/offers", "GET", "/v1/offers?gpu=" + random.choice(["A100", "H100", "L4", "T4"]) + "&limit=20", None),
            ("GET /v1/vendors", "GET", "/v1/vendors?gpu=" + random.choice(["A100-80GB", "H100", ""]), None),
            ("GET /v1/probe-reports", "GET", "/v1/probe-reports?limit=" + str(random.choice([10, 50, 100])), None),
            ("GET /v1/probe-reports/summary", "GET", "/v1/probe-reports/summary", None),
            ("GET /v1/scenarios", "GET", "/v1/scenarios", None),
        ])
    if r < 0.55:
        model = random.choice(["Llama-3.1-8B", "Llama-2-13B", "Llama-3-8B"])
        return random.choice([
            ("POST /v1/estimate", "POST", "/v1/estimate",
             json_body({"model": model, "task": "infer", "gpu": random.choice(["L4", "A100-80GB", "H100"]), "concurrency": random.randint(1, 32)})),
            ("POST /v1/recommend", "POST", "/v1/recommend",
             json_body({"workload": {"model": model, "task": "lora", "tokens": random.choice([1e8, 2e8, 5e8])}, "deadline": random.choice([12, 24, 48])})),
            ("POST /v1/scale/simulate", "POST", "/v1/scale/simulate",
             json_body({"example": random.choice(["diurnal", "spiky", "weekly"]), "seed": random.randint(1, 1000)})),
            ("POST /v1/lint", "POST", "/v1/lint", json_body({"plan": plan})),
            ("POST /v1/cost", "POST", "/v1/cost", json_body({"vendor": "aws", "instance": "p4d.24xlarge", "all_regions": True})),
        ])
    if r < 0.70:
        return random.choice([
            ("bad: garbage body", "POST", random.choice(["/v1/estimate", "/v1/recommend", "/v1/scale/simulate"]), os.urandom(random.randint(1, 2000))),
            ("bad: wrong fields", "POST", "/v1/recommend", json_body({"top": random.choice([1e30, -1, "x", None, [1]]), "nope": 1})),
            ("bad: number overflow", "POST", "/v1/recommend", b'{"top": 1e400}'),
            ("bad: invalid UTF-8 path", "GET", random.choice(["/%ff", "/%c0%af..%c0%af/etc/passwd", "/v1/%fe"]), None),
            ("bad: deep body", "POST", random.choice(["/v1/probe-reports", "/v1/scenarios"]), deep),
            ("bad: never-firing cron", "POST", "/v1/scale/simulate",
             json_body({"example": "diurnal", "fleet": "price: 1\ncapacity_rps: 4\nmax_nodes: 2\nschedule:\n  - {cron: \"0 0 30 2 *\", min_nodes: 1}\n"})),
            ("bad: non-scalar key", "POST", "/v1/lint", json_body({"plan": "? [a, b]\n: 1\n"})),
        ])
    if r < 0.72:
        return ("bad: huge body", "POST", "/v1/estimate", huge)
    key = "soak-%d-%d" % (threading.get_ident(), random.randint(0, 200))  # repeats: some are retries
    return ("POST /v1/probe-reports", "POST", "/v1/probe-reports", json_body(REPORT), key)


def worker(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        req = requests()
        route, method, path, body = req[:4]
        headers = {"Content-Type": "application/json"}
        if len(req) > 4:
            headers["Idempotency-Key"] = req[4]
        began = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=headers)
            res = conn.getresponse()
            res.read()
            status = res.status
            if status == 503 and res.getheader("Retry-After"):
                status = "503 budgeted"
            if res.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        except (OSError, http.client.HTTPException) as e:
            status = "error: " + type(e).__name__
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        record(route, time.monotonic() - began, status)


def slow_client(port, source):
    """Opens connections from another loopback address and trickles header lines."""
    while not stop.is_set():
        try:
            s = socket.socket()
            s.bind((source, 0))
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /v1/gpus HTTP/1.1\r\n")
            while not stop.is_set():
                s.sendall(b"X-Slow: 1\r\n")
                time.sleep(2)
        except OSError:
            pass
        finally:
            s.close()
        record("slow client (closed by server)", 0, "closed")
        time.sleep(1)


def prober(port, seconds, out):
    """In its own process, so that the load threads' interpreter lock does not
    delay it: what it measures is the server's answer time."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        began = time.monotonic()
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/healthz")
            ok = c.getresponse().status == 200
            c.close()
        except OSError:
            ok = False
        out.put((time.monotonic() - began, ok))
        time.sleep(0.2)
    out.put(None)


def rss_of(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024
    except (OSError, AttributeError):
        return None


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0


def main():
    tmp = tempfile.mkdtemp()
    server = subprocess.Popen([args.binary, "serve", "--listen", "127.0.0.1:0", "--db", os.path.join(tmp, "soak.db")],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    port = int(re.search(r":(\d+)/", server.stderr.readline()).group(1))
    threading.Thread(target=server.stderr.read, daemon=True).start()
    threads = [threading.Thread(target=worker, args=(port,)) for _ in range(12)]
    threads += [threading.Thread(target=slow_client, args=(port, "127.0.0.2")) for _ in range(70)]
    probes = multiprocessing.Queue()
    probe = multiprocessing.Process(target=prober, args=(port, args.seconds, probes))
    probe.start()
    for t in threads:
        t.start()
    began = time.monotonic()
    while time.monotonic() - began < args.seconds and server.poll() is None:
        time.sleep(10)
        rss.append((round(time.monotonic() - began), rss_of(server.pid)))
        with lock:
            n = sum(len(v) for v in samples.values())
        print(f"  t={rss[-1][0]:4d}s requests={n} rss={rss[-1][1]:.0f} MB", flush=True)
    stop.set()
    while (item := probes.get()) is not None:
        healthz.append(item)
    probe.join()
    for t in threads:
        t.join(timeout=15)
    alive = server.poll() is None
    server.terminate()
    server.wait(timeout=30)

    report = {"seconds": args.seconds, "server_alive_at_end": alive, "routes": {}, "rss_mb": rss}
    fivexx = 0
    print(f"\n{'route':36} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for route in sorted(samples):
        rows = samples[route]
        lat = [s * 1000 for s, _ in rows]
        statuses = {}
        for _, st in rows:
            statuses[str(st)] = statuses.get(str(st), 0) + 1
        fivexx += sum(c for st, c in statuses.items() if st.startswith("5") and st != "503 budgeted")
        report["routes"][route] = {"requests": len(rows), "p50_ms": pct(lat, 0.5), "p99_ms": pct(lat, 0.99), "statuses": statuses}
        print(f"{route:36} {len(rows):8d} {pct(lat, 0.5):8.1f} {pct(lat, 0.99):8.1f}  {statuses}")
    h = [t * 1000 for t, _ in healthz]
    failed = sum(1 for _, ok in healthz if not ok)
    peak = max((m for _, m in rss if m), default=0)
    report.update({"5xx": fivexx, "healthz": {"probes": len(h), "failed": failed, "p99_ms": pct(h, 0.99), "max_ms": max(h, default=0)},
                   "rss_peak_mb": peak})
    print(f"\n5xx (other than budgeted 503): {fivexx}")
    print(f"/healthz: {len(h)} probes, {failed} failed, p99 {pct(h, 0.99):.1f} ms, max {max(h, default=0):.1f} ms")
    print(f"RSS every 10 s (MB): {[round(m or 0) for _, m in rss]}; peak {peak:.0f} MB (bound {args.rss_bound_mb:.0f})")
    if args.out:
        with open(args.out, "w") as f:
            json.dump(report, f, indent=1)
    ok = alive and fivexx == 0 and failed == 0 and max(h, default=0) < 100 and peak < args.rss_bound_mb
    print("soak:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


sys.exit(main())
