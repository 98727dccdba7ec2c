#!/usr/bin/env python3
"""gpuscout serve as an operator meets it: killed (SIGKILL) in the middle of
concurrent uploads, then restarted on the same database; stopped (SIGTERM)
while slow clients hold connections.

Checks: after SIGKILL, PRAGMA integrity_check is ok and every upload that got
a 2xx is stored; a retry with the same Idempotency-Key after the restart gets
the first id back; SIGTERM ends the process within the drain time even with a
client trickling headers.

Usage: crash_safety.py GPUSCOUT_BINARY REPORT_JSON
"""
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BIN, REPORT = sys.argv[1], sys.argv[2]


def start(db):
    p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--db", db, "--drain-s", "5"],
                         stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    line = p.stderr.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        p.kill()
        sys.exit("serve did not start: " + line)
    threading.Thread(target=p.stderr.read, daemon=True).start()  # keep draining its log
    return p, int(m.group(1))


def post(port, body, key):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/probe-reports", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Idempotency-Key": key})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, json.loads(r.read())["id"]


def all_ids(port):
    ids, path = set(), "/v1/probe-reports?limit=100"
    while path:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            ids |= {row["id"] for row in json.loads(r.read())}
            link = r.headers.get("Link") or ""
            m = re.match(r"<([^>]+)>", link)
            path = m.group(1) if m else ""
    return ids


def kill_during_uploads(tmp):
    db = os.path.join(tmp, "g.db")
    body = open(REPORT, "rb").read()
    server, port = start(db)
    acked, lock, stop = {}, threading.Lock(), threading.Event()

    def uploader(n):
        i = 0
        while not stop.is_set():
            key = f"t{n}-{i}"
            try:
                status, rid = post(port, body, key)
                if status in (200, 201):
                    with lock:
                        acked[key] = rid
            except (urllib.error.URLError, ConnectionError, OSError):
                pass  # the server died under this request: not acknowledged
            i += 1

    threads = [threading.Thread(target=uploader, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for t in threads:
        t.join()
    assert acked, "no upload was acknowledged before the kill"
    con = sqlite3.connect(db)
    check = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    assert check == "ok", f"integrity_check after SIGKILL: {check}"
    server, port = start(db)
    try:
        stored = all_ids(port)
        lost = sorted(set(acked.values()) - stored)
        assert not lost, f"{len(lost)} acknowledged uploads missing after SIGKILL: {lost[:10]}"
        key, rid = next(iter(acked.items()))
        status, again = post(port, body, key)
        assert (status, again) == (200, rid), f"retry of {key}: {status} id {again}, expected 200 id {rid}"
        print(f"SIGKILL during uploads: {len(acked)} acknowledged, all stored; integrity_check ok; retry answered id {rid}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def stop_with_slow_clients(tmp):
    server, port = start(os.path.join(tmp, "s.db"))
    slow = []
    for _ in range(5):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nX-A: 1\r\n")  # headers never finished
        slow.append(s)
    time.sleep(0.3)
    began = time.monotonic()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    took = time.monotonic() - began
    for s in slow:
        s.close()
    assert took < 5, f"SIGTERM took {took:.1f} s with slow clients connected"
    print(f"SIGTERM with 5 slow clients: stopped in {took:.2f} s")


with tempfile.TemporaryDirectory() as tmp:
    kill_during_uploads(tmp)
    stop_with_slow_clients(tmp)
