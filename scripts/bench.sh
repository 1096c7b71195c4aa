#!/usr/bin/env bash
# Benchmarks (not tests): prints tables and writes runs/bench/bench.json.
#   1. draftFoam vs stock simpleFoam, same 2D formation case, mesh and schemes: s per iteration.
#   2. Settled-drag stop vs a fixed 2000-iteration run: iterations used and drag error.
#   --3d LEVEL instead: the 3D Breaking4 sweep (cases/examples/breaking4-3d.cfg) at LEVEL, two cases
#   at a time, and a table of per-case cost (cells, meshing, solving, core-minutes) from each
#   results.json; finished cases in runs/bench/3d-LEVEL are reused, so a long medium run resumes.
#   --reduce N instead: draft-post on a sweep of N cases (+ solo) with synthetic results and
#   1500-iteration force histories: seconds to reduce without images (goal <= 10 s for 100) and with.
#   --slurm N instead: N 2D cases through a local one-node Slurm cluster (tests/cluster) with
#   --wait, against the sum of the case times over the slots (goal: <= 5 % overhead).
#   --mpi LEVEL instead: one 3D case (--preset solo|ahead, default ahead: a pacer 1.3 m ahead;
#   fine level: about 0.8 M cells, solo 0.44 M) for a fixed number of iterations, serial and then
#   on 2 MPI ranks: solver speed-up (goal >= 1.8x at >= 500 k cells).
# Usage: scripts/bench.sh [--repeat N] [--level coarse|medium|fine]
#        scripts/bench.sh --3d coarse|medium|fine [-- draft-cases overrides, e.g. --solver.max_iterations 250]
#        scripts/bench.sh --reduce N
#        scripts/bench.sh --slurm N [--iterations K]   (K per case, default 2500: 35-50 s cases)
#        scripts/bench.sh --mpi coarse|medium|fine [--preset solo|ahead] [--iterations N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${BUILD_DIR:-$root/build}"
out="${BENCH_DIR:-$root/runs/bench}"
repeat=3
level=medium
level3d=""
reduce=""
slurm=""
mpi=""
iterations=""
preset=ahead
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --level) level="$2"; shift 2 ;;
    --3d) level3d="${2:-}"; shift 2 ;;
    --reduce) reduce="${2:-}"; shift 2 ;;
    --slurm) slurm="${2:-}"; shift 2 ;;
    --mpi) mpi="${2:-}"; shift 2 ;;
    --iterations) iterations="${2:-}"; shift 2 ;;
    --preset) preset="${2:-}"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done

bash "$root/scripts/setup-deps.sh" >/dev/null
BUILD_DIR="$build" bash "$root/scripts/build.sh" >/dev/null
mkdir -p "$out"
cases="$build/bin/draft-cases"

if [ -n "$mpi" ]; then
  case "$mpi" in coarse|medium|fine) ;; *) echo "bench.sh: --mpi '$mpi': expected coarse|medium|fine" >&2; exit 1 ;; esac
  iterations="${iterations:-100}"
  case "$iterations" in ''|*[!0-9]*) echo "bench.sh: --iterations '$iterations': expected a number" >&2; exit 1 ;; esac
  case "$preset" in solo|ahead) ;; *) echo "bench.sh: --preset '$preset': expected solo|ahead" >&2; exit 1 ;; esac
  # Kipyegon in 3D: the same case twice through draft-cases, serial and then --np 2, each
  # meshed afresh (snappyHexMesh is deterministic, so both solve the same cells). A fixed number
  # of iterations, below runnerDrag's minimum for the settled stop, so both do the same work.
  cat > "$out/mpi.cfg" <<CFG
name = mpi-bench
[athlete]
height = 1.57
mass = 42
[run]
mile_time = 4:00.00
air_density = 1.18
[formation]
preset = $preset
[sweep]
front_gap = 1.3
[mesh]
dimension = 3
level = $mpi
[solver]
turbulence = kOmegaSST
max_iterations = $iterations
tolerance = 1e-12
CFG
  for ranks in 1 2; do
    rm -rf "$out/mpi-$preset-$mpi-np$ranks"
    "$cases" sweep "$out/mpi.cfg" -o "$out/mpi-$preset-$mpi-np$ranks" --jobs 1 --np "$ranks" >/dev/null || true
  done
  python3 - "$out" "$mpi" "$preset" <<'PY'
