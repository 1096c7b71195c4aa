#!/usr/bin/env bash
# Verification studies (issue 13): long runs anyone can rerun, each resumable (finished cases are
# kept by draft-cases, and a case cut off mid-solve continues from its last checkpoint, written every
# 10 minutes of the solver's wall-clock time: a study longer than a session is run again until it is done), each
# printing a table and writing its reduced figures under docs/studies/.
#
#   long-run LEVEL [--iterations N]
#       Iterative convergence: the Breaking4 headline cases (solo, pacer 1.3 m ahead, pacer 1.0 m
#       behind alone, and the pair) at LEVEL, once with the settled-drag stop of
#       cases/examples/breaking4-3d.cfg and once for N iterations (default 3000) without any stop.
#       For each runner: the stopped mean with its 95 % interval and drift, the long-run mean, and
#       whether the stopped value lies within its stated iterative uncertainty (interval and drift
#       in quadrature, as the error bars of savings.csv) of the long-run mean.
#       Writes docs/studies/long-run-LEVEL.json. Cases live in runs/study/long-run-LEVEL/.
#
#       --reduce-only: no runs, only the table and the JSON from the cases finished so far (a
#       session that ends mid-study records what it has; rows need the case in both sweeps).
#
#   domain LEVEL
#       Domain and inflow sensitivity: cases/examples/domain-3d.cfg (solo, pacer 1.3 m ahead) at
#       LEVEL in the box of template 6's first version (3 m upstream, 6 m downstream, 2.5 m
#       beside, 1.45 m above; inflow nu_t/nu = 10), then with each side doubled in turn (the side
#       also quadrupled: doubling it moved the saving by more than 0.5 points, so the default is
#       now 5 m) and with the inflow's eddy-viscosity ratio at 1 and the old inflow (length scale
#       0.1 m, nu_t/nu ~ 290). For each: solo drag, the lead's
#       drag, the saving and how far it moved from the default's, blockage and cells. Writes
#       docs/studies/domain-LEVEL.json; cases in runs/study/domain-LEVEL/VARIANT/.
#
#   model-form LEVEL
#       Model-form checks (issue 13, item 4): cases/examples/model-form-3d.cfg (the Breaking4
#       settings) at LEVEL, one model changed at a time:
#         base    steady k-omega SST with wall functions (the study's model): solo, pacer 1.3 m
#                 ahead, pacer 1.0 m behind alone;
#         low-re  the runners meshed to y+ ~ 1 (mesh.wall_treatment = low-re), steady: solo, ahead;
#         urans   PIMPLE (solver.mode = transient), forces averaged over 3 flow-throughs after one
#                 of start-up, no settled stop: solo, ahead, behind. Courant number up to 4 with 3
#                 outer correctors: at Co <= 1 the near-wall cells make the coarse ahead case cost
#                 ~18 CPU-hours, at Co 4 ~10; Co 8 (~5) raised a 2D section's mean drag by 6.5 %,
#                 Co 4 by 1.1 % (scripts/study.sh courant; docs/validation.md, "URANS: what the
#                 time step costs").
#                 Resumable: a killed case restarts from its last checkpoint (every 10 minutes).
#       Each variant has its own solo runner, so each saving is that model's ratio of two drags.
#       For every formation: the lead's drag and saving with its iterative uncertainty under each
#       model, how far each model moved the saving from base, and the spread (the largest move),
#       which docs/validation.md states as the model-form uncertainty of that saving: a spread of
#       models, not a bound. Writes docs/studies/model-form-LEVEL.json (with the cases' template),
#       which draft-post --model-form reads to put the spread in a sweep's ± all bar; cases in
#       runs/study/model-form-LEVEL/VARIANT/.
#
#   courant [--jobs J] [--reduce-only]
#       Time-step check for URANS: cases/examples/courant-2d.cfg (a 2D section alone and 1.3 m
#       behind one pacer, 38 s of air averaged) at Co <= 1 with one outer corrector and at
#       Co <= 2, 4, 8 with three, as the 3D URANS runs at Co 8. Per Courant limit: solo, lead and
#       pacer drag with their 95 % intervals, the saving, the Strouhal number, time steps, and how
#       far each moved from Co 1. About 25 CPU-minutes. Writes docs/studies/courant-2d.json; cases
#       in runs/study/courant-2d/coN/.
#
#   mesh CONFIG [--levels L1,L2,L3[,L4]] [--jobs J] [--reduce-only]
#       Grid convergence: `draft-cases convergence CONFIG` at the levels (default
#       coarse,medium,fine; add extra-fine for a second triplet) into runs/study/mesh-NAME/, NAME
#       the config's file name without .cfg. Each body's drag and each formation's saving are
#       reduced per triplet (order, extrapolation, GCI at each level, bounded and not; r from the
#       cell counts). Copies the reduced convergence.json, small and without case folders, to
#       docs/studies/mesh-NAME.json, which draft-post --discretisation reads. Resumable: a rerun
#       keeps the finished cases. --reduce-only: no runs, the reduction of what has finished.
#
#   reference NAME [--levels L1,L2,...] [--reduce-only]
#       A 3D reference (draft-cases reference --list) at each level (default coarse,medium,fine), one
#       after the other, into runs/study/reference-NAME/LEVEL/: per level the cells, the value of
#       every check with its 95 % interval and drift, iterations, why it stopped, whether it passed,
#       and the CPU time; how much each level moved the value. Writes
#       docs/studies/reference-NAME.json. Resumable: a level whose results.json is ok is kept.
#
# Usage: scripts/study.sh long-run coarse|medium|fine [--iterations N] [--jobs J] [--reduce-only]
#        scripts/study.sh domain coarse|medium|fine [--jobs J] [--reduce-only]
#        scripts/study.sh model-form coarse|medium|fine [--jobs J] [--reduce-only]
#        scripts/study.sh courant [--jobs J] [--reduce-only]
#        scripts/study.sh mesh CONFIG [--levels L1,L2,L3[,L4]] [--jobs J] [--reduce-only]
#        scripts/study.sh reference NAME [--levels L1,L2,...] [--reduce-only]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${BUILD_DIR:-$root/build}"
runs="${STUDY_DIR:-$root/runs/study}"

