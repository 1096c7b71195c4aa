#!/usr/bin/env bash
# The test suite: install what is missing, build, run every CTest label
# (unit, openfoam: OpenFOAM programs on tiny cases, cli, regression, browser: headless Chromium, cluster: a local Slurm, tests/cluster/). Extra arguments go to ctest, e.g. -L unit.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${BUILD_DIR:-$root/build}"

bash "$root/scripts/setup-deps.sh"
BUILD_DIR="$build" bash "$root/scripts/build.sh"

cd "$build"
ctest --output-on-failure -j "${JOBS:-$(nproc)}" "$@"
