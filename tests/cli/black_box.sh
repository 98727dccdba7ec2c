#!/usr/bin/env bash
# The built binary as a user runs it: exit codes and output on real data.
# usage: black_box.sh GPUSCOUT TESTDATA
set -u
BIN=$1
DATA=$2
FAKE_CUDA=$3
FAKE_NVML=$4
export GPUSCOUT_HOME=$(mktemp -d)
trap 'rm -rf "$GPUSCOUT_HOME"' EXIT
pass=0
fail=0
check() {  # check NAME EXPECTED_CODE GREP_PATTERN -- command...
  local name=$1 want=$2 pattern=$3
  shift 4
  local out code
  out=$("$@" 2>&1)
  code=$?
  if [ "$code" = "$want" ] && grep -qE -- "$pattern" <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit $code (want $want), output:"
    head -20 <<<"$out"
  fi
}
check make-run-query 0 'p4de.24xlarge' -- "$BIN" offers --gpu A100-80GB:8
check json-four-clouds 0 '"vendor": "lambda"' -- "$BIN" offers --gpu A100-80GB:8 --format json
check cny 0 'GT4\.' -- "$BIN" offers --gpu A100 --vendor tencent,alibaba --currency CNY
check t4-regions 0 'g4dn' -- "$BIN" offers --gpu T4 --vendor aws --all-regions
check rate-stated 0 '1 USD = 6\.9 CNY \(--cny-per-usd\)' -- "$BIN" offers --gpu A100:8 --currency USD --cny-per-usd 6.9
check gpu-list 0 ' L4 ' -- "$BIN" offers --gpu A10,L4
check gpu-list-one-count 2 'one GPU count for the whole list' -- "$BIN" offers --gpu A10:1,L20:2
check unknown-region 2 "no region of the catalog matches 'us-eest-1'; did you mean us-east-1" -- "$BIN" offers --gpu H100 --region us-eest-1
check unknown-gpu 2 'did you mean' -- "$BIN" offers --gpu H10O
# Usage mistakes are named, with the nearest right spelling and the command's own help (#23).
check unknown-command 2 "unknown command 'offer'; did you mean offers\\?" -- "$BIN" offer
check unknown-nested-command 2 "unknown command 'catalog improt'; did you mean catalog import\\?" -- "$BIN" catalog improt
check unknown-nested-command-scale 2 "unknown command 'scale simulat'; did you mean scale simulate\\?" -- "$BIN" scale simulat --example diurnal
check probe-instance-typo 2 'did you mean p5.4xlarge' -- "$BIN" probe --vendor aws --instance p5.4xlargee
check probe-vendor-typo 2 "unknown vendor 'amazon'" -- "$BIN" probe --vendor amazon --instance p5.48xlarge
check help-global-footer 0 'Global options it honours.*--currency USD\|CNY' -- "$BIN" recommend --help
check help-defaults 0 'micro-batch INT +Samples per GPU per step \(default 1 for LLMs' -- "$BIN" estimate --help
check unknown-command-after-global 2 "unknown command 'offer'; did you mean offers\\?" -- "$BIN" --format json offer
check unknown-option-hint 2 '--hours: did you mean --hours-per-month\?' -- "$BIN" cost --vendor aws --instance p5.48xlarge --hours 5
check bad-number-own-help 2 "Run 'gpuscout recommend --help'" -- "$BIN" recommend --model Llama-3.1-8B --task lora --tokens abc
check negative-max-price 2 '--max-price: expected a number, 0 or more, got -1' -- "$BIN" offers --max-price -1
check zero-max-nodes 2 '--max-nodes: 0 is out of range: expected 1 to 1024' -- "$BIN" recommend --model Llama-3.1-8B --task lora --tokens 2e8 --max-nodes 0
check no-match 1 'No offer matches' -- "$BIN" offers --gpu T4 --max-price 0.0001
check validate-bad 2 'bad_price.csv:3:33: Price: not a number' -- "$BIN" catalog validate --source-format skypilot --vendor lambda "$DATA/bad_price.csv"
check import-bad 2 'nothing was imported' -- "$BIN" catalog import --source-format skypilot --vendor lambda "$DATA/bad_gpu.csv"
check import-left-nothing 0 '^$' -- find "$GPUSCOUT_HOME" -type f -name "*.csv"
check import-unknown-vendor 2 "unknown vendor 'amazon'.*did you mean.*aws.*--private-vendor" -- "$BIN" catalog import --source-format skypilot --vendor amazon "$DATA/good_lambda.csv"
check import-old-format-spelling 0 'source-format' -- "$BIN" catalog validate --format skypilot --vendor lambda "$DATA/good_lambda.csv"
check validate-global-format-after 0 '"offers"' -- "$BIN" catalog validate --source-format skypilot --format json --vendor lambda "$DATA/good_lambda.csv"
check import-no-layout 2 'source-format' -- "$BIN" catalog validate --vendor lambda "$DATA/good_lambda.csv"
check import-private-vendor 0 'imported' -- "$BIN" catalog import --source-format skypilot --vendor mycloud --private-vendor "$DATA/good_lambda.csv"
check offers-private-vendor 0 'mycloud' -- "$BIN" offers --vendor mycloud
check import-good 0 'imported' -- "$BIN" catalog import --source-format skypilot --vendor lambda "$DATA/good_lambda.csv"
check imported-visible 0 'us-south-9' -- "$BIN" offers --region us-south-9
# An imported sheet's prices are as of the import: today, 0 days old, not stale.
check imported-price-age 0 "lambda prices as of $(date -u +%F), 0 days old \\(import: " -- "$BIN" offers --region us-south-9
check imported-not-stale 0 '"price_stale": false' -- "$BIN" --format json offers --region us-south-9
check snapshot-price-age 0 'gcp prices as of 2026-05-20, [0-9]+ days old \(snapshot: anycloud-sh/catalog gcp' -- "$BIN" offers --gpu L4:1 --vendor gcp
check undated-price-stale 0 'warning: prices older than 36500 days \(--max-price-age\) or of no recorded date: cudo' -- "$BIN" --max-price-age 36500 offers --vendor cudo
check max-price-age-range 2 'max-price-age' -- "$BIN" --max-price-age -1 offers
check info-prices 0 'alibaba +2024-12-31 +[0-9]+ +snapshot +693' -- "$BIN" catalog info
check info 0 'user catalog folder' -- "$BIN" catalog info
check zh 0 '厂商' -- "$BIN" --lang zh offers --gpu L4:1 --vendor gcp
check estimate-no-fit 1 'DOES NOT FIT: needs' -- "$BIN" estimate --model Llama-2-13B --task finetune --gpu A100-40GB --gpus 1
check estimate-fits 0 '^FITS' -- "$BIN" estimate --model Llama-2-13B --task finetune --gpu A100-80GB --gpus 8 --zero 3
check estimate-cnn-json 0 '"samples_per_s": [0-9]' -- "$BIN" estimate --model ResNet-50 --task cnn-train --gpu H100 --gpus 1 --precision fp16 --micro-batch 256 --format json
check estimate-bert-json 1 '"fits": false' -- "$BIN" estimate --model BERT-Large --task finetune --seq-len 384 --micro-batch 32 --precision fp16 --gpu T4 --format json
check serving-max-batch 0 'time to first token [0-9]+ ms' -- "$BIN" estimate --model Llama-3.1-70B --task infer --gpu H100 --gpus 8 --precision fp8 --prompt-tokens 2048 --output-tokens 128 --concurrency max
check serving-overloaded 0 'OVERLOADED' -- "$BIN" estimate --model Llama-3.1-8B --gpu L4 --rps 500
check serving-rps-pytorch 2 '\-\-rps: applies to LLM serving' -- "$BIN" estimate --model Llama-3.1-8B --gpu L4 --rps 5 --engine pytorch
check recommend-serve 0 'PER-M-TOKENS' -- "$BIN" recommend --task serve --model Llama-3.1-70B --rps 20 --prompt-tokens 1000 --output-tokens 300 --ttft-ms 2000 --tpot-ms 60
check recommend-serve-slo 1 'misses the latency SLO' -- "$BIN" recommend --task serve --model Llama-3.1-70B --rps 20 --tpot-ms 5
check recommend-ttft-no-rps 2 '\-\-ttft-ms' -- "$BIN" recommend --model Llama-3.1-8B --ttft-ms 500
check fp4-needs-blackwell 2 'fp4 needs a Blackwell GPU' -- "$BIN" estimate --model Llama-3.1-8B --gpu H100 --precision fp4
check estimate-offer 0 'A100-80GB' -- "$BIN" estimate --model Llama-3-8B --task lora --offer aws:p4de.24xlarge
check estimate-unknown-model 2 '--model: unknown model .Llama-9B.; did you mean' -- "$BIN" estimate --model Llama-9B --gpu H100
check estimate-negative 2 '--micro-batch: -4 is out of range' -- "$BIN" estimate --model Llama-2-7B --gpu H100 --micro-batch -4
check estimate-unknown-gpu 2 '--gpu: unknown GPU' -- "$BIN" estimate --model Llama-2-7B --gpu H1000
check estimate-zh 0 '权重' -- "$BIN" --lang zh estimate --model Llama-2-7B --gpu H100
check recommend-lora 0 'candidates priced' -- "$BIN" recommend --model Llama-3.1-8B --task lora --tokens 2e8 --deadline 24
check recommend-lora-json 0 '"total_cost"' -- "$BIN" recommend --model Llama-3.1-8B --task lora --tokens 2e8 --deadline 24 --format json
check recommend-bare 0 '"instance_type": "gpu_8x_a100_80gb_sxm4"' -- "$BIN" recommend --gpu-mem 80 --gpus 8 --hours 10 --purchase on-demand --vendor lambda,azure --format json
check recommend-impossible 1 'relax: a budget of' -- "$BIN" recommend --gpu-mem 80 --gpus 8 --hours 10 --budget 1
check recommend-bad 2 '--purchase: unknown option' -- "$BIN" recommend --gpu-mem 80 --purchase lease
check recommend-bad-number 2 '--gpu-mem' -- "$BIN" recommend --gpu-mem -1
check recommend-bare-and-workload 2 '--gpu-mem is a bare need' -- "$BIN" recommend --model llama-3-8b --task infer --gpu-mem 80
check recommend-gpus-per-node 0 '8 GPUs' -- "$BIN" recommend --model Llama-3.1-70B --task infer --gpus 8 --nodes 1 --top 3
check recommend-nodes-and-max-nodes 2 '--nodes fixes the node count and --max-nodes bounds the search' -- "$BIN" recommend --model Llama-3.1-8B --task lora --tokens 1e8 --nodes 2 --max-nodes 4
check offers-suspect-flags 0 'spot_copied: every row of this source file' -- "$BIN" offers --vendor runpod
check recommend-hours-and-dataset 2 '--hours prices a fixed time' -- "$BIN" recommend --model Llama-3.1-8B --task lora --tokens 1e8 --hours 5
check recommend-spot-vs-purchase 2 '--spot only asks for spot prices, but --purchase leaves spot out' -- "$BIN" recommend --gpu-mem 24 --spot only --purchase on-demand
check cost-p4d 0 'reserved-1y' -- "$BIN" cost --vendor aws --instance p4d.24xlarge --region us-east-1 --hours-per-month 300 --months 12
check cost-regions 0 'us-east-1' -- "$BIN" cost --vendor aws --instance p4d.24xlarge --all-regions
check cost-unknown 2 '--instance: no offer p4d.48xlarge' -- "$BIN" cost --vendor aws --instance p4d.48xlarge
check cost-bad-hours 2 '--hours-per-month' -- "$BIN" cost --vendor aws --instance p4d.24xlarge --hours-per-month 900
ROOT=$(cd "$(dirname "$DATA")/.." && pwd)
EX=$ROOT/examples/plans
check validate-suspect-rows 0 'vms_sample_1x_A100-80GB_SECURE.csv:2: spot_copied' -- "$BIN" catalog validate --source-format skypilot --vendor runpod "$ROOT/data/sources/runpod/vms_sample_1x_A100-80GB_SECURE.csv"
check lint-seed-vram 1 'GS001 memory-does-not-fit' -- "$BIN" lint "$EX/seed-vram.yaml"
check lint-seed-network 1 'GS003 network-no-rdma' -- "$BIN" lint "$EX/seed-network.yaml"
check lint-seed-driver 1 'GS006 compat-driver' -- "$BIN" lint "$EX/seed-driver.yaml"
check lint-good 0 '0 error' -- "$BIN" lint "$EX/good.yaml"
check lint-json 1 '"id": "GS001"' -- "$BIN" --format json lint "$EX/seed-vram.yaml"
check lint-sarif 1 '"version": "2.1.0"' -- "$BIN" lint --sarif "$EX/seed-driver.yaml"
printf 'workload:\n  task: lora\n  modle: x\n' > "$GPUSCOUT_HOME/bad.yaml"
check lint-unknown-key 2 'bad.yaml:3:3: workload.modle: unknown key' -- "$BIN" lint "$GPUSCOUT_HOME/bad.yaml"
printf 'offers: [\n' > "$GPUSCOUT_HOME/broken.yaml"
check lint-bad-yaml 2 'broken.yaml:[0-9]+:[0-9]+: not valid YAML' -- "$BIN" lint "$GPUSCOUT_HOME/broken.yaml"
check lint-missing 3 'cannot read' -- "$BIN" lint /nonexistent.yaml
check alternatives-llm 0 'remote-gpu-api' -- "$BIN" alternatives --task infer --model Llama-3.1-8B --rtt-ms 30
check alternatives-json 0 '"name": "vgpu-slice"' -- "$BIN" alternatives --task infer --model Llama-3.1-8B --rtt-ms 30 --format json
check alternatives-bad 2 '--rtt-ms' -- "$BIN" alternatives --task infer --model Llama-3.1-8B --rtt-ms -5
check vendors-json 0 '"vendor": "tencent"' -- "$BIN" vendors --format json
check vendors-gpu 0 'p4de.24xlarge' -- "$BIN" vendors --gpu A100-80GB
check vendors-rdma-json 0 '"technology": "EFA"' -- "$BIN" vendors --format json
check vendors-rdma-text 0 'InfiniBand on [0-9]+ instance type' -- "$BIN" vendors --gpu H100
check hpc-seed 0 '21.7 h for the job' -- "$BIN" estimate --task hpc --gpu MI250X --gpus 4 --nodes 8 --reference-nodes 128 --reference-hours 72 --reference-node-tflops 5.0176 --reference-node-gbps 409.6
check hpc-no-reference 2 '--reference-gpu' -- "$BIN" estimate --task hpc --gpu H100 --reference-hours 72
check hpc-recommend 0 'p5' -- "$BIN" recommend --task hpc --reference-nodes 128 --reference-hours 72 --reference-node-tflops 5.0176 --reference-node-gbps 409.6 --vendor aws --max-nodes 8
check stream-t4 0 '2 session\(s\) per GPU \(encoder-limited\); 5 GPU\(s\) for 10' -- "$BIN" estimate --task stream --gpu T4 --resolution 3840x2160 --fps 60 --sessions 10
check stream-no-nvenc 1 'NOT CARRIED' -- "$BIN" estimate --task stream --gpu H100 --resolution 3840x2160
check stream-bad-resolution 2 '--resolution' -- "$BIN" estimate --task stream --gpu T4 --resolution 4k
check stream-recommend 0 'g4dn.xlarge' -- "$BIN" recommend --task stream --resolution 3840x2160 --sessions 10 --vendor aws --region us-east-1 --top 50
check scale-example 0 'static fleet for the peak' -- "$BIN" scale simulate --example diurnal
check scale-example-json 0 '"static_fleet"' -- "$BIN" --format json scale simulate --example diurnal
check scale-seed-fleet 0 't4-infer' -- "$BIN" scale simulate --fleet "$ROOT/examples/fleets/seed.yaml" --example weekly
check scale-mixed-fleet 0 'llm-spot' -- "$BIN" scale simulate --fleet "$ROOT/examples/fleets/mixed.yaml"
check scale-step-fleet 1 'MISSED' -- "$BIN" scale simulate --fleet "$ROOT/examples/fleets/step.yaml" --example spiky
check scale-tune 0 'settings tried' -- "$BIN" scale tune --example diurnal --threads 2
check scale-tune-write 0 'settings tried' -- "$BIN" scale tune --fleet "$ROOT/examples/fleets/mixed.yaml" --write "$GPUSCOUT_HOME/tuned.yaml"
check scale-tuned-fleet-reads 0 'llm-spot' -- "$BIN" scale simulate --fleet "$GPUSCOUT_HOME/tuned.yaml"
check scale-tune-write-bad-dir 3 'no such folder' -- "$BIN" scale tune --example diurnal --write "$GPUSCOUT_HOME/nonexistent/x.yaml"
: > "$GPUSCOUT_HOME/empty.yaml"
check lint-directory 3 'it is a directory' -- "$BIN" lint /tmp
check lint-empty-plan 2 'the file is empty' -- "$BIN" lint "$GPUSCOUT_HOME/empty.yaml"
check scale-empty-fleet 2 'the file is empty' -- "$BIN" scale simulate --fleet "$GPUSCOUT_HOME/empty.yaml"
check scale-empty-trace 2 'the file is empty' -- "$BIN" scale simulate --example diurnal --trace "$GPUSCOUT_HOME/empty.yaml"
check catalog-directory 3 'it is a directory' -- "$BIN" catalog validate --source-format skypilot /tmp
check scale-timeline-bad-dir 3 'no such folder' -- "$BIN" scale simulate --example diurnal --timeline "$GPUSCOUT_HOME/nodir/sub/tl.csv"
check scale-timeline 0 'timeline: [0-9]+ rows' -- "$BIN" scale simulate --example diurnal --timeline "$GPUSCOUT_HOME/tl.csv"
check scale-no-input 2 '--fleet' -- "$BIN" scale simulate
check scale-bad-example 2 "unknown example 'hourly'" -- "$BIN" scale simulate --example hourly
printf 'timestamp,rps\n2026-01-05T00:01:00+08:00,5\n2026-01-05T00:00:00+08:00,6\n' > "$GPUSCOUT_HOME/unsorted.csv"
check scale-bad-trace 2 'unsorted.csv:3' -- "$BIN" scale simulate --example diurnal --trace "$GPUSCOUT_HOME/unsorted.csv"
printf 'price: 1\ncapacity_rps: 4\nmax_nodes: 2\nschedule:\n  - {cron: "0 25 * * *", min_nodes: 1}\n' > "$GPUSCOUT_HOME/badcron.yaml"
check scale-bad-cron 2 'badcron.yaml:5:[0-9]+: schedule\[\].cron' -- "$BIN" scale simulate --fleet "$GPUSCOUT_HOME/badcron.yaml" --example diurnal
printf 'price: 1\ncapacity_rps: 4\nmax_nodes: 2\ntimezone: Mars/Base\n' > "$GPUSCOUT_HOME/badtz.yaml"
check scale-bad-tz 2 'badtz.yaml:4:[0-9]+: timezone' -- "$BIN" scale simulate --fleet "$GPUSCOUT_HOME/badtz.yaml" --example diurnal
# What the fuzzing and abuse run found, as the CLI meets it: exit 2 with the place named, never 134 or a hang.
printf 'price: 1\ncapacity_rps: 4\nmax_nodes: 2\nschedule:\n  - {cron: "0 0 30 2 *", min_nodes: 1}\n' > "$GPUSCOUT_HOME/never.yaml"
check scale-never-fires 2 'never.yaml:5:[0-9]+: schedule\[\].cron: .*never fires' -- timeout 20 "$BIN" scale simulate --fleet "$GPUSCOUT_HOME/never.yaml" --example diurnal
printf '? [a, b]\n: 1\n' > "$GPUSCOUT_HOME/key.yaml"
check lint-non-scalar-key 2 'key.yaml:1:[0-9]+: .*expected a name as the key' -- "$BIN" lint "$GPUSCOUT_HOME/key.yaml"
check scale-non-scalar-key 2 'key.yaml:1:[0-9]+' -- "$BIN" scale simulate --fleet "$GPUSCOUT_HOME/key.yaml" --example diurnal
printf 'timestamp,rps\n0,5\n1,6\n3155760000,7\n' > "$GPUSCOUT_HOME/century.csv"
check scale-century-trace 2 'more than the 8000000' -- timeout 20 "$BIN" scale simulate --example diurnal --trace "$GPUSCOUT_HOME/century.csv" --tick 60
printf 'workload:\n  task: infer\n  model: Llama-3.1-8B\n  layers: 1e10\n' > "$GPUSCOUT_HOME/layers.yaml"
check lint-huge-int 2 'layers.yaml:4:[0-9]+: workload.layers' -- "$BIN" lint "$GPUSCOUT_HOME/layers.yaml"
utf8="$GPUSCOUT_HOME/$(printf 'plan\xff').yaml"  # a file name that is not UTF-8, echoed into the JSON
cp "$ROOT/examples/plans/good.yaml" "$utf8"
check lint-invalid-utf8-json 0 '"plan": ".*plan�\.yaml"' -- "$BIN" --format json lint "$utf8"
dup="$GPUSCOUT_HOME/dir:with:colon"
mkdir -p "$dup"
{ head -2 "$DATA/good_lambda.csv"; sed -n 2p "$DATA/good_lambda.csv"; } > "$dup/vms.csv"
check validate-colon-path 2 'dir:with:colon/vms.csv:3:.*duplicate offer' -- "$BIN" catalog validate --source-format skypilot --vendor lambda "$dup/vms.csv"
check stream-alternatives 0 'remote-rendering' -- "$BIN" alternatives --task stream --resolution 3840x2160 --sessions 4 --cpu-gflops 100 --cpu-bandwidth-gbps 20
check probe-cpu-only 0 'No GPU is on this machine' -- "$BIN" probe --quick --no-host-bandwidth
check probe-json-schema 0 '"schema": "gpuscout.probe/1"' -- "$BIN" --format json probe --quick --no-host-bandwidth
check probe-fake-driver 0 '"catalog_gpu": "T4"' -- env GPUSCOUT_LIBCUDA="$FAKE_CUDA" GPUSCOUT_LIBNVML="$FAKE_NVML" "$BIN" --format json probe --quick --no-host-bandwidth
check probe-fake-stub 1 'CUDA_ERROR_STUB_LIBRARY \(34\)' -- env FAKE_CUDA_MODE=stub GPUSCOUT_LIBCUDA="$FAKE_CUDA" GPUSCOUT_LIBNVML="$FAKE_NVML" "$BIN" probe --quick --no-host-bandwidth
check probe-shortfall 1 'vCPUs +4 +2 +NO' -- env GPUSCOUT_LIBCUDA="$FAKE_CUDA" GPUSCOUT_LIBNVML="$FAKE_NVML" "$BIN" probe --quick --no-host-bandwidth --vendor aws --instance g4dn.xlarge
check probe-bad-net 2 '--net: expected HOST:PORT' -- "$BIN" probe --net nowhere
check probe-refused 0 'cannot connect' -- "$BIN" probe --quick --no-host-bandwidth --net 127.0.0.1:1
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" probe --serve-echo "$PORT" --bind 127.0.0.1 --seconds 5 2>/dev/null &
sleep 0.5
check echo-port-taken 3 'cannot listen' -- "$BIN" probe --serve-echo "$PORT" --bind 127.0.0.1 --seconds 1
wait
# serve: start on a free port, a probe uploads its report, the token is
# enforced, SIGTERM stops it cleanly (exit 0) and the report is still there.
printf 's3cret\n' > "$GPUSCOUT_HOME/token"
"$BIN" serve --listen 127.0.0.1:0 --db "$GPUSCOUT_HOME/serve.db" --token-file "$GPUSCOUT_HOME/token" 2> "$GPUSCOUT_HOME/serve.log" &
SERVE_PID=$!
for _ in $(seq 50); do grep -q 'http://' "$GPUSCOUT_HOME/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$GPUSCOUT_HOME/serve.log" | head -1)
check serve-healthz 0 '"status":"ok"' -- python3 -c "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1]+'/healthz').read().decode())" "$URL"
check serve-port-in-use 3 "cannot listen on ${URL#http://} \\(in use by another program" -- "$BIN" serve --listen "${URL#http://}" --db "$GPUSCOUT_HOME/serve2.db"
check serve-no-token 1 '401' -- python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]+'/v1/gpus')" "$URL"
check probe-upload-no-token 2 'refused the report \(401\)' -- env GPUSCOUT_LIBCUDA="$FAKE_CUDA" GPUSCOUT_LIBNVML="$FAKE_NVML" "$BIN" probe --quick --no-host-bandwidth --vendor aws --instance g4dn.xlarge --upload "$URL"
check probe-upload 1 'uploaded to .* as report 1' -- env GPUSCOUT_LIBCUDA="$FAKE_CUDA" GPUSCOUT_LIBNVML="$FAKE_NVML" "$BIN" probe --quick --no-host-bandwidth --vendor aws --instance g4dn.xlarge --upload "$URL" --token-file "$GPUSCOUT_HOME/token"
check serve-reports 0 '"instance_type": "g4dn.xlarge"' -- python3 -c "import urllib.request,sys,json; r=urllib.request.Request(sys.argv[1]+'/v1/probe-reports', headers={'Authorization':'Bearer s3cret'}); print(json.dumps(json.load(urllib.request.urlopen(r))[0], indent=1)[:2000])" "$URL"
kill -TERM "$SERVE_PID"
wait "$SERVE_PID"
check serve-sigterm-exit 0 '^0$' -- echo "$?"
check serve-stopped 0 'stopped' -- cat "$GPUSCOUT_HOME/serve.log"
check serve-db-kept 0 '^1$' -- python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from probe_reports').fetchone()[0])" "$GPUSCOUT_HOME/serve.db"
check serve-bad-listen 2 '--listen' -- "$BIN" serve --listen nowhere
check upload-unreachable 3 'cannot reach http://127.0.0.1:1 \(3 attempts\): the connection was refused or the host is unreachable' -- env GPUSCOUT_LIBCUDA="$FAKE_CUDA" GPUSCOUT_LIBNVML="$FAKE_NVML" "$BIN" probe --quick --no-host-bandwidth --upload http://127.0.0.1:1
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