# An option's value, or one line saying it is missing (shift 2 alone would end the script silently).
value() { [ $# -ge 2 ] || { echo "study.sh: $1: expected a value" >&2; exit 1; }; printf '%s' "$2"; }

# What every study runs first (both idempotent): the dependencies and an up-to-date build.
install_and_build() {
  bash "$root/scripts/setup-deps.sh" >/dev/null
  BUILD_DIR="$build" bash "$root/scripts/build.sh" >/dev/null
}

# draft-cases sweep ARGS. Its exit 3 (a case failed: diverged, non-physical) is a result the
# reduction lists, not a reason to skip the study's other runs; the study exits 3 at the end.
# Any other failure stops the study.
failed_cases=0
sweep() {
  local rc=0
  "$build/bin/draft-cases" sweep "$@" || rc=$?
  if [ "$rc" -eq 3 ]; then failed_cases=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
}

study="${1:-}"
shift || true
case "$study" in
  long-run|domain|model-form|courant|mesh|reference) ;;
  *) echo "study.sh: expected a study: long-run, domain, model-form, courant, mesh or reference (see the header of this script)" >&2; exit 1 ;;
esac

if [ "$study" = reference ]; then
  name="${1:-}"
  shift || true
  levels=coarse,medium,fine
  reduce_only=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --levels) levels=$(value "$@"); shift 2 ;;
      --reduce-only) reduce_only=1; shift ;;
      *) echo "study.sh: unknown argument $1" >&2; exit 1 ;;
    esac
  done
  IFS=, read -r -a level_list <<< "$levels"
  [ "${#level_list[@]}" -gt 0 ] || { echo "study.sh: --levels '$levels': expected coarse,medium,..." >&2; exit 1; }
  for l in "${level_list[@]}"; do
    case "$l" in coarse|medium|fine|extra-fine) ;; *) echo "study.sh: --levels: '$l': expected coarse|medium|fine|extra-fine" >&2; exit 1 ;; esac
  done
  if [ -z "$reduce_only" ]; then
    install_and_build
  fi
  # Only a 3D reference has mesh levels; the name is checked before anything is written.
  "$build/bin/draft-cases" reference --list | awk -v n="$name" '$1 == n && $2 == "3D" { found = 1 } END { exit !found }' ||
    { echo "study.sh: reference: '$name' is not a 3D reference (draft-cases reference --list)" >&2; exit 1; }
  out="$runs/reference-$name"
  target="$root/docs/studies/reference-$name.json"
  mkdir -p "$out" "$root/docs/studies"
  if [ -z "$reduce_only" ]; then
    for l in "${level_list[@]}"; do
      if python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("status") == "ok" else 1)' \
           "$out/$l/results.json" 2>/dev/null; then
        echo "== $name, $l: finished, kept =="
        continue
      fi
      echo "== $name, $l =="
      # exit 3: ran, missed its band; that is a result to tabulate, not a reason to stop.
      rc=0
      "$build/bin/draft-cases" reference "$name" -o "$out/$l" --mesh.level "$l" || rc=$?
      if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then exit "$rc"; fi
    done
  fi
  rc=0
  python3 - "$out" "$name" "$target" "${level_list[@]}" <<'PY' || rc=$?
