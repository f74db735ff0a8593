#!/usr/bin/env bash
# Generates the Python code and type stubs of every proto into one package.
# Usage: tools/gen_protos.sh [OUT_DIR]   (default: libs/civicpulse-protos/src)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/libs/civicpulse-protos/src}
py=${PYTHON:-$root/.venv/bin/python}
mkdir -p "$out"
find "$out/civicpulse" -name '*_pb2*' -delete 2>/dev/null || true
cd "$root/protos"
mapfile -t files < <(find civicpulse -name '*.proto' | sort)
"$py" -m grpc_tools.protoc -I. \
  --python_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-mypy="$(dirname "$py")/protoc-gen-mypy" \
  --plugin=protoc-gen-mypy_grpc="$(dirname "$py")/protoc-gen-mypy_grpc" \
  --mypy_out="$out" --mypy_grpc_out="$out" \
  "${files[@]}"
# Plain (non-namespace) packages for each generated directory below civicpulse/.
find "$out/civicpulse" -mindepth 1 -type d -exec sh -c 'for d; do [ -f "$d/__init__.py" ] || : > "$d/__init__.py"; done' _ {} +