import json, sys
out, level, preset = sys.argv[1], sys.argv[2], sys.argv[3]
names = [c["name"] for c in json.load(open(f"{out}/mpi-{preset}-{level}-np1/manifest.json"))["cases"]]
report = {"level": level, "iterations_fixed": True, "cases": {}}
print(f"\nMPI speed-up on 2 ranks, 3D at the {level} level, the same iterations serial and parallel")
print(f"   {'case':<14}{'cells':>9}{'iter':>6}{'serial s':>10}{'2 ranks s':>11}{'cut+join s':>11}"
      f"{'speed-up':>10}{'with cut':>10}{'drag diff %':>13}")
for name in names:
    runs = {}
    for ranks in (1, 2):
        r = json.load(open(f"{out}/mpi-{preset}-{level}-np{ranks}/{name}/results.json"))
        if not r.get("bodies"):
            sys.exit(f"bench.sh: {name} on {ranks} rank(s) failed: {r.get('reason')}")
        t = r["timing_s"]
        runs[ranks] = {"cells": r["mesh"]["cells"], "iterations": r["iterations"], "solver_s": t["draftFoam"],
                       "decompose_s": t.get("decomposePar", 0.0), "reconstruct_s": t.get("reconstructPar", 0.0),
                       "lead_drag_N": r["bodies"]["lead"]["drag_N"]}
    serial, parallel = runs[1], runs[2]
    cut = parallel["decompose_s"] + parallel["reconstruct_s"]
    row = {"cells": serial["cells"], "iterations": serial["iterations"], "runs": runs,
           "solver_speedup": serial["solver_s"] / parallel["solver_s"],
           "speedup_with_decompose": serial["solver_s"] / (parallel["solver_s"] + cut),
           "lead_drag_difference_pct": 100 * abs(parallel["lead_drag_N"] / serial["lead_drag_N"] - 1)}
    report["cases"][name] = row
    print(f"   {name:<14}{row['cells']:>9}{row['iterations']:>6}{serial['solver_s']:>10.1f}{parallel['solver_s']:>11.1f}"
          f"{cut:>11.1f}{row['solver_speedup']:>9.2f}x{row['speedup_with_decompose']:>9.2f}x"
          f"{row['lead_drag_difference_pct']:>13.3f}")
print("   goal: solver speed-up >= 1.8x on 2 ranks for a case of >= 500 k cells")
json.dump(report, open(f"{out}/bench-mpi-{preset}-{level}.json", "w"), indent=2)
print(f"   machine-readable: {out}/bench-mpi-{preset}-{level}.json")
PY
  exit 0
fi

if [ -n "$slurm" ]; then
  case "$slurm" in ''|*[!0-9]*) echo "bench.sh: --slurm '$slurm': expected a number of cases" >&2; exit 1 ;; esac
  iterations="${iterations:-2500}"
  case "$iterations" in ''|*[!0-9]*) echo "bench.sh: --iterations '$iterations': expected a number" >&2; exit 1 ;; esac
  cluster=$(mktemp -d /tmp/drafting-slurm-bench.XXXXXX)
  trap 'bash "$root/tests/cluster/slurm-cluster.sh" stop "$cluster" >/dev/null 2>&1 || true; rm -rf "$cluster"' EXIT
  eval "$(bash "$root/tests/cluster/slurm-cluster.sh" start "$cluster")"
  slots=$(nproc)
  sweep="$out/slurm-$slurm"
  rm -rf "$sweep"
  # N - 1 pacer gaps plus solo, 2D at the medium level with 2500 iterations by default: cases of
  # 35-50 s, long beside Slurm's latencies; --iterations stretches them towards 3D case lengths.
  gaps=$(python3 -c "print(', '.join(str(round(0.8 + 0.1 * i, 2)) for i in range($slurm - 1)))")
  printf 'name = slurm-bench\n[formation]\npreset = ahead\n[sweep]\nfront_gap = %s\n[mesh]\nlevel = medium\n[solver]\nmax_iterations = %s\ntolerance = 1e-12\n' \
    "$gaps" "$iterations" > "$out/slurm.cfg"
  start=$(date +%s.%N)
  "$cases" sweep "$out/slurm.cfg" -o "$sweep" --backend slurm --jobs "$slots" --wait >/dev/null
  end=$(date +%s.%N)
  # What the chained reduce job spends in draft-post, timed again here to tell it apart.
  r0=$(date +%s.%N); "$build/bin/draft-post" "$sweep" -o "$sweep/reduce-timing" >/dev/null 2>&1; r1=$(date +%s.%N)
  # Slurm's own record of every job (1 s resolution): when the array's tasks and the reduce job ran.
  scontrol -o show job "$(python3 -c "import json;print(json.load(open('$sweep/slurm/jobs.json'))['array_job_id'])")" \
    > "$out/slurm-jobs.txt" 2>/dev/null || true
  scontrol -o show job "$(python3 -c "import json;print(json.load(open('$sweep/slurm/jobs.json'))['reduce_job_id'])")" \
    >> "$out/slurm-jobs.txt" 2>/dev/null || true
  BENCH_ITERATIONS="$iterations" python3 - "$sweep" "$start" "$end" "$slots" "$out" "$r0" "$r1" <<'PY'