import json, sys, os
out, name, target, levels = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows, pending, failed, previous = [], [], [], {}
print(f"{'level':<11}{'cells':>9}{'quantity':>20}{'value':>10}{'±ci95':>9}{'drift %':>9}{'moved %':>9}{'iter':>6}  stop      pass  minutes")
for level in levels:
    d = os.path.join(out, level)
    try:
        r = json.load(open(os.path.join(d, "results.json")))
    except OSError:
        pending.append(level)
        continue
    except ValueError as e:
        failed.append({"level": level, "reason": f"results.json: {e}"})
        continue
    if r.get("status") != "ok":
        failed.append({"level": level, "reason": r.get("reason") or r.get("status")})
        continue
    # The time of the meshing and of the solver as the case recorded them (wall, one core each).
    timing = r.get("timing_s") or {}
    minutes = sum(timing.get(k) or 0.0 for k in ("blockMesh", "snappyHexMesh", "checkMesh", "draftFoam")) / 60
    checks = []
    for c in r.get("checks", []):
        q = c["quantity"]                       # e.g. bodies.ahmed.cd
        parts = q.split(".")
        body = r["bodies"].get(parts[1], {}) if len(parts) == 3 and parts[0] == "bodies" else {}
        key = parts[2] if len(parts) == 3 else None
        ci = body.get(key + "_ci95") if key else None
        drift = body.get("drag_mean_drift_rel") if key in ("cd", "drag_N") else None
        moved = 100 * (c["value"] / previous[q] - 1) if q in previous and previous[q] else None
        moved_from = previous.get(q + " level")
        previous[q], previous[q + " level"] = c["value"], level
        checks.append({"quantity": q, "value": c["value"], "ci95": ci, "drift_rel": drift,
                       "moved_pct": moved, "moved_from_level": moved_from, "low": c.get("low"),
                       "high": c.get("high"), "pass": c["pass"]})
        nan = float("nan")
        print(f"{level:<11}{r['mesh']['cells']:>9}{q:>20}{c['value']:>10.4f}{(ci if ci is not None else nan):>9.4f}"
              f"{(100 * drift if drift is not None else nan):>9.2f}{(moved if moved is not None else nan):>9.2f}"
              f"{r['iterations']:>6}  {r.get('stop', ''):<9} {'yes' if c['pass'] else 'NO':<5} {minutes:.1f}")
    rows.append({"level": level, "cells": r["mesh"]["cells"], "iterations": r["iterations"],
                 "stop": r.get("stop"), "stop_reason": r.get("stop_reason"), "converged": r.get("converged"),
                 "residuals": r.get("residuals"), "pass": r.get("pass"), "checks": checks,
                 "timing_s": timing, "minutes": minutes})
json.dump({"study": "reference", "reference": name, "levels": levels,
           "command": f"scripts/study.sh reference {name} --levels {','.join(levels)}",
           "minutes": "blockMesh + snappyHexMesh + checkMesh + draftFoam wall time from results.json timing_s",
           "rows": rows, "failed": failed, "pending": pending}, open(target + ".tmp", "w"), indent=1)
os.replace(target + ".tmp", target)
for f in failed:
    print(f"{f['level']}: failed: {f['reason']}")
if pending:
    print("not run yet: " + ", ".join(pending))
print(f"wrote {target}")
sys.exit(3 if failed or pending else 0)
PY
  exit "$rc"
fi

if [ "$study" = mesh ]; then
  config="${1:-}"
  shift || true
  [ -f "$config" ] || { echo "study.sh: mesh: config '$config' is not a file" >&2; exit 1; }
  levels=coarse,medium,fine
  jobs=2
  reduce_only=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --levels) levels=$(value "$@"); shift 2 ;;
      --jobs) jobs=$(value "$@"); shift 2 ;;
      --reduce-only) reduce_only=1; shift ;;
      *) echo "study.sh: unknown argument $1" >&2; exit 1 ;;
    esac
  done
  case "$jobs" in ''|0|*[!0-9]*) echo "study.sh: --jobs '$jobs': expected a whole number from 1" >&2; exit 1 ;; esac
  name=$(basename "$config" .cfg)
  case "$name" in ''|*[!A-Za-z0-9._-]*) echo "study.sh: config name '$name': letters, digits, . _ - only" >&2; exit 1 ;; esac
  out="$runs/mesh-$name"
  target="$root/docs/studies/mesh-$name.json"
  mkdir -p "$(dirname "$out")" "$root/docs/studies"
  cases="$build/bin/draft-cases"
  if [ -z "$reduce_only" ]; then
    install_and_build
  fi
  # draft-cases checks --levels (one line, exit 1, nothing written); exit 3 means some case is
  # not finished at some level: what is there is still reduced and copied.
  rc=0
  if [ -n "$reduce_only" ]; then
    "$cases" convergence "$config" -o "$out" --levels "$levels" --reduce-only || rc=$?
  else
    "$cases" convergence "$config" -o "$out" --levels "$levels" --jobs "$jobs" || rc=$?
  fi
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then exit "$rc"; fi
  cp "$out/convergence.json" "$target.tmp"
  mv "$target.tmp" "$target"
  echo "wrote $target"
  exit "$rc"
