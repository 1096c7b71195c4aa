"""scripts/study.sh stride: the lead's drag and saving at phases of the measured stride, in step and
out of step with the pacer, averaged over the phases (quasi-steady: the mean drag over the stride is
the mean of the instants' drags), with the spread over the phases, beside the frozen mid-stride pose
(the identical mannequin of docs/studies/pacer-size-LEVEL.json, the same runner, speed and gap).
Usage: stride.py OUT LEVEL TARGET PACER_SIZE_JSON PHASE..."""
import os
import sys

from common import case_result, finish, iterative_N, read_json, saving, write_study

out, level, target, frozen_path = sys.argv[1:5]
phases = sys.argv[5:]
failed = {}  # "variant/case": why, for a case that ran and gave no saving
pending = []
CASE = "ahead-f1.3"


def result(variant, name):
    if read_json(os.path.join(out, variant, "manifest.json")) is None:
        pending.append(f"{variant}/{name}")
        return None
    return case_result(out, variant, name, failed, pending)


rows = []
for phase in phases:
    for step, variant in (("in", f"in-p{phase}"), ("out", f"out-p{phase}")):
        solo, ahead = result(variant, "solo"), result(variant, CASE)
        if solo is None or ahead is None:
            continue
        s, lead = solo["bodies"]["lead"], ahead["bodies"]["lead"]
        pacer = ahead["parameters"]["runners"][1]
        saving_pct, iter_pts = saving(lead["drag_N"], iterative_N(lead), s["drag_N"], iterative_N(s))
        rows.append({"step": step, "phase": float(phase), "variant": variant,
                     "pacer_phase": pacer.get("stride_phase", float(phase)),
                     "lead_frontal_area_m2": ahead["parameters"]["frontal_area_m2"],
                     "pacer_frontal_area_m2": pacer.get("frontal_area_m2", ahead["parameters"]["frontal_area_m2"]),
                     "solo_drag_N": s["drag_N"], "solo_iter_N": iterative_N(s),
                     "lead_drag_N": lead["drag_N"], "lead_iter_N": iterative_N(lead),
                     "saving_pct": saving_pct, "saving_iter_pct": iter_pts,
                     "iterations": ahead["iterations"], "converged": ahead["converged"] and solo["converged"]})


def averaged(step):
    """The mean over the stride is draft-post's (--phase-sweep: OUT/STEP-mean/stride.json, which
    scripts/study.sh writes once every phase of the step has run): 1 - mean(lead) / mean(solo), the
    iterative uncertainty of both means, and the range of the instants' savings."""
    stride = read_json(os.path.join(out, f"{step}-mean", "stride.json"))
    if stride is None:
        return None
    mean = next((r for r in stride["rows"] if r["case"] == CASE), None)
    if mean is None or mean["status"] != "averaged":
        failed[f"{step}-mean/{CASE}"] = mean["reason"] if mean else "no such case in stride.json"
        return None
    return {"step": step, "phases": [p["phase"] for p in stride["phases"]], "solo_drag_N": stride["solo_drag_N"],
            "lead_drag_N": mean["lead_drag_N"], "saving_pct": mean["saving_pct"],
            "saving_iter_pct": mean["saving_iter_pct"], "saving_phase_pct": mean.get("saving_phase_pct"),
            "saving_min_pct": mean["saving_min_pct"],
            "saving_max_pct": mean["saving_max_pct"],
            "saving_spread_pts": mean["saving_max_pct"] - mean["saving_min_pct"],
            "solo_drag_spread_pct": stride["solo_spread_pct"]}


averages = [a for a in (averaged("in"), averaged("out")) if a]

# The frozen pose: the identical mannequin's ahead 1.3 m of the pacer-size study at this level.
frozen = None
study = read_json(frozen_path)
if study:
    frozen = next((r for r in study.get("rows", []) if r["variant"] == "identical" and r["formation"] == "ahead"
                   and r["front_gap_m"] == 1.3), None)
if frozen:
    frozen = {"source": os.path.relpath(frozen_path, os.path.join(os.path.dirname(target), "..", "..")),
              "solo_drag_N": frozen["solo_drag_N"], "lead_drag_N": frozen["lead_drag_N"],
              "saving_pct": frozen["saving_pct"], "saving_iter_pct": frozen["saving_iter_pct"]}
    for a in averages:
        a["moved_from_frozen_pts"] = a["saving_pct"] - frozen["saving_pct"]
        a["moved_from_frozen_iter_pts"] = (a["saving_iter_pct"] ** 2 + frozen["saving_iter_pct"] ** 2) ** 0.5
by_step = {a["step"]: a for a in averages}
if "in" in by_step and "out" in by_step:
    by_step["out"]["moved_from_in_step_pts"] = by_step["out"]["saving_pct"] - by_step["in"]["saving_pct"]
    by_step["out"]["moved_from_in_step_iter_pts"] = (by_step["out"]["saving_iter_pct"] ** 2 +
                                                     by_step["in"]["saving_iter_pct"] ** 2) ** 0.5

print(f"{'step':<5}{'phase':>6}{'pacer':>7}{'A m2':>7}{'solo N':>9}{'lead N':>9}{'saving %':>10}{'±iter':>7}")
for r in rows:
    print(f"{r['step']:<5}{r['phase']:>6.2f}{r['pacer_phase']:>7.2f}{r['lead_frontal_area_m2']:>7.3f}"
          f"{r['solo_drag_N']:>9.4f}{r['lead_drag_N']:>9.4f}{r['saving_pct']:>10.2f}{r['saving_iter_pct']:>7.2f}")
for a in averages:
    moved = f", {a['moved_from_frozen_pts']:+.2f} ± {a['moved_from_frozen_iter_pts']:.2f} from the frozen pose" \
        if "moved_from_frozen_pts" in a else ""
    sampling = f" ± {a['saving_phase_pct']:.2f} (phase sampling)" if a.get("saving_phase_pct") is not None else ""
    print(f"averaged, {a['step']} step: saving {a['saving_pct']:.2f} ± {a['saving_iter_pct']:.2f}{sampling} % "
          f"(phases {a['saving_min_pct']:.2f}-{a['saving_max_pct']:.2f}; solo drag spread {a['solo_drag_spread_pct']:.1f} %){moved}")
if frozen:
    print(f"frozen mid-stride pose ({frozen['source']}): saving {frozen['saving_pct']:.2f} ± {frozen['saving_iter_pct']:.2f} %")
write_study(target, {"study": "stride", "level": level, "config": "cases/examples/stride-3d.cfg",
                     "command": f"scripts/study.sh stride {level}", "gait_source": "Hamner & Delp 2013, subject 01, 5.0 m/s "
                     "(meshes/GaitCycle.hpp)", "rows": rows, "averaged": averages, "frozen": frozen,
                     "pending": pending, "failed": failed})
finish(target, pending, failed)