import datetime, heapq, json, os, sys
sweep, start, end, slots, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
reduce_s = float(sys.argv[7]) - float(sys.argv[6])
manifest = json.load(open(f"{sweep}/manifest.json"))
order = [line.split()[1] for line in open(f"{sweep}/slurm/cases.txt") if line.strip()]
durations = {}
for entry in manifest["cases"]:
    r = json.load(open(f"{sweep}/{entry['name']}/results.json"))
    durations[entry["name"]] = sum(r.get("timing_s", {}).values())
total = sum(durations.values())
wall = end - start
ideal = total / slots
# The same cases in the array's order on the same slots with no scheduling cost at all: what any
# scheduler would reach with these case lengths (the unevenness of the last wave).
free = [0.0] * slots
for name in order:
    heapq.heappush(free, heapq.heappop(free) + durations[name])
packed = max(free)
# Slurm's times: the first task's start after submission, the reduce job's start after the last task.
jobs = []
for line in open(f"{out}/slurm-jobs.txt") if os.path.exists(f"{out}/slurm-jobs.txt") else []:
    fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
    def t(key):
        try:
            return datetime.datetime.strptime(fields.get(key, ""), "%Y-%m-%dT%H:%M:%S").timestamp()
        except ValueError:
            return None
    jobs.append({"name": fields.get("JobName", ""), "submit": t("SubmitTime"), "start": t("StartTime"), "end": t("EndTime")})
tasks = [j for j in jobs if not j["name"].endswith("-reduce") and j["start"]]
reduce_job = next((j for j in jobs if j["name"].endswith("-reduce")), None)
timeline = {}
if tasks and reduce_job and reduce_job["start"]:
    timeline = {"submit_to_first_task_s": min(j["start"] for j in tasks) - min(j["submit"] for j in tasks),
                "last_task_to_reduce_start_s": reduce_job["start"] - max(j["end"] for j in tasks),
                "reduce_job_s": reduce_job["end"] - reduce_job["start"]}
print(f"\nSlurm sweep of {len(manifest['cases'])} 2D cases ({os.environ['BENCH_ITERATIONS']} iterations each)"
      f" on a local one-node cluster, {slots} slots")
print(f"   {'quantity':<52}{'s':>8}")
print(f"   {'sum of case times (mesh + solve)':<52}{total:>8.1f}")
print(f"   {'ideal wall = sum / slots':<52}{ideal:>8.1f}")
print(f"   {'same order, same slots, no scheduling cost':<52}{packed:>8.1f}")
print(f"   {'measured wall (submit to reduce done, --wait)':<52}{wall:>8.1f}")
print(f"   {'of which the reduce job (draft-post, timed apart)':<52}{reduce_s:>8.1f}")
for key, label in (("submit_to_first_task_s", "Slurm: submission to first task start (1 s steps)"),
                   ("last_task_to_reduce_start_s", "Slurm: last task end to reduce start (1 s steps)")):
    if key in timeline:
        print(f"   {label:<52}{timeline[key]:>8.0f}")
overhead = 100 * ((wall - reduce_s) / ideal - 1)
print(f"   overhead of the array {overhead:.1f} %   goal <= 5 %;  with the reduce job {100 * (wall / ideal - 1):.1f} %")
print(f"   of which uneven last wave {100 * (packed / ideal - 1):.1f} %, scheduling and start-up "
      f"{100 * (wall - reduce_s - packed) / ideal:.1f} %")
json.dump({"cases": len(manifest["cases"]), "iterations_per_case": int(os.environ["BENCH_ITERATIONS"]),
           "slots": slots, "sum_case_s": total, "ideal_wall_s": ideal,
           "no_cost_wall_s": packed, "wall_s": wall, "reduce_s": reduce_s, "overhead_pct": overhead,
           "overhead_with_reduce_pct": 100 * (wall / ideal - 1),
           "uneven_last_wave_pct": 100 * (packed / ideal - 1),
           "scheduling_pct": 100 * (wall - reduce_s - packed) / ideal, "slurm_timeline_s": timeline},
          open(f"{out}/bench-slurm.json", "w"), indent=2)