fi
if [ "$study" = courant ]; then
  jobs=1
  reduce_only=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --jobs) jobs=$(value "$@"); shift 2 ;;
      --reduce-only) reduce_only=1; shift ;;
      *) echo "study.sh: unknown argument $1" >&2; exit 1 ;;
    esac
  done
  out="$runs/courant-2d"
  mkdir -p "$out" "$root/docs/studies"
  # Courant limit and outer correctors: Co 1 as the reference (PISO-like), the others as the 3D URANS.
  limits=("1|1" "2|3" "4|3" "8|3")
  if [ -z "$reduce_only" ]; then
    install_and_build
    for l in "${limits[@]}"; do
      IFS='|' read -r co outer <<< "$l"
      echo "== Co <= $co, $outer outer corrector(s) =="
      sweep "$root/cases/examples/courant-2d.cfg" -o "$out/co$co" --jobs "$jobs" \
        --solver.max_courant "$co" --solver.outer_correctors "$outer"
    done
  fi
  rc=0
  python3 - "$out" "$root/docs/studies/courant-2d.json" "${limits[@]}" <<'PY' || rc=$?
import json, os, sys
out, target, limits = sys.argv[1], sys.argv[2], sys.argv[3:]
rows, pending = [], []
for spec in limits:
    co, outer = spec.split("|")
    try:
        solo = json.load(open(os.path.join(out, f"co{co}", "solo", "results.json")))
        ahead = json.load(open(os.path.join(out, f"co{co}", "ahead-f1.3", "results.json")))
    except (OSError, ValueError):
        pending.append(f"co{co}")
        continue
    if solo.get("status") != "ok" or ahead.get("status") != "ok":
        pending.append(f"co{co} ({solo.get('status')}, {ahead.get('status')})")
        continue
    s, l, p = solo["bodies"]["lead"], ahead["bodies"]["lead"], ahead["bodies"]["pacer1"]
    ratio = l["drag_N"] / s["drag_N"]
    rel = (((l.get("drag_ci95_N") or 0) / l["drag_N"]) ** 2 + ((s.get("drag_ci95_N") or 0) / s["drag_N"]) ** 2) ** 0.5
    rows.append({"max_courant": float(co), "outer_correctors": int(outer),
                 "solo_drag_N": s["drag_N"], "solo_ci95_N": s.get("drag_ci95_N"),
                 "lead_drag_N": l["drag_N"], "lead_ci95_N": l.get("drag_ci95_N"),
                 "pacer_drag_N": p["drag_N"], "pacer_ci95_N": p.get("drag_ci95_N"),
                 "saving_pct": 100 * (1 - ratio), "saving_ci95_pct": 100 * ratio * rel,
                 "strouhal_solo": s.get("strouhal"), "strouhal_pacer": p.get("strouhal"),
                 "time_steps": [solo.get("iterations"), ahead.get("iterations")]})
ref = next((r for r in rows if r["max_courant"] == 1.0), None)
if ref:
    for r in rows:
        r["solo_drag_moved_pct"] = 100 * (r["solo_drag_N"] / ref["solo_drag_N"] - 1)
        r["pacer_drag_moved_pct"] = 100 * (r["pacer_drag_N"] / ref["pacer_drag_N"] - 1)
        r["saving_moved_pts"] = r["saving_pct"] - ref["saving_pct"]
print(f"{'Co':>4}{'outer':>6}{'solo N':>9}{'±':>7}{'lead N':>8}{'±':>7}{'pacer N':>9}{'±':>7}{'saving %':>10}{'±':>7}{'St':>7}{'steps':>8}{'solo Δ%':>9}{'saving Δ':>10}")
for r in rows:
    print(f"{r['max_courant']:>4g}{r['outer_correctors']:>6}{r['solo_drag_N']:>9.3f}{r['solo_ci95_N'] or 0:>7.3f}"
          f"{r['lead_drag_N']:>8.3f}{r['lead_ci95_N'] or 0:>7.3f}{r['pacer_drag_N']:>9.3f}{r['pacer_ci95_N'] or 0:>7.3f}"
          f"{r['saving_pct']:>10.2f}{r['saving_ci95_pct']:>7.2f}{r['strouhal_solo'] or 0:>7.3f}{r['time_steps'][0] or 0:>8}"
          f"{r.get('solo_drag_moved_pct', 0):>+9.2f}{r.get('saving_moved_pts', 0):>+10.2f}")
json.dump({"study": "courant", "config": "cases/examples/courant-2d.cfg", "command": "scripts/study.sh courant",
           "rows": rows, "pending": pending}, open(target + ".tmp", "w"), indent=1)
os.replace(target + ".tmp", target)
if pending:
    print("not finished yet: " + ", ".join(pending))
print(f"wrote {target}")
PY
  [ "$rc" -eq 0 ] || exit "$rc"
  exit $((failed_cases ? 3 : 0))
fi

level="${1:-}"
shift || true
case "$level" in coarse|medium|fine) ;; *) echo "study.sh: level '$level': expected coarse|medium|fine" >&2; exit 1 ;; esac
iterations=3000
jobs=2
reduce_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations)
      [ "$study" = long-run ] || { echo "study.sh: $study: --iterations is an option of long-run only" >&2; exit 1; }
      iterations=$(value "$@"); shift 2 ;;
    --jobs) jobs=$(value "$@"); shift 2 ;;
    --reduce-only) reduce_only=1; shift ;;
    *) echo "study.sh: unknown argument $1" >&2; exit 1 ;;
  esac
