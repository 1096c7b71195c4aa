#!/usr/bin/env bash
# The main job: install what is missing, build, run the default study (cases/examples/quickstart.cfg:
# Breaking4 in 3D at the coarse level, six cases, about 13 minutes on 2 cores) and reduce it to drag
# savings, mile times, plots, ParaView files and the report.
# Extra arguments go to draft-cases, e.g. --jobs 1 or --mesh.level medium.
# Re-running reuses the build and every finished case.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${BUILD_DIR:-$root/build}"
out="${QUICKSTART_DIR:-$root/runs/quickstart}"

bash "$root/scripts/setup-deps.sh"
BUILD_DIR="$build" bash "$root/scripts/build.sh"

"$build/bin/draft-cases" sweep "$root/cases/examples/quickstart.cfg" -o "$out" "$@"
# The mesh and model-form studies of these formations (docs/validation.md): the report states what
# they say of the quickstart's level and cases rather than "no study given".
"$build/bin/draft-post" "$out" --discretisation "$root/docs/studies/mesh-gci-breaking4-3d.json" \
  --model-form "$root/docs/studies/model-form-coarse.json"

cat <<MSG

Results in $out:
  report.html            the whole study on one page (open it in a browser)
  manifest.json          every case, its parameters and status
  <case>/results.json    forces per runner (drag, side, lift, CdA, Cd)
  savings.csv / .json    the lead runner's drag saving against solo, with error bars
  bodies.csv             every runner's drag and saving (the lead and each pacer)
  fit.json               saving vs front gap, fitted per rear gap
  pacing.csv / .json     each formation's predicted mile time (docs/pacing-model.md)
  savings.png, pacers.png, history.png (+ .svg)
  flow/open-in-paraview.py  paraview --script=flow/open-in-paraview.py: a formation, stepping through its gaps
  flow/<formation>.pvd   each formation for ParaView, its time the gap
  flow/<case>/           chest-height slice (.vtp), runner surfaces (.vtm), speed.png
  <case>/case.foam       the OpenFOAM case, for ParaView's own reader
MSG