print(f"   machine-readable: {out}/bench-slurm.json")
PY
  exit 0
fi

if [ -n "$reduce" ]; then
  case "$reduce" in ''|*[!0-9]*) echo "bench.sh: --reduce '$reduce': expected a number of cases" >&2; exit 1 ;; esac
  sweep="$out/reduce-$reduce"
  rm -rf "$sweep"
  # The cases draft-cases would write (front gaps x rear gaps), then results as a solver would leave them.
  backs=4
  fronts=$(( (reduce + backs - 1) / backs ))
  cat > "$out/reduce.cfg" <<CFG
name = reduce-bench
[formation]
preset = ahead-behind
[sweep]
front_gap = 0.8:$(python3 -c "print(round(0.8 + 0.05 * ($fronts - 1), 4))"):0.05
back_gap = 0.8, 1.0, 1.2, 1.4
CFG
  "$cases" generate "$out/reduce.cfg" -o "$sweep" --max-cases 100000 >/dev/null
  python3 - "$sweep" <<'PY'
import json, math, os, random, sys
sweep = sys.argv[1]
random.seed(1)
manifest = json.load(open(f"{sweep}/manifest.json"))
for entry in manifest["cases"]:
    p = entry["parameters"]
    g = p.get("front_gap_m")
    saving = 0.0 if g is None else math.exp(-(g / 2.3) ** 1.7)
    drags = {"lead": 7.08 * (1 - saving), "pacer1": 6.7, "pacer2": 3.0}
    if entry["name"] == "solo":
        drags = {"lead": 7.08}
    bodies = {b: {"drag_N": d, "side_N": 0.01, "lift_N": 0.1, "drag_std_N": 0.01, "drag_ci95_N": 0.02,
                  "cda_m2": d / 26.53, "cd": d / 9.48, "reference_area_m2": 0.357} for b, d in drags.items()}
    case = f"{sweep}/{entry['name']}"
    json.dump({"case": entry["name"], "status": "ok", "reason": "", "iterations": 1500, "converged": True,
               "bodies": bodies, "mesh": {"cells": 25000}}, open(f"{case}/results.json", "w"))
    os.makedirs(f"{case}/postProcessing/runnerDrag/0", exist_ok=True)
    with open(f"{case}/postProcessing/runnerDrag/0/runnerDrag.dat", "w") as f:
        f.write("# Runner forces [N] in the runner's frame\n# Iteration\t" +
                "\t".join(f"{b}_drag\t{b}_side\t{b}_lift" for b in drags) + "\n")
        for i in range(1, 1501):
            f.write(f"{i}\t" + "\t".join(f"{d * (1 + 0.5 * math.exp(-i / 200)):.8e}\t1e-2\t1e-1"
                                          for d in drags.values()) + "\n")
    entry["status"] = "ok"
json.dump(manifest, open(f"{sweep}/manifest.json", "w"), indent=1)
PY
  n=$(python3 -c "import json;print(len(json.load(open('$sweep/manifest.json'))['cases']))")
  t0=$(date +%s.%N); "$build/bin/draft-post" "$sweep" --no-plot >/dev/null; t1=$(date +%s.%N)
  "$build/bin/draft-post" "$sweep" >/dev/null 2>&1; t2=$(date +%s.%N)
  python3 - "$out" "$n" "$t0" "$t1" "$t2" <<'PY'
import json, sys
out, n, t0, t1, t2 = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:])
tables, full = t1 - t0, t2 - t1
print(f"\ndraft-post on a {n}-case sweep (synthetic results, 1500-iteration histories)")
print(f"   {'reduction':<34}{'wall s':>8}")
print(f"   {'tables + fit + pacing (--no-plot)':<34}{tables:>8.2f}   goal <= 10 s for 100 cases")
print(f"   {'everything, with plots and report':<34}{full:>8.2f}")
json.dump({"cases": n, "no_plot_s": tables, "full_s": full}, open(f"{out}/bench-reduce.json", "w"), indent=2)
print(f"   machine-readable: {out}/bench-reduce.json")
PY
  exit 0
fi