done
case "$iterations" in ''|*[!0-9]*) echo "study.sh: --iterations '$iterations': expected a number" >&2; exit 1 ;; esac
case "$jobs" in ''|0|*[!0-9]*) echo "study.sh: --jobs '$jobs': expected a whole number from 1" >&2; exit 1 ;; esac

if [ "$study" = domain ]; then
  out="$runs/domain-$level"
  mkdir -p "$out" "$root/docs/studies"
  cfg="$root/cases/examples/domain-3d.cfg"
  # Variant name and its overrides; "base" first: every other one is compared with it. The box
  # and inflow are pinned here, not taken from the defaults, so the study means the same after
  # the defaults follow it (side 2.5 -> 5 m) and its finished cases stay valid.
  pin="--mesh.upstream 3 --mesh.downstream 6 --mesh.above 1.45"
  variants=("base|$pin --mesh.side 2.5"
            "upstream-x2|--mesh.upstream 6 --mesh.downstream 6 --mesh.above 1.45 --mesh.side 2.5"
            "downstream-x2|--mesh.upstream 3 --mesh.downstream 12 --mesh.above 1.45 --mesh.side 2.5"
            "side-x2|$pin --mesh.side 5"
            "side-x4|$pin --mesh.side 10"
            "above-x2|--mesh.upstream 3 --mesh.downstream 6 --mesh.above 2.9 --mesh.side 2.5"
            "inflow-ratio-1|$pin --mesh.side 2.5 --run.turbulence_viscosity_ratio 1"
            "inflow-old-L0.1|$pin --mesh.side 2.5 --run.turbulence_length_scale 0.1")
  if [ -z "$reduce_only" ]; then
    install_and_build
    for v in "${variants[@]}"; do
      name="${v%%|*}"; extra="${v#*|}"
      echo "== $level, $name =="
      # shellcheck disable=SC2086  # the overrides are this script's own words
      sweep "$cfg" -o "$out/$name" --jobs "$jobs" --mesh.level "$level" $extra
    done
  fi
  names=(); for v in "${variants[@]}"; do names+=("${v%%|*}"); done
  rc=0
  python3 - "$out" "$level" "$root/docs/studies/domain-$level.json" "${names[@]}" <<'PY' || rc=$?
import json, sys, os
out, level, target, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
failed = {}  # "variant/case": why, for a result that is no saving
def pushed_forward(r):
    """CaseResult::checkDragPositive's rule: a runner with zero or negative drag is no saving."""
    for body, f in sorted(r.get("bodies", {}).items()):
        if not f.get("drag_N", 0) > 0:
            return f"non-physical drag on {body}: drag_N = {f.get('drag_N')} is not positive (a saving of 100 % or more)"
    return ""
def case(variant, name):
    d = os.path.join(out, variant, name)
    try:
        r = json.load(open(os.path.join(d, "results.json")))
        c = json.load(open(os.path.join(d, "case.json")))
        m = json.load(open(os.path.join(d, "meshCheck.json")))
    except (OSError, ValueError):
        return None
    if r.get("status") != "ok":
        return None
    why = pushed_forward(r)
    if why:
        failed[f"{variant}/{name}"] = why
        return None
    b = r["bodies"]["lead"]
    it = ((b.get("drag_ci95_N") or 0.0) ** 2 + (b.get("drag_mean_drift_N") or 0.0) ** 2) ** 0.5
    return {"drag_N": b["drag_N"], "iterative_N": it, "cells": m["cells"], "iterations": r["iterations"],
            "stop": r.get("stop"), "domain": c["parameters"].get("domain"), "inflow": c["parameters"].get("inflow")}
rows, pending = [], []
for v in names:
    solo, ahead = case(v, "solo"), case(v, "ahead-f1.3")
    if not solo or not ahead:
        if not any(k.startswith(v + "/") for k in failed):
            pending.append(v)
        continue
    saving = 100 * (1 - ahead["drag_N"] / solo["drag_N"])
    # The saving's iterative uncertainty from both drags' (relative errors in quadrature).
    rel = ((ahead["iterative_N"] / ahead["drag_N"]) ** 2 + (solo["iterative_N"] / solo["drag_N"]) ** 2) ** 0.5
    iter_pts = 100 * (ahead["drag_N"] / solo["drag_N"]) * rel
    rows.append({"variant": v, "solo_drag_N": solo["drag_N"], "lead_drag_N": ahead["drag_N"], "saving_pct": saving,
                 "saving_iter_pct": iter_pts, "solo_cells": solo["cells"], "ahead_cells": ahead["cells"],
                 "solo_iterations": solo["iterations"], "ahead_iterations": ahead["iterations"],
                 "blockage_pct": ahead["domain"]["blockage_pct"] if ahead["domain"] else None,
                 "box": ahead["domain"], "inflow": ahead["inflow"]})
