#!/usr/bin/env bash
# The hand-off files against the tools' published schemas (issue #20):
# gpuscout writes each format for real answers, and the files are validated
# by kubernetes-models (Kubernetes, KEDA, Karpenter) and python3-jsonschema
# (SkyPilot's and dstack's schemas, vendored in tests/data/schemas/). A
# broken copy of each must be refused, so that no validator passes blindly.
# Usage: check.sh GPUSCOUT OUTDIR
set -euo pipefail
bin=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"
cd "$out"

job=(recommend --model Llama-3.1-8B --task lora --tokens 2e8 --vendor aws --purchase on-demand --disk-gb 200)
spot_job=(recommend --gpu-mem 80 --gpus 8 --nodes 2 --hours 10 --vendor gcp --spot only)
serve=(recommend --model Llama-3.1-8B --task serve --rps 20 --prompt-tokens 500 --output-tokens 200 --vendor aws --gpu L40S,L4)
for fmt in skypilot dstack k8s; do
  "$bin" "${job[@]}" --emit $fmt > job.$fmt.yaml
  "$bin" "${spot_job[@]}" --emit $fmt > spot.$fmt.yaml
  "$bin" "${serve[@]}" --emit $fmt > serve.$fmt.yaml
done
for fmt in hpa keda karpenter; do
  "$bin" scale tune --fleet "$root/examples/fleets/k8s.yaml" --emit $fmt > tuned.$fmt.yaml
done

# Broken copies: a wrong type, an unknown key, a wrong enum value.
sed 's/maxReplicas: \([0-9]*\)/maxReplicas: "\1x"/' tuned.hpa.yaml > broken.hpa.yaml
sed 's/minReplicaCount: \([0-9]*\)/minReplicaCount: "many"/' tuned.keda.yaml > broken.keda.yaml
sed 's/operator: In/operator: Within/' tuned.karpenter.yaml > broken.karpenter.yaml
sed 's/completionMode: Indexed/completionMode: 7/; s/replicas: \([0-9]*\)/replicas: "\1x"/' job.k8s.yaml > broken.k8s.yaml
sed 's/use_spot: false/use_spots: false/' job.skypilot.yaml > broken.skypilot.yaml
sed 's/spot_policy: on-demand/spot_policy: sometimes/' job.dstack.yaml > broken.dstack.yaml

node "$here/validate.mjs" job.k8s.yaml spot.k8s.yaml serve.k8s.yaml tuned.hpa.yaml tuned.keda.yaml tuned.karpenter.yaml \
  --expect-invalid broken.hpa.yaml --expect-invalid broken.keda.yaml --expect-invalid broken.karpenter.yaml \
  --expect-invalid broken.k8s.yaml
python3 "$here/validate_schema.py" "$root/tests/data/schemas/skypilot_task.schema.json" job.skypilot.yaml spot.skypilot.yaml \
  serve.skypilot.yaml --expect-invalid broken.skypilot.yaml
python3 "$here/validate_schema.py" "$root/tests/data/schemas/dstack_run.schema.json" job.dstack.yaml spot.dstack.yaml \
  serve.dstack.yaml --expect-invalid broken.dstack.yaml
