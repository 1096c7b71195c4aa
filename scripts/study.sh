#!/usr/bin/env bash
# Verification studies (issue 13): long runs anyone can rerun, each resumable (finished cases are
# kept by draft-cases, and a case cut off mid-solve continues from its last checkpoint, written every
# 10 minutes of the solver's wall-clock time: a study longer than a session is run again until it is done), each
# printing a table and writing its reduced figures under docs/studies/.
# Each study's reduction is its own script in scripts/studies/ (model-form: model_form.py, long-run:
# long_run.py, the others by their name); what they share (reading a case's files, the
# non-physical rule, the iterative uncertainty of a drag and a saving, the atomic JSON write, the
# closing lines and exit status) is scripts/studies/common.py.
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
#   pacer-size LEVEL
#       Pacers of their own size (issue 16): cases/examples/pacers-own-size-3d.cfg at LEVEL (solo; a
#       pacer of 1.80 m and 65 kg 1.3 m ahead, also at 1.70 and 1.90 m at the same body-mass index,
#       and one 1.0 m behind) beside the identical mannequin (the same sweep with the pacers at her
#       size: 1.57 m, 42 kg, the example's athlete). For each case: the pacer's size and frontal
#       area, the lead's drag and saving with its iterative uncertainty, and how far the pacers' size
#       moved the saving from the identical mannequin's in the same formation. Writes
#       docs/studies/pacer-size-LEVEL.json; cases in runs/study/pacer-size-LEVEL/{identical,own}/.
#
#   stride LEVEL [--phases P1,P2,...]
#       The stride (issue 16): cases/examples/stride-3d.cfg (solo; one pacer 1.3 m ahead) at LEVEL
#       with her at phases 0, 0.25, 0.5 and 0.75 of the measured stride (0 = right foot strike;
#       --phases another list, e.g. 0,0.125,...,0.875 to sample flight too),
#       the pacer in her step and half a stride out of it (on the opposite foot). For each instant:
#       her frontal area, solo drag, drag behind the pacer and the saving with its iterative
#       uncertainty; per step, the drags averaged over the phases (quasi-steady) and the saving of
#       the averages, with the spread of the instants' savings (draft-post --phase-sweep, once every
#       phase of the step has run: runs/study/stride-LEVEL/{in,out}-mean/); and how far each moved from the
#       frozen mid-stride pose (the identical mannequin of docs/studies/pacer-size-LEVEL.json, the
#       same runner, speed and gap). Writes docs/studies/stride-LEVEL.json; cases in
#       runs/study/stride-LEVEL/{in,out}-pPHASE/.
#
#   factors LEVEL
#       Every factor of a real Breaking4 pacer (issue 16): cases/examples/breaking4-factors-3d.cfg at
#       LEVEL (solo; one pacer 1.3 and 2.0 m ahead), six times:
#         identical  the pacers copies of her (1.57 m, 42 kg), in her step, in calm air;
#         size       pacers of 1.80 m and 65 kg, in her step, calm;
#         stride     copies of her half a stride out of her step, calm;
#         wind       copies of her in her step, in 2 m/s from her left;
#         all        all three at once (the config as written);
#         proportions  size, with her limbs female and his male (de Leva's contrast; not in all:
#                    the limbs' own effect is the saving's move from size).
#       Each variant has its own solo (in the wind the solo is in the wind). The reduction is
#       draft-post's: draft-post all --compare VARIANT=DIR for the others puts the savings
#       against front gap side by side, with each move from the identical pair and its iterative
#       uncertainty (factors.json, in the report). Writes docs/studies/factors-LEVEL.json:
#       factors.json's rows by case, with the interaction (all's move minus the sum of the three
#       moves alone) and its uncertainty, and the proportions' move from size; cases in
#       runs/study/factors-LEVEL/VARIANT/, the report
#       in runs/study/factors-LEVEL/all/report.html. The reduction waits for identical and all.
#
#   wind LEVEL [--directions D1,D2,...]
#       A crosswind (issue 16): cases/examples/crosswind-3d.cfg at LEVEL, her alone and 1.3 m behind
#       one pacer, in calm air and in 2 m/s from her left (90 degrees; --directions another list of
#       whole degrees, 0 from ahead, 180 from behind, e.g. 0,45,90,135,180: one variant wD each, with
#       its own solo, so a sweep over the wind's direction). For each wind: her drag and
#       side force alone, her drag behind the pacer, the saving with its iterative uncertainty and how
#       far the wind moved it from calm air. Writes docs/studies/wind-LEVEL.json; cases in
#       runs/study/wind-LEVEL/{calm,wD}/.
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
#        scripts/study.sh pacer-size coarse|medium|fine [--jobs J] [--reduce-only]
#        scripts/study.sh stride coarse|medium|fine [--phases P1,P2,...] [--jobs J] [--reduce-only]
#        scripts/study.sh wind coarse|medium|fine [--directions D1,D2,...] [--jobs J] [--reduce-only]
#        scripts/study.sh factors coarse|medium|fine [--jobs J] [--reduce-only]
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