base = next((r for r in rows if r["variant"] == "base"), None)
print(f"{'variant':<18}{'solo N':>9}{'lead N':>9}{'saving %':>10}{'±iter':>7}{'moved':>8}{'solo Δ%':>9}{'block %':>9}{'cells':>9}")
for r in rows:
    if base:
        r["saving_moved_pts"] = r["saving_pct"] - base["saving_pct"]
        r["solo_moved_pct"] = 100 * (r["solo_drag_N"] / base["solo_drag_N"] - 1)
    moved = f"{r['saving_moved_pts']:+.2f}" if base else "n/a"
    solo_moved = f"{r['solo_moved_pct']:+.2f}" if base else "n/a"
    block = f"{r['blockage_pct']:.2f}" if r["blockage_pct"] is not None else "n/a"
    print(f"{r['variant']:<18}{r['solo_drag_N']:>9.4f}{r['lead_drag_N']:>9.4f}{r['saving_pct']:>10.2f}"
          f"{r['saving_iter_pct']:>7.2f}{moved:>8}{solo_moved:>9}{block:>9}{r['ahead_cells']:>9}")
json.dump({"study": "domain", "level": level, "config": "cases/examples/domain-3d.cfg",
           "command": f"scripts/study.sh domain {level}", "criterion_pts": 0.5,
           "rows": rows, "pending": pending, "failed": failed}, open(target + ".tmp", "w"), indent=1)
os.replace(target + ".tmp", target)
if pending:
    print("not finished yet: " + ", ".join(pending))
for c, why in failed.items():
    print(f"failed: {c}: {why}")
print(f"wrote {target}")
sys.exit(3 if failed else 0)  # written, with cases that gave no saving: exit 3 as for a failed run
PY
  if [ "$rc" -eq 3 ]; then failed_cases=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
  exit $((failed_cases ? 3 : 0))
fi

if [ "$study" = model-form ]; then
  out="$runs/model-form-$level"
  mkdir -p "$out" "$root/docs/studies"
  cfg="$root/cases/examples/model-form-3d.cfg"
  # Variant name, its formations and its one change of model.
  variants=("base|ahead, behind|"
            "low-re|ahead|--mesh.wall_treatment low-re"
            "urans|ahead, behind|--solver.mode transient --solver.settled_tolerance 0 --solver.max_courant 4 --solver.outer_correctors 3")
  if [ -z "$reduce_only" ]; then
    install_and_build
    for v in "${variants[@]}"; do
      IFS='|' read -r name presets extra <<< "$v"
      echo "== $level, $name =="
      # shellcheck disable=SC2086  # the overrides are this script's own words
      sweep "$cfg" -o "$out/$name" --jobs "$jobs" --mesh.level "$level" --formation.preset "$presets" $extra
    done
  fi
  specs=(); for v in "${variants[@]}"; do IFS='|' read -r name presets _ <<< "$v"; specs+=("$name|$presets"); done
  rc=0
  python3 - "$out" "$level" "$root/docs/studies/model-form-$level.json" "${specs[@]}" <<'PY' || rc=$?
import json, sys, os
out, level, target, specs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
# Each variant's cases: its solo runner and one per preset (the gaps of model-form-3d.cfg).
case_of = {"ahead": "ahead-f1.3", "behind": "behind-b1"}
variants = {spec.split("|")[0]: ["solo"] + [case_of[p.strip()] for p in spec.split("|")[1].split(",")] for spec in specs}
failed = {}  # "variant/case": why, for a case that ran and failed (not the same as not run yet)
# A wall-resolved mesh aims at y+ ~ 1 (LayerStack::lowRe). At the wall-function range (30 and up) its
# layers did not reach the wall and it is no other near-wall model at all; below that it is kept, its
# y+ recorded in its row (the coarse runner reaches a mean of 9, a median of 5: partly resolved).
LOW_RE_MAX_Y_PLUS = 30.0
def lead(variant, name):
    """The lead's drag and its iterative uncertainty (95 % interval and drift in quadrature), or None."""
    d = os.path.join(out, variant, name)
    try:
        r = json.load(open(os.path.join(d, "results.json")))
    except (OSError, ValueError):
        return None
    if r.get("status") != "ok":
        failed[f"{variant}/{name}"] = r.get("reason") or r.get("status") or "failed"
        return None
    # CaseResult::checkDragPositive's rule: a runner with zero or negative drag is no saving.
    for body, f in sorted(r.get("bodies", {}).items()):
        if not f.get("drag_N", 0) > 0:
            failed[f"{variant}/{name}"] = (f"non-physical drag on {body}: drag_N = {f.get('drag_N')} is not positive "
                                           "(a saving of 100 % or more)")
            return None
    b = r["bodies"]["lead"]
    # A wall-resolved case is one only when its layers reached the wall: snappyHexMesh drops layers
    # it cannot fit, and a low-re case at wall-function y+ is a coarse wall-function case, not the
    # model the variant stands for (the first coarse run kept 2 % of its stack, y+ 64-82).
    y_plus = (b.get("y_plus") or {}).get("mean")
    if variant == "low-re" and (y_plus is None or y_plus > LOW_RE_MAX_Y_PLUS):
        failed[f"{variant}/{name}"] = (f"lead y+ mean {y_plus} above {LOW_RE_MAX_Y_PLUS}: the wall-resolved layers did not "
                                       "reach the wall (log.snappyHexMesh, layers), so this is no low-Re result")
        return None
    it = ((b.get("drag_ci95_N") or 0.0) ** 2 + (b.get("drag_mean_drift_N") or 0.0) ** 2) ** 0.5
    mesh = r.get("mesh") or {}
    return {"drag_N": b["drag_N"], "iterative_N": it, "cells": mesh.get("cells"), "iterations": r.get("iterations"),
            "converged": r.get("converged"), "stop": r.get("stop"), "y_plus_mean": (b.get("y_plus") or {}).get("mean")}