if [ -n "$level3d" ]; then
  case "$level3d" in coarse|medium|fine) ;; *) echo "bench.sh: --3d '$level3d': expected coarse|medium|fine" >&2; exit 1 ;; esac
  sweep="$out/3d-$level3d"
  start=$(date +%s)
  "$cases" sweep "$root/cases/examples/breaking4-3d.cfg" -o "$sweep" --jobs 2 --mesh.level "$level3d" \
    ${extra[@]+"${extra[@]}"} >/dev/null || true
  wall=$(( $(date +%s) - start ))
  python3 - "$sweep" "$level3d" "$wall" <<'PY'
import json, os, sys
sweep, level, wall = sys.argv[1], sys.argv[2], int(sys.argv[3])
manifest = json.load(open(f"{sweep}/manifest.json"))
rows, report = [], {"level": level, "wall_s_this_call": wall, "cases": {}}
print(f"\n3D Breaking4 sweep, {level} level ({sweep}); times from each case's results.json")
print(f"   {'case':<24}{'status':>8}{'cells':>9}{'mesh s':>8}{'solve s':>9}{'iter':>6}{'s/iter':>8}{'core-min':>9}{'lead N':>9}")
for entry in manifest["cases"]:
    path = f"{sweep}/{entry['name']}/results.json"
    if not os.path.exists(path):
        print(f"   {entry['name']:<24}{'not run':>8}")
        continue
    r = json.load(open(path))
    t = r.get("timing_s", {})
    mesh = sum(v for k, v in t.items() if k in ("blockMesh", "snappyHexMesh", "checkMesh"))
    solve = sum(v for k, v in t.items() if k in ("draftFoam", "simpleFoam"))
    it = r.get("iterations", 0)
    lead = r.get("bodies", {}).get("lead", {}).get("drag_N")
    row = {"status": r["status"], "cells": r["mesh"]["cells"], "mesh_s": mesh, "solve_s": solve,
           "iterations": it, "s_per_iteration": solve / it if it else None,
           "core_minutes": (mesh + solve) / 60.0, "lead_drag_N": lead}
    report["cases"][entry["name"]] = row
    spi = f"{row['s_per_iteration']:.3f}" if it else "-"
    leadtxt = f"{lead:.3f}" if isinstance(lead, (int, float)) else "-"
    print(f"   {entry['name']:<24}{r['status']:>8}{row['cells']:>9}{mesh:>8.0f}{solve:>9.0f}{it:>6}{spi:>8}"
          f"{row['core_minutes']:>9.1f}{leadtxt:>9}")
print("   (one case per core; goal: lead drag with <= 5% GCI in <= 60 core-minutes per formation)")
json.dump(report, open(f"{sweep}/bench-3d.json", "w"), indent=2)
print(f"   machine-readable: {sweep}/bench-3d.json")
PY
  exit 0
fi

cat > "$out/formation.cfg" <<CFG
name = bench
[formation]
preset = ahead-behind
[sweep]
front_gap = 1.3
back_gap = 1.0
CFG

# 1. Cost per iteration: a fixed number of iterations (tolerance too small to stop early), one
#    case at a time so the two solvers never share the cores.
for app in draftFoam simpleFoam; do
  for i in $(seq 1 "$repeat"); do
    "$cases" sweep "$out/formation.cfg" -o "$out/cost-$app-$i" --jobs 1 --force \
      --formation.preset ahead --solver.application "$app" --solver.max_iterations 400 \
      --solver.tolerance 1e-12 --mesh.level "$level" >/dev/null
  done
done

# 1b. Instructions per iteration (callgrind counts instructions, not seconds: the other core's load
#     does not change them). The difference of a 30- and a 10-iteration run cancels the start-up.
count_instructions() {  # app iterations → instructions
  local app=$1 n=$2 dir="$out/instr-$1-$2"
  "$cases" generate "$out/formation.cfg" -o "$dir" --formation.preset ahead --solver.application "$app" \
    --solver.max_iterations "$n" --solver.tolerance 1e-12 --mesh.level "$level" >/dev/null
  local c="$dir/ahead-f1.3"
  (cd "$c" && for step in blockMesh "snappyHexMesh -overwrite" extrudeMesh changeDictionary; do
     WM_PROJECT_DIR=/usr/share/openfoam $step >/dev/null 2>&1; done
   rm -f constant/polyMesh/{cellLevel,pointLevel,level0Edge,surfaceIndex}
   local exe=$app; [ "$app" = draftFoam ] && exe="$build/bin/draftFoam"
   WM_PROJECT_DIR=/usr/share/openfoam LD_LIBRARY_PATH="$build/lib" \
     valgrind --tool=callgrind --callgrind-out-file=callgrind.out "$exe" >/dev/null 2>callgrind.log)
  awk '/^summary:|^totals:/ {print $2; exit}' "$c/callgrind.out"
}
if command -v valgrind >/dev/null; then
  for app in draftFoam simpleFoam; do
    echo "$app $(count_instructions $app 10) $(count_instructions $app 30)" >> "$out/instructions.txt.tmp"
  done
  mv "$out/instructions.txt.tmp" "$out/instructions.txt"
