#!/usr/bin/env bash
# Runs every fuzz target for N seconds under ASan + UBSan, each from a corpus
# seeded with the project's own inputs (examples/, tests/data/, data/sources/,
# fuzz/seeds/), and prints executions, executions per second and findings.
# Usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
set -euo pipefail
build=$1 seconds=$2
shift 2
root="$(cd "$(dirname "$0")/.." && pwd)"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv catalog_source plan fleet trace cron request probe_report http refresh)

seed() {  # seed TARGET DIR: fills DIR with the target's seed inputs (small prefixes of big files)
  local t=$1 d=$2 f n=0
  mkdir -p "$d"
  case $t in
    csv|trace)
      for f in "$root"/examples/traces/*.csv "$root"/tests/data/*.csv "$root"/data/sources/*/*.csv; do
        head -c 4000 "$f" > "$d/$(basename "$f").$((n++))"
      done ;;
    catalog_source)
      for f in "$root"/tests/data/*.csv "$root"/data/sources/*/*.csv; do
        for k in 0 1 2 3 4 5 6; do { printf "\\x$(printf %02x $k)"; head -c 4000 "$f"; } > "$d/$(basename "$f").$k"; done
      done ;;
    plan) cp "$root"/examples/plans/*.yaml "$root"/fuzz/seeds/plan/* "$d"/ ;;
    fleet) cp "$root"/examples/fleets/*.yaml "$d"/ ;;
    probe_report) cp "$root"/docs/probe-h200/probe.json "$d"/ ;;
    cron|request|http) cp "$root"/fuzz/seeds/$t/* "$d"/ ;;
    refresh)  # each API's fixture behind the byte that picks its reader
      local k=0
      for f in aws/us-east-1.json azure/eastus-page1.json vast/bundles.json oci/products.json runpod/gpu_types.json; do
        { printf "\\x$(printf %02x $k)"; head -c 8000 "$root/tests/data/refresh/$f"; } > "$d/$(basename "$f").$k"
        k=$((k + 1))
      done
      for f in tencent.json lambda.json gcp.json credentials.env alibaba.json; do
        { printf "\\x$(printf %02x $k)"; cat "$root/fuzz/seeds/refresh/$f"; } > "$d/$f.$k"
        k=$((k + 1))
      done ;;
  esac
}

status=0
printf '%-16s %12s %10s %s\n' target executions exec/s result
for t in "${targets[@]}"; do
  corpus="$build/fuzz/corpus/$t"
  seeds="$build/fuzz/seeds/$t"
  mkdir -p "$corpus" "$build/fuzz/findings/$t"
  rm -rf "$seeds"
  seed "$t" "$seeds"
  log="$build/fuzz/$t.log"
  if "$build/fuzz/${t}_fuzz" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=8192 -print_final_stats=1 \
       -artifact_prefix="$build/fuzz/findings/$t/" "$corpus" "$seeds" > "$log" 2>&1; then
    result="no finding"
  else
    result="FINDING: see $log and $build/fuzz/findings/$t/"
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  printf '%-16s %12s %10s %s\n' "$t" "${execs:-?}" "${speed:-?}" "$result"
done
exit $status