# One sweep of CFG per entry "NAME|OVERRIDES" of the array `variants`, into OUT/NAME at the level,
# with ARGS after the overrides.
run_variants() {
  local cfg=$1 out=$2 v name extra
  shift 2
  for v in "${variants[@]}"; do
    name="${v%%|*}"; extra="${v#*|}"
    echo "== $level, $name =="
    # shellcheck disable=SC2086  # the overrides are this script's own words
    sweep "$cfg" -o "$out/$name" --jobs "$jobs" --mesh.level "$level" $extra "$@"
  done
}

# The study's reduction, scripts/studies/SCRIPT ARGS, then the study's exit: 3 when a case failed
# (in a sweep or as the reduction found it), the reduction's own status when it failed otherwise.
reduce_and_exit() {
  local script=$1 rc=0
  shift
  python3 "$root/scripts/studies/$script" "$@" || rc=$?
  if [ "$rc" -eq 3 ]; then failed_cases=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
  exit $((failed_cases ? 3 : 0))
}

study="${1:-}"
shift || true
case "$study" in
  long-run|domain|model-form|pacer-size|stride|wind|factors|courant|mesh|reference) ;;
  *) echo "study.sh: expected a study: long-run, domain, model-form, pacer-size, stride, wind, factors, courant, mesh or reference (see the header of this script)" >&2; exit 1 ;;
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
  reduce_and_exit reference.py "$out" "$name" "$target" "${level_list[@]}"
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
  reduce_and_exit courant.py "$out" "$root/docs/studies/courant-2d.json" "${limits[@]}"
fi

level="${1:-}"
shift || true
case "$level" in coarse|medium|fine) ;; *) echo "study.sh: level '$level': expected coarse|medium|fine" >&2; exit 1 ;; esac
iterations=3000
phases_list=""
directions_list=""
jobs=2
reduce_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations)
      [ "$study" = long-run ] || { echo "study.sh: $study: --iterations is an option of long-run only" >&2; exit 1; }
      iterations=$(value "$@"); shift 2 ;;
    --phases)
      [ "$study" = stride ] || { echo "study.sh: $study: --phases is an option of stride only" >&2; exit 1; }
      phases_list=$(value "$@"); shift 2 ;;
    --directions)
      [ "$study" = wind ] || { echo "study.sh: $study: --directions is an option of wind only" >&2; exit 1; }
      directions_list=$(value "$@"); shift 2 ;;
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
    run_variants "$cfg" "$out"
  fi
  names=(); for v in "${variants[@]}"; do names+=("${v%%|*}"); done
  reduce_and_exit domain.py "$out" "$level" "$root/docs/studies/domain-$level.json" "${names[@]}"
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
  reduce_and_exit model_form.py "$out" "$level" "$root/docs/studies/model-form-$level.json" "${specs[@]}"
fi

if [ "$study" = pacer-size ]; then
  out="$runs/pacer-size-$level"
  mkdir -p "$out" "$root/docs/studies"
  cfg="$root/cases/examples/pacers-own-size-3d.cfg"
  if [ -z "$reduce_only" ]; then
    install_and_build
    echo "== $level, the identical mannequin =="
    # The pacers at the example's athlete's size are her body: no size of their own.
    sweep "$cfg" -o "$out/identical" --jobs "$jobs" --mesh.level "$level" \
      --pacers.height 1.57 --pacers.mass 42 --sweep.ahead.pacer_height 1.57
    echo "== $level, pacers of their own size =="
    sweep "$cfg" -o "$out/own" --jobs "$jobs" --mesh.level "$level"
  fi
  reduce_and_exit pacer_size.py "$out" "$level" "$root/docs/studies/pacer-size-$level.json"
fi