rows, pending = [], []
for v, cases in variants.items():
    solo = lead(v, "solo")
    for name in cases:
        case = lead(v, name)
        if not case or not solo:
            if f"{v}/{name}" not in failed:
                pending.append(f"{v}/{name}")
            continue
        row = {"variant": v, "case": name, "lead_drag_N": case["drag_N"], "lead_iterative_N": case["iterative_N"],
               "cells": case["cells"], "iterations": case["iterations"], "converged": case["converged"],
               "stop": case["stop"], "y_plus_mean": case["y_plus_mean"]}
        if name != "solo":
            ratio = case["drag_N"] / solo["drag_N"]
            rel = ((case["iterative_N"] / case["drag_N"]) ** 2 + (solo["iterative_N"] / solo["drag_N"]) ** 2) ** 0.5
            row.update({"saving_pct": 100 * (1 - ratio), "saving_iter_pct": 100 * ratio * rel})
        rows.append(row)
base = {r["case"]: r for r in rows if r["variant"] == "base"}
spread = {}
for r in rows:
    b = base.get(r["case"])
    if r["variant"] == "base" or not b:
        continue
    if "saving_pct" in r:
        r["saving_moved_pts"] = r["saving_pct"] - b["saving_pct"]
        s = spread.setdefault(r["case"], {"saving_base_pct": b["saving_pct"], "moves_pts": {}})
        s["moves_pts"][r["variant"]] = r["saving_moved_pts"]
    r["lead_drag_moved_pct"] = 100 * (r["lead_drag_N"] / b["lead_drag_N"] - 1)
for case, s in spread.items():
    s["model_form_pts"] = max(abs(m) for m in s["moves_pts"].values())
    # A spread over fewer models than the study has is a lower bound: say which are missing.
    s["variants_pending"] = sorted({p.split("/")[0] for p in list(pending) + list(failed)
                                    if p.split("/")[1] in (case, "solo") and case in variants[p.split("/")[0]]})
print(f"{'variant':<9}{'case':<12}{'lead N':>9}{'±iter N':>9}{'saving %':>10}{'±iter':>7}{'moved':>8}{'drag Δ%':>9}{'y+':>7}{'iter':>7}{'conv':>6}{'cells':>9}")
for r in rows:
    saving = f"{r['saving_pct']:.2f}" if "saving_pct" in r else "-"
    it = f"{r['saving_iter_pct']:.2f}" if "saving_iter_pct" in r else "-"
    moved = f"{r['saving_moved_pts']:+.2f}" if "saving_moved_pts" in r else "-"
    dmoved = f"{r['lead_drag_moved_pct']:+.2f}" if "lead_drag_moved_pct" in r else "-"
    yp = f"{r['y_plus_mean']:.1f}" if r["y_plus_mean"] is not None else "-"
    print(f"{r['variant']:<9}{r['case']:<12}{r['lead_drag_N']:>9.4f}{r['lead_iterative_N']:>9.4f}{saving:>10}{it:>7}"
          f"{moved:>8}{dmoved:>9}{yp:>7}{r['iterations'] or 0:>7}{'yes' if r['converged'] else 'no':>6}{r['cells'] or 0:>9}")
for case, s in spread.items():
    print(f"model-form spread of the saving, {case}: {s['model_form_pts']:.2f} points "
          f"({', '.join(f'{v} {m:+.2f}' for v, m in s['moves_pts'].items())})"
          + (f"; not run or failed: {', '.join(s['variants_pending'])}" if s["variants_pending"] else ""))
# The case template the study's cases were written with (case.json): draft-post --model-form attaches a
# spread only to cases of the same template.
templ, dimension = None, None
try:
    base_case = json.load(open(os.path.join(out, "base", "solo", "case.json")))
    templ, dimension = base_case.get("template"), base_case.get("dimension")
except (OSError, ValueError):
    pass
json.dump({"study": "model-form", "level": level, "template": templ, "dimension": dimension, "config": "cases/examples/model-form-3d.cfg",
           "command": f"scripts/study.sh model-form {level}", "rows": rows, "spread": spread,
           "pending": pending, "failed": failed}, open(target + ".tmp", "w"), indent=1)
