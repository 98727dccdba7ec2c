#!/usr/bin/env bash
# Loopback TCP latency: `probe --net` against `probe --serve-echo`, compared
# with sockperf ping-pong (Debian package sockperf) in the same run: within 2x.
# sockperf reports one-way latency (half the round trip); gpuscout reports the
# round trip, so half of gpuscout's median is compared with sockperf's.
# usage: net_vs_sockperf.sh GPUSCOUT
set -eu
BIN=$1
export GPUSCOUT_HOME=$(mktemp -d)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Both tools run with the same placement: servers on the last CPU, clients on
# the first. Unpinned, the scheduler sometimes put gpuscout's client beside its
# echo server (a same-CPU wake-up, 4.5 us round trip) while sockperf's pair sat
# on two CPUs (38 us one way): one CI run saw gpuscout at [4.6, 4.5, 81, 85,
# 4.5] us against sockperf's steady 38, a median ratio of 0.06 that measured
# the scheduler, not the probe.
last_cpu=$(( $(nproc) - 1 ))
SERVER="taskset -c $last_cpu"
CLIENT="taskset -c 0"
P1=$(port)
$SERVER "$BIN" probe --serve-echo "$P1" --bind 127.0.0.1 --seconds 120 2>/dev/null &
echo_pid=$!
P2=$(port)
$SERVER sockperf server --tcp -i 127.0.0.1 -p "$P2" > /dev/null 2>&1 &
sp_pid=$!
trap 'kill $echo_pid $sp_pid 2>/dev/null; rm -rf "$GPUSCOUT_HOME"' EXIT
sleep 1
# Five rounds, interleaved, so both tools see the same machine; each side's
# median round is compared. A 2-core VM moves loopback latency a lot, and not
# only up: one CI run saw rounds of 38, 12 and 70 us, another gpuscout at 4.4,
# 72 and 74 us against sockperf at 34, 34 and 39 (a lucky wake-up), which a
# best-of-rounds compared as 0.06. The median of five drops one outlier on
# either side.
ours_all=""
theirs_all=""
for round in 1 2 3 4 5; do
  json=$($CLIENT "$BIN" --format json probe --no-gpu-bandwidth --no-host-bandwidth --net "127.0.0.1:$P1")
  ours_all="$ours_all $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["network"][0]["rtt_median_us"])' "$json")"
  theirs_all="$theirs_all $($CLIENT sockperf ping-pong --tcp -i 127.0.0.1 -p "$P2" -t 1 -m 64 2>&1 | awk '/percentile 50.000 =/ {print $NF}')"
done
python3 - "$ours_all" "$theirs_all" <<'PY'
import sys
ours = [float(x) for x in sys.argv[1].split()]
theirs = [float(x) for x in sys.argv[2].split()]
print("rounds: gpuscout RTT", ours, "sockperf one-way", theirs)
rtt, one_way = sorted(ours)[len(ours) // 2], sorted(theirs)[len(theirs) // 2]
ratio = (rtt / 2) / one_way
print(f"loopback TCP, 64-byte messages, median of 5 rounds: gpuscout RTT median {rtt:.1f} us (one way {rtt/2:.1f}), "
      f"sockperf one-way median {one_way:.1f} us, ratio {ratio:.2f}")
ok = 0.5 <= ratio <= 2.0
print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
sys.exit(0 if ok else 1)
PY