if [ "$study" = stride ]; then
  out="$runs/stride-$level"
  cfg="$root/cases/examples/stride-3d.cfg"
  IFS=, read -ra phases <<< "${phases_list:-0,0.25,0.5,0.75}"
  for phase in "${phases[@]}"; do
    [[ "$phase" =~ ^(0|0\.[0-9]+)$ ]] ||
      { echo "study.sh: --phases '$phases_list': '$phase' is not a phase (0 <= P < 1, e.g. 0.125)" >&2; exit 1; }
  done
  mkdir -p "$out" "$root/docs/studies"  # after the arguments are checked: bad input writes nothing
  if [ -z "$reduce_only" ]; then
    install_and_build
    # Phase by phase, in step then out of step: a study cut short has whole phases to compare.
    for phase in "${phases[@]}"; do
      echo "== $level, phase $phase, in step =="
      sweep "$cfg" -o "$out/in-p$phase" --jobs "$jobs" --mesh.level "$level" \
        --geometry.stride_phase "$phase" --pacers.stride_offset 0
      echo "== $level, phase $phase, out of step =="
      sweep "$cfg" -o "$out/out-p$phase" --jobs "$jobs" --mesh.level "$level" \
        --geometry.stride_phase "$phase" --pacers.stride_offset 0.5
    done
  fi
  # The mean over the stride is draft-post's own (--phase-sweep), in step and out of step, once
  # every phase of that step has run: a partial mean would lean to the phases run.
  for step in in out; do
    others=()
    for phase in "${phases[@]:1}"; do others+=(--phase-sweep "$out/$step-p$phase"); done
    all_run=1
    for phase in "${phases[@]}"; do [ -f "$out/$step-p$phase/manifest.json" ] || all_run=""; done
    [ -n "$all_run" ] || { echo "study.sh: stride: $step step: not every phase run yet: no mean over the stride" >&2; continue; }
    rc=0
    "$build/bin/draft-post" "$out/$step-p${phases[0]}" -o "$out/$step-mean" --no-flow "${others[@]}" || rc=$?
    if [ "$rc" -eq 3 ]; then failed_cases=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
  done
  reduce_and_exit stride.py "$out" "$level" "$root/docs/studies/stride-$level.json" \
    "$root/docs/studies/pacer-size-$level.json" "${phases[@]}"
fi

if [ "$study" = factors ]; then
  out="$runs/factors-$level"
  mkdir -p "$out" "$root/docs/studies"
  cfg="$root/cases/examples/breaking4-factors-3d.cfg"
  her="--pacers.height 1.57 --pacers.mass 42"  # the pacers at her size are her body
  # Variant name and what it switches off; identical first (every other one is compared with
  # it), all second: a study cut short has the two ends to compare.
  variants=("identical|$her --pacers.stride_offset 0 --run.wind_speed 0"
            "all|"
            "size|--pacers.stride_offset 0 --run.wind_speed 0"
            "stride|$her --run.wind_speed 0"
            "wind|$her --pacers.stride_offset 0"
            "proportions|--athlete.proportions female --pacers.proportions male --pacers.stride_offset 0 --run.wind_speed 0")
  if [ -z "$reduce_only" ]; then
    install_and_build
    run_variants "$cfg" "$out"
  fi
  # The reduction is draft-post's own comparison, against identical; a variant not run yet is left out.
  for need in identical all; do
    [ -f "$out/$need/manifest.json" ] ||
      { echo "study.sh: factors: $out/$need not run yet: nothing to compare (run without --reduce-only)" >&2; exit 1; }
  done
  compare=()
  for v in "${variants[@]}"; do
    name="${v%%|*}"
    [ "$name" = all ] || [ ! -f "$out/$name/manifest.json" ] || compare+=(--compare "$name=$out/$name")
  done
  rc=0
  "$build/bin/draft-post" "$out/all" --no-flow "${compare[@]}" || rc=$?
  if [ "$rc" -eq 3 ]; then failed_cases=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
  python3 "$root/scripts/studies/factors.py" "$out/all/factors.json" "$level" "$root/docs/studies/factors-$level.json" || rc=$?
  if [ "$rc" -eq 3 ]; then failed_cases=1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
  exit $((failed_cases ? 3 : 0))
fi

if [ "$study" = wind ]; then
  out="$runs/wind-$level"
  cfg="$root/cases/examples/crosswind-3d.cfg"
  # Variant name and its wind; the formations are her alone and one pacer 1.3 m ahead.
  variants=("calm|--run.wind_speed 0")
  IFS=, read -ra directions <<< "${directions_list:-90}"
  for d in "${directions[@]}"; do
    [[ "$d" =~ ^(0|[1-9][0-9]?|[12][0-9][0-9]|3[0-5][0-9])$ ]] ||
      { echo "study.sh: --directions '$directions_list': '$d' is not a whole number of degrees from 0 to 359" >&2; exit 1; }
    variants+=("w$d|--run.wind_speed 2 --run.wind_direction $d")
  done
  mkdir -p "$out" "$root/docs/studies"  # after the arguments are checked: bad input writes nothing
  if [ -z "$reduce_only" ]; then
    install_and_build
    run_variants "$cfg" "$out" --formation.preset ahead
  fi
  names=(); for v in "${variants[@]}"; do names+=("${v%%|*}"); done
  reduce_and_exit wind.py "$out" "$level" "$root/docs/studies/wind-$level.json" "${names[@]}"
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

reduce_and_exit long_run.py "$out" "$level" "$iterations" "$root/docs/studies/long-run-$level.json"
