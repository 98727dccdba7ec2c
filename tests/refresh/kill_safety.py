#!/usr/bin/env python3
"""Killing `gpuscout catalog refresh` at any moment leaves the previous catalog intact.

A loopback server replays the AWS offer file fixture; a first refresh stores it. Then
refreshes against a slow server (which would store a different price) are killed with
SIGKILL at several moments of the download: each time the stored file must be byte for byte
the same and the catalog must still load with the first refresh's price. A last slow refresh
left to finish does change the file, so the check can fail.

usage: kill_safety.py GPUSCOUT FIXTURE_DIR
"""
import hashlib
import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

BIN, FIXTURES = sys.argv[1], sys.argv[2]
BODY = open(os.path.join(FIXTURES, "aws", "us-east-1.json"), "rb").read()
SLOW_BODY = BODY.replace(b'"54.2000000000"', b'"53.9000000000"')
PATH = "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json"
ADVISOR = open(os.path.join(FIXTURES, "aws", "spot-advisor-data.json"), "rb").read()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        slow = self.server.slow
        body = SLOW_BODY if slow else BODY
        if self.path == "/spot-advisor-data.json":
            body, slow = ADVISOR, False
        elif self.path != PATH:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        step = 400 if slow else len(body)
        for i in range(0, len(body), step):
            try:
                self.wfile.write(body[i:i + step])
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return
            if slow:
                time.sleep(0.04)

    def log_message(self, *args):
        pass


def serve(slow):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.slow = slow
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d" % server.server_address[1]


def refresh(url):
    return ["catalog", "refresh", "--vendor", "aws", "--region", "us-east-1", "--endpoint", url]


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def p5_price(env):
    out = subprocess.run([BIN, "offers", "--vendor", "aws", "--region", "us-east-1", "--gpu", "H100:8",
                          "--format", "json"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return [o["price_hour"] for o in json.loads(out.stdout) if o["instance_type"] == "p5.48xlarge"][0]


def main():
    home = tempfile.mkdtemp(prefix="gpuscout-kill-")
    env = dict(os.environ, GPUSCOUT_HOME=home)
    fast, fast_url = serve(False)
    slow, slow_url = serve(True)
    first = subprocess.run([BIN] + refresh(fast_url), env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stdout + first.stderr
    stored = os.path.join(home, "catalog", "aws", "gpuscout-refresh.csv")
    before = digest(stored)
    assert p5_price(env) == 54.2
    failures = 0
    for delay in (0.05, 0.2, 0.4, 0.8, 1.2):
        proc = subprocess.Popen([BIN] + refresh(slow_url), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is not None:
            print("FAIL: the slow refresh finished before %.2f s; the test is not killing anything" % delay)
            failures += 1
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if digest(stored) != before or p5_price(env) != 54.2:
            print("FAIL: killed after %.2f s, the stored prices changed" % delay)
            failures += 1
    done = subprocess.run([BIN] + refresh(slow_url), env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or digest(stored) == before or p5_price(env) != 53.9:
        print("FAIL: a refresh left to finish did not store its prices:", done.stdout, done.stderr)
        failures += 1
    fast.shutdown()
    slow.shutdown()
    subprocess.run(["rm", "-rf", home])
    print("kill safety: %d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