os.replace(target + ".tmp", target)
if pending:
    print("not finished yet: " + ", ".join(pending))
for case, why in failed.items():
    print(f"failed: {case}: {why}")
print(f"wrote {target}")
sys.exit(3 if failed else 0)  # written, with cases that gave no saving: exit 3 as for a failed run
PY
  if [ "$rc" -eq 3 ]; then failed_cases=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
  exit $((failed_cases ? 3 : 0))
fi

out="$runs/long-run-$level"
mkdir -p "$out" "$root/docs/studies"
if [ -z "$reduce_only" ]; then
install_and_build

# The headline formations of cases/examples/breaking4-3d.cfg, nothing else.
common=(--mesh.level "$level" --formation.preset "ahead, behind, ahead-behind"
        --sweep.front_gap 1.3 --sweep.back_gap 1.0)
echo "== $level, with the settled stop of breaking4-3d.cfg =="
sweep "$root/cases/examples/breaking4-3d.cfg" -o "$out/stopped" --jobs "$jobs" "${common[@]}"
echo "== $level, $iterations iterations without a stop =="
sweep "$root/cases/examples/breaking4-3d.cfg" -o "$out/long" --jobs "$jobs" "${common[@]}" \
  --solver.settled_tolerance 0 --solver.max_iterations "$iterations"
fi

python3 - "$out" "$level" "$iterations" "$root/docs/studies/long-run-$level.json" <<'PY'
import json, sys, os
out, level, iterations, target = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def load(kind):
    if not os.path.exists(os.path.join(out, kind, "manifest.json")):
        return {}
    m = json.load(open(os.path.join(out, kind, "manifest.json")))
    res = {}
    for c in m["cases"]:
        path = os.path.join(out, kind, c["name"], "results.json")
        if os.path.exists(path):
            res[c["name"]] = json.load(open(path))
    return res
stopped, long = load("stopped"), load("long")
rows = []
print(f"{'case':<22}{'runner':<8}{'stopped N':>11}{'±ci95':>8}{'iter':>6}{'drift %':>9}{'conv':>6}"
      f"{'long N':>10}{'±ci95':>8}{'diff %':>8}  within")
for name in sorted(stopped):
    s, l = stopped[name], long.get(name)
    if s.get("status") != "ok" or not l or l.get("status") != "ok":
        continue
    for body, b in s["bodies"].items():
        lb = l["bodies"][body]
        diff = b["drag_N"] - lb["drag_N"]
        ci = b.get("drag_ci95_N") or 0.0
        lci = lb.get("drag_ci95_N") or 0.0
        drift = b.get("drag_mean_drift_N")
        # The stopped value is quoted with its iterative uncertainty (interval and drift in
        # quadrature, as in savings.csv's saving_iter_pct): that must reach the long-run mean,
        # widened by the long run's own interval (the uncertainty of the reference).
        stated = (ci ** 2 + (drift or 0.0) ** 2) ** 0.5
        within = abs(diff) <= stated + lci
        row = {"case": name, "runner": body, "stopped_drag_N": b["drag_N"], "stopped_ci95_N": ci,
               "stopped_drift_N": drift, "stopped_iterative_N": stated, "stopped_iterations": s["iterations"],
               "stopped_converged": s["converged"],
               "stopped_stop": s.get("stop"), "long_drag_N": lb["drag_N"], "long_ci95_N": lci,
               "long_iterations": l["iterations"], "long_converged": l["converged"],
               "difference_N": diff, "difference_pct": 100 * diff / lb["drag_N"] if lb["drag_N"] else None,
               "within_interval": within}
        rows.append(row)
        dr = f"{100 * drift / abs(b['drag_N']):.3f}" if drift is not None and b["drag_N"] else "n/a"
        dp = f"{row['difference_pct']:.2f}" if row["difference_pct"] is not None else "n/a"
        print(f"{name:<22}{body:<8}{b['drag_N']:>11.4f}{ci:>8.4f}{s['iterations']:>6}{dr:>9}"
              f"{'yes' if s['converged'] else 'no':>6}{lb['drag_N']:>10.4f}{lci:>8.4f}{dp:>8}  {'yes' if within else 'NO'}")
pending = sorted(set(stopped) | set(long) | {"solo", "ahead-f1.3", "behind-b1", "ahead-behind-f1.3-b1"})
pending = [n for n in pending if not any(r["case"] == n for r in rows)]
json.dump({"study": "long-run", "level": level, "long_iterations": iterations,
           "config": "cases/examples/breaking4-3d.cfg", "command": f"scripts/study.sh long-run {level}",
           "rows": rows, "pending": pending}, open(target + ".tmp", "w"), indent=1)
os.replace(target + ".tmp", target)
if pending:
    print("not finished in both sweeps yet: " + ", ".join(pending))
print(f"wrote {target}")
PY
exit $((failed_cases ? 3 : 0))
