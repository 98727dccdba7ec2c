#!/usr/bin/env python3
"""Two `gpuscout serve` replicas on one PostgreSQL database (issue #21), as a
team runs them behind a load balancer:

1. both start at once on a fresh database (the migration race);
2. 1,000 uploads at once, half through each replica, a tenth retried through
   the other with the same Idempotency-Key: every acknowledged report is
   listed once through both, and each retry answers the first id; a scenario
   saved through one is listed through the other, and both answer the same
   price history from the store (seeded once);
3. the database stopped under load: uploads answer 503 with Retry-After and
   /readyz and the price history 503 while it is down; after it restarts the replicas serve again
   by themselves, and every upload that got a 2xx is stored once.

Usage: replicas.py GPUSCOUT_BINARY REPORT_JSON
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pg_cluster import PgCluster  # noqa: E402

BIN, REPORT = sys.argv[1], open(sys.argv[2], "rb").read()
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    failures += 0 if ok else 1


def start(url):
    p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--db", url], stderr=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, text=True)
    return p


def port_of(p):
    line = p.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        p.kill()
        sys.exit("serve did not start: " + line)
    threading.Thread(target=p.stderr.read, daemon=True).start()
    return int(m.group(1))


def request(port, path, body=None, key=None):
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST" if body else "GET", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, json.loads(r.read()), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null"), dict(e.headers)


def all_ids(port, path="/v1/probe-reports?limit=100"):
    ids = []
    while path:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as r:
            ids += [row["id"] for row in json.loads(r.read())]
            m = re.match(r"<([^>]+)>", r.headers.get("Link") or "")
            path = m.group(1) if m else ""
    return ids


def upload(ports, i, retry):
    status, body, _ = request(ports[i % 2], "/v1/probe-reports", REPORT, f"upload-{i}")
    if status != 201:
        return None, f"{status} {body}"
    if retry:
        again, body2, headers = request(ports[(i + 1) % 2], "/v1/probe-reports", REPORT, f"upload-{i}")
        if again != 200 or body2["id"] != body["id"] or headers.get("Idempotent-Replayed") != "true":
            return None, f"retry of {i}: {again} {body2}"
    return body["id"], None


def main():
    pg = PgCluster()
    replicas = []
    try:
        replicas = [start(pg.url), start(pg.url)]  # at once: both migrate under the lock
        ports = [port_of(p) for p in replicas]
        check(all(request(p, "/readyz")[0] == 200 for p in ports), "both replicas ready on one database")

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            results = list(pool.map(lambda i: upload(ports, i, i % 10 == 0), range(1000)))
        errors = [e for _, e in results if e]
        acked = [i for i, _ in results if i is not None]
        check(not errors, f"1,000 uploads through two replicas, 100 retried through the other ({errors[:2]})")
        for p in ports:
            listed = all_ids(p)
            check(sorted(listed) == sorted(acked) and len(set(listed)) == len(listed),
                  f"replica :{p} lists every acknowledged report once ({len(listed)} listed, {len(acked)} acknowledged)")
        status, saved, _ = request(ports[0], "/v1/scenarios", json.dumps({"kind": "recommend", "body": {"gpu_mem": 80}}).encode())
        listed = all_ids(ports[1], "/v1/scenarios?limit=10")
        check(status == 201 and saved["id"] in listed, "a scenario saved through one replica is listed through the other")
        history = "/v1/prices/history?vendor=azure&instance=Standard_NC24ads_A100_v4&region=eastus"
        answers = [request(p, history) for p in ports]
        points = [len(s["points"]) for s in answers[0][1].get("series", [])] if answers[0][0] == 200 else []
        check(answers[0][:2] == answers[1][:2] and points == [1, 1],
              f"both replicas answer the store's price history, seeded once though they started together ({points})")

        # The database goes away under load, and comes back.
        stop = threading.Event()
        outcomes = []

        def load(worker):
            n = 0
            while not stop.is_set():
                key = f"outage-{worker}-{n}"
                status, body, headers = request(ports[n % 2], "/v1/probe-reports", REPORT, key)
                outcomes.append((status, body.get("id") if isinstance(body, dict) else None, headers.get("Retry-After"), key))
                n += 1
                time.sleep(0.01)

        workers = [threading.Thread(target=load, args=(w,)) for w in range(4)]
        for w in workers:
            w.start()
        time.sleep(1)
        pg.stop()
        time.sleep(2)
        down_ready = request(ports[0], "/readyz")[0]
        down_history = request(ports[1], history)
        pg.start()
        time.sleep(3)
        stop.set()
        for w in workers:
            w.join()
        unavailable = [o for o in outcomes if o[0] == 503]
        created = [o for o in outcomes if o[0] == 201]
        other = [o for o in outcomes if o[0] not in (201, 503)]
        check(down_ready == 503, "/readyz answers 503 while the database is down")
        check(down_history[0] == 503 and down_history[2].get("Retry-After"),
              f"the price history answers 503 with Retry-After while it is down ({down_history[0]})")
        check(unavailable and all(o[2] for o in unavailable), f"{len(unavailable)} uploads answered 503 with Retry-After while it was down")
        check(not other, f"no other status ({other[:2]})")
        recovered = request(ports[1], "/v1/probe-reports", REPORT, "after-restart")
        check(recovered[0] == 201 and request(ports[0], "/readyz")[0] == 200, "both replicas serve again by themselves")
        listed = set(all_ids(ports[0]))
        check(all(o[1] in listed for o in created), f"every acknowledged upload during the outage is stored ({len(created)})")
    finally:
        for p in replicas:
            p.terminate()
            p.wait(timeout=20)
        pg.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
