#!/usr/bin/env bash
# Load on the REST API over loopback with wrk: /v1/offers and /v1/recommend for
# DURATION seconds each (default 30), 2 threads and 32 connections; requests/s,
# latency percentiles, and the server's resident memory before, between and
# after (it should stay flat). wrk repeats one request, which the answer cache
# then serves: /v1/recommend is measured again on a server started with
# --cache 0, where every request is computed.
# usage: bench/serve_wrk.sh [build/gpuscout] [seconds]
set -euo pipefail
BIN=${1:-build/gpuscout}
DURATION=${2:-30}
TMP=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; kill ${PID0:-} 2>/dev/null || true; rm -rf "$TMP"' EXIT
"$BIN" serve --listen 127.0.0.1:0 --db "$TMP/g.db" 2> "$TMP/log" &
PID=$!
for _ in $(seq 50); do grep -q 'http://' "$TMP/log" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/log" | head -1)
rss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$PID/status; }
cat > "$TMP/recommend.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"workload": {"model": "Llama-3.1-8B", "task": "lora", "tokens": 2e8}, "deadline": 24, "top": 10}'
LUA
curl -s "$URL/v1/offers?gpu=A100-80GB:8" > /dev/null
echo "RSS at start: $(rss)"
echo "== GET /v1/offers?gpu=A100-80GB:8"
wrk -t2 -c32 -d"${DURATION}s" --latency "$URL/v1/offers?gpu=A100-80GB:8" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
echo "RSS after offers: $(rss)"
echo "== POST /v1/recommend (LoRA Llama-3.1-8B, 2e8 tokens, 24 h, whole catalog)"
wrk -t2 -c32 -d"${DURATION}s" --latency -s "$TMP/recommend.lua" "$URL/v1/recommend" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
echo "RSS after recommend: $(rss)"
echo "== POST /v1/recommend, answer cache off (--cache 0): every request computed"
"$BIN" serve --listen 127.0.0.1:0 --db "$TMP/g0.db" --cache 0 2> "$TMP/log0" &
PID0=$!
for _ in $(seq 50); do grep -q 'http://' "$TMP/log0" && break; sleep 0.1; done
URL0=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/log0" | head -1)
wrk -t2 -c32 -d"${DURATION}s" --latency -s "$TMP/recommend.lua" "$URL0/v1/recommend" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
for c in 2 8 16; do
  echo "   with $c connections:"
  wrk -t2 -c$c -d"$(( DURATION / 3 > 5 ? DURATION / 3 : 5 ))s" --latency -s "$TMP/recommend.lua" "$URL0/v1/recommend" | grep -E "Requests/sec|99%"
done
echo "RSS of that server: $(awk '/VmRSS/ {print $2 " kB"}' /proc/$PID0/status)"
kill $PID0
echo "== GET /v1/offers again"
wrk -t2 -c32 -d"${DURATION}s" --latency "$URL/v1/offers?gpu=A100-80GB:8" | grep -E "Requests/sec|99%"
echo "RSS at end: $(rss)"
