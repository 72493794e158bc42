#!/usr/bin/env bash
# Sets optiscape's speed against its peers, measured in the same run on the same problems:
# optimizer steps/s against torch.optim and a plain numpy loop, frame render time against
# matplotlib (see peers.py for exactly what is measured). Not part of `swift test` or CI.
#
# Usage: benchmarks/compare.sh            (builds a release binary, makes a throwaway venv)
#   KEEP_VENV=DIR  reuse / keep the venv in DIR instead of a temporary one
#   SKIP_BUILD=1   use the existing .build/release/optiscape
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
venv=${KEEP_VENV:-$work/venv}

if [ ! -x "$venv/bin/python" ]; then
    echo "compare: installing torch (CPU), numpy and matplotlib into $venv" >&2
    python3 -m venv "$venv"
    # A CPU-only torch wheel is a few hundred MB instead of several GB with CUDA: take one
    # from pip's --find-links directories when there is one, else whatever pip chooses.
    wheel=""
    for dir in ${PIP_FIND_LINKS:-}; do
        for w in "$dir"/torch-*+cpu-*.whl; do [ -e "$w" ] && wheel=$w; done
    done
    "$venv/bin/pip" install --quiet "${wheel:-torch}" numpy matplotlib >&2
fi

if [ -z "${SKIP_BUILD:-}" ]; then
    swift build -c release >&2
fi
bin="$root/.build/release/optiscape"

echo "optiscape compare — $(date -u +%Y-%m-%d), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, $(uname -sr), release build"
"$bin" bench --only steps,frame --format json > "$work/optiscape.json"
"$venv/bin/python" "$root/benchmarks/peers.py" "$work/optiscape.json" "$bin"
"$bin" bench --only network --format json > "$work/network.json"
"$venv/bin/python" "$root/benchmarks/networks_torch.py" "$work/network.json"
