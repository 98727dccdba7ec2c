#!/usr/bin/env bash
# deploy/ (issue #21): the Kubernetes manifests validated against
# Kubernetes' OpenAPI (kubernetes-models, tests/emit), and the container's
# runtime stage checked to install the package of every shared library the
# built binary links (its NEEDED entries). A broken copy must be refused.
# Usage: check.sh GPUSCOUT OUTDIR
set -euo pipefail
bin=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"

sed 's/replicas: 2/replicas: two/' "$root/deploy/k8s/gpuscout.yaml" > "$out/broken-deployment.yaml"
node "$root/tests/emit/validate.mjs" "$root"/deploy/k8s/*.yaml --expect-invalid "$out/broken-deployment.yaml"

# The runtime stage's packages: the apt-get install line after the last FROM.
runtime=$(awk '/^FROM /{stage=$0; text=""} {text=text"\n"$0} END{print text}' "$root/deploy/Dockerfile")
missing=0
for lib in $(readelf -d "$bin" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p'); do
  path=$(ldd "$bin" | awk -v l="$lib" '$1 == l {print $3}')
  pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path")
  pkg=${pkg%%:*}
  case $pkg in libc6|libgcc-s1|libstdc++6) continue ;; esac  # in every Debian image (apt needs them)
  if grep -qw -- "$pkg" <<<"$runtime"; then
    echo "ok   $lib: $pkg installed by the runtime stage"
  else
    echo "FAIL $lib: $pkg is not installed by deploy/Dockerfile's runtime stage"
    missing=1
  fi
done
exit $missing
