#!/usr/bin/env bash
# Runs `gpuscout probe` on a GPU machine and keeps what it found, with
# nvidia-smi's view and two references: PyTorch's device-to-device copy, and
# the CUDA toolkit's stub libcuda (which must be recognised as a stub).
# usage: scripts/device-probe.sh GPUSCOUT OUTDIR
set -u
BIN=$1
OUT=$2
mkdir -p "$OUT"
nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1
nvidia-smi -q > "$OUT/nvidia-smi-q.txt" 2>&1
name=$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)
case "$name" in
  *H200*) offer=(--vendor vast --instance 1x-H200-32-65536) ;;
  *H100*) offer=(--vendor aws --instance p5.4xlarge) ;;
  *) offer=() ;;
esac
"$BIN" probe --serve-echo 7777 --bind 127.0.0.1 --seconds 120 2>/dev/null &
echo_pid=$!
sleep 1
"$BIN" --format json probe "${offer[@]}" --net 127.0.0.1:7777 > "$OUT/probe.json"
echo "probe (json) exit $?"
"$BIN" probe "${offer[@]}" --net 127.0.0.1:7777 > "$OUT/probe.txt" 2>&1
echo "probe (table) exit $?"
kill $echo_pid
stub=$(ls /usr/local/cuda*/lib64/stubs/libcuda.so /usr/local/cuda*/targets/x86_64-linux/lib/stubs/libcuda.so 2>/dev/null | head -1)
if [ -n "$stub" ]; then
  GPUSCOUT_LIBCUDA=$stub "$BIN" --format json probe --no-gpu-bandwidth --no-host-bandwidth \
    > "$OUT/probe-stub.json"
  echo "with the toolkit's stub ($stub): exit $?"
fi
python3 - > "$OUT/torch-copy.txt" 2>&1 <<'PY'
import torch
n = 1 << 30
a = torch.randint(0, 255, (n,), dtype=torch.uint8, device="cuda")
b = torch.empty_like(a)
for _ in range(3):
    b.copy_(a)
times = []
for _ in range(20):
    s = torch.cuda.Event(enable_timing=True)
    e = torch.cuda.Event(enable_timing=True)
    s.record(); b.copy_(a); e.record(); e.synchronize()
    times.append(s.elapsed_time(e))
times.sort()
ms = times[len(times) // 2]
print(f"torch copy_ of 1 GiB: median {ms:.3f} ms = {2 * n / ms / 1e6:.0f} GB/s (read + write)")
PY
cat "$OUT/probe.txt" "$OUT/torch-copy.txt"
python3 -c "import json;d=json.load(open('$OUT/probe-stub.json'));print('stub:',d['cuda']['error'])" 2>/dev/null