fi

# 2. Settled-drag stop against a fixed 2000-iteration run of the same case.
"$cases" sweep "$out/formation.cfg" -o "$out/fixed-2000" --jobs 2 --force \
  --solver.max_iterations 2000 --solver.tolerance 1e-12 >/dev/null
"$cases" sweep "$out/formation.cfg" -o "$out/settled" --jobs 2 --force \
  --solver.max_iterations 2000 --solver.tolerance 1e-12 \
  --solver.settled_tolerance 0.001 --solver.settled_window 50 >/dev/null

python3 - "$out" "$repeat" "$level" <<'PY'
import json, sys
out, repeat, level = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def result(d, case): return json.load(open(f"{out}/{d}/{case}/results.json"))
report = {"level": level, "repeat": repeat, "cost": {}, "settled": {}}
rows = []
for app in ("draftFoam", "simpleFoam"):
    per = []
    for i in range(1, repeat + 1):
        r = result(f"cost-{app}-{i}", "ahead-f1.3")
        per.append(r["timing_s"][app] / r["iterations"])
    report["cost"][app] = {"s_per_iteration_min": min(per), "runs": per, "cells": r["mesh"]["cells"],
                           "iterations": r["iterations"], "lead_drag_N": r["bodies"]["lead"]["drag_N"]}
ratio = report["cost"]["draftFoam"]["s_per_iteration_min"] / report["cost"]["simpleFoam"]["s_per_iteration_min"]
report["cost"]["ratio"] = ratio
import os
instr = {}
if os.path.exists(f"{out}/instructions.txt"):
    for line in open(f"{out}/instructions.txt"):
        app, i10, i30 = line.split()
        instr[app] = (int(i30) - int(i10)) / 20.0
    report["cost"]["instructions_per_iteration"] = instr
    report["cost"]["instruction_ratio"] = instr["draftFoam"] / instr["simpleFoam"]
print(f"\n1. Cost per iteration ({level} 2D case, {report['cost']['draftFoam']['cells']} cells, "
      f"400 iterations, best of {repeat})")
print(f"   {'solver':<12}{'s/iteration':>14}{'lead drag [N]':>16}")
for app in ("draftFoam", "simpleFoam"):
    c = report["cost"][app]
    print(f"   {app:<12}{c['s_per_iteration_min']:>14.5f}{c['lead_drag_N']:>16.6f}")
print(f"   ratio draftFoam / simpleFoam = {ratio:.3f} (wall time; goal <= 1.02)")
if instr:
    print(f"   instructions per iteration (callgrind, 30 minus 10 iterations): draftFoam {instr['draftFoam']:.4g},"
          f" simpleFoam {instr['simpleFoam']:.4g}, ratio {report['cost']['instruction_ratio']:.4f}")

print("\n2. Settled-drag stop vs fixed 2000 iterations (coarse 2D ahead-behind 1.3 m / 1.0 m)")
print(f"   {'case':<26}{'fixed it':>9}{'settled it':>11}{'share':>8}{'body':>8}{'drag err':>10}")
for case in ("solo", "ahead-behind-f1.3-b1"):
    f, s = result("fixed-2000", case), result("settled", case)
    errs = {b: abs(s["bodies"][b]["drag_N"] - f["bodies"][b]["drag_N"]) / abs(f["bodies"][b]["drag_N"])
            for b in f["bodies"]}
    worst = max(errs, key=errs.get)
    share = s["iterations"] / f["iterations"]
    report["settled"][case] = {"fixed_iterations": f["iterations"], "settled_iterations": s["iterations"],
                               "share": share, "stop": s.get("stop"), "drag_rel_error": errs}
    print(f"   {case:<26}{f['iterations']:>9}{s['iterations']:>11}{share:>8.1%}{worst:>8}{errs[worst]:>10.4%}")
print("   goal: drag within 0.5% of the 2000-iteration value using <= 40% of the iterations")
json.dump(report, open(f"{out}/bench.json", "w"), indent=2)
print(f"\n   machine-readable: {out}/bench.json")
PY
