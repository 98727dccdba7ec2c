"""/openapi.json against the server's real answers.

Starts `gpuscout serve` on loopback, reads its OpenAPI document, and for
every route that answers JSON sends a real request and validates the answer
against the route's documented schema (JSON Schema 2020-12, as OpenAPI 3.1
uses, with Debian's python3-jsonschema). The sample request bodies are
validated against the documented request schemas too, and a body with a key
the reader does not take must fail the schema as it fails the server.

usage: check_openapi.py GPUSCOUT
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import jsonschema

BIN = sys.argv[1]
HOME = tempfile.mkdtemp()
PLAN = """workload: {model: Llama-2-13B, task: finetune, tokens: 1e8}
offers: [{vendor: aws, instance: p4d.24xlarge}]
"""
REPORT = json.loads(subprocess.run([BIN, "--format", "json", "probe", "--quick", "--no-gpu-bandwidth", "--no-host-bandwidth"],
                                   env={**os.environ, "GPUSCOUT_HOME": HOME}, capture_output=True, check=True).stdout)

# (method, path and query, body): at least one per route that answers JSON;
# some routes twice, for the shapes an answer takes (serving, all regions).
SAMPLES = [
    ("GET", "/healthz", None),
    ("GET", "/readyz", None),
    ("GET", "/v1/fleet", None),
    ("GET", "/v1/gpus", None),
    ("GET", "/v1/offers?gpu=H100:8&limit=5", None),
    ("GET", "/v1/offers?gpu=T4&spot=true&currency=CNY", None),
    ("GET", "/v1/vendors?gpu=A100", None),
    ("GET", "/v1/prices/history?vendor=aws&instance=p5.48xlarge", None),
    ("POST", "/v1/estimate", {"model": "Llama-3.1-8B", "task": "lora", "tokens": 1e8, "gpu": "H100"}),
    ("POST", "/v1/estimate", {"model": "Llama-3.1-70B", "task": "infer", "gpu": "L4", "rps": 1}),
    ("POST", "/v1/recommend", {"workload": {"model": "Llama-3.1-8B", "task": "lora", "tokens": 1e8}, "top": 3}),
    ("POST", "/v1/recommend", {"workload": {"model": "Llama-3.1-8B", "task": "serve", "rps": 2}, "top": 3}),
    ("POST", "/v1/recommend", {"gpu_mem": 80, "gpus": 8, "hours": 10, "purchase": "on-demand", "deadline": 0.001}),
    ("POST", "/v1/cost", {"vendor": "aws", "instance": "p5.48xlarge"}),
    ("POST", "/v1/cost", {"vendor": "aws", "instance": "g5.xlarge", "all_regions": True}),
    ("POST", "/v1/scale/simulate", {"example": "diurnal", "timeline": True}),
    ("POST", "/v1/lint", {"plan": PLAN}),
    ("POST", "/v1/alternatives", {"workload": {"model": "Llama-3.1-8B", "task": "infer"}, "cpu_gflops": 200, "cpu_bandwidth_gbps": 20}),
    ("POST", "/v1/probe-reports", REPORT),
    ("GET", "/v1/probe-reports", None),
    ("POST", "/v1/scenarios", {"kind": "estimate", "body": {"model": "Llama-3.1-8B", "task": "lora", "tokens": 1e8, "gpu": "H100"}}),
    ("GET", "/v1/scenarios", None),
    ("GET", "/v1/probe-reports/summary", None),
]

server = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--db", os.path.join(HOME, "g.db")],
                          env={**os.environ, "GPUSCOUT_HOME": HOME}, stderr=subprocess.PIPE, text=True)
url = None
deadline = time.time() + 20
while url is None and time.time() < deadline:
    line = server.stderr.readline()
    m = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
    if m:
        url = m.group(1)
if url is None:
    sys.exit("the server did not start")

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1


def call(method, path, body):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


try:
    _, doc = call("GET", "/openapi.json", None)
    check(doc.get("openapi", "").startswith("3.1"), "an OpenAPI 3.1 document")
    registry = {"$id": "doc", **doc}
    resolver = jsonschema.RefResolver.from_schema(registry)

    def validate(instance, ref):
        schema = {"$ref": ref}
        errors = sorted(jsonschema.Draft202012Validator(schema, resolver=resolver).iter_errors(instance), key=lambda e: e.path)
        return ["/".join(map(str, e.absolute_path)) + ": " + e.message[:160] for e in errors[:3]]

    covered = set()
    for method, path, body in SAMPLES:
        route = path.split("?")[0]
        op = doc["paths"].get(route, {}).get(method.lower())
        if op is None:
            check(False, f"{method} {route} is documented")
            continue
        covered.add((method, route))
        if body is not None:
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            problems = validate(body, ref)
            check(not problems, f"{method} {route}: the sample body fits {ref.split('/')[-1]}" + (f": {problems}" if problems else ""))
        status, answer = call(method, path, body)
        documented = [c for c in ("200", "201") if c in op["responses"] and "content" in op["responses"][c]]
        if str(status) not in documented:
            check(False, f"{method} {path}: status {status} is documented ({documented}): {json.dumps(answer)[:200]}")
            continue
        ref = op["responses"][str(status)]["content"]["application/json"]["schema"]["$ref"]
        problems = validate(answer, ref)
        check(not problems, f"{method} {path}: the answer fits {ref.split('/')[-1]}" + (f": {problems}" if problems else ""))

    # Every route that documents a JSON answer has a sample above.
    for route, ops in doc["paths"].items():
        for method, op in ops.items():
            has_schema = any("content" in r and "$ref" in r["content"].get("application/json", {}).get("schema", {})
                             for c, r in op["responses"].items() if c in ("200", "201"))
            if has_schema:
                check((method.upper(), route) in covered, f"{method.upper()} {route} is sampled")

    # The request schemas are the readers': a key the reader refuses fails them.
    ref = doc["paths"]["/v1/recommend"]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    check(bool(validate({"workload": {"model": "Llama-3.1-8B"}, "tpo": 3}, ref)), "an unknown key fails the request schema")
    check(bool(validate({"workload": {"model": "Llama-3.1-8B", "zero": 7}}, ref)), "a value out of the field's range fails it")
    status, _ = call("POST", "/v1/recommend", {"workload": {"model": "Llama-3.1-8B"}, "tpo": 3})
    check(status == 400, "and the server refuses the same body (400)")
finally:
    server.terminate()
    server.wait(timeout=10)

print(f"{failures} failed" if failures else "all passed")
sys.exit(1 if failures else 0)
