"""scripts/study.sh model-form: the lead's drag and saving under each model, how far each model moved
the saving from base, and the spread. Usage: model_form.py OUT LEVEL TARGET NAME|PRESETS..."""
import os
import sys

from common import finish, iterative_N, read_json, saving, usable, write_study

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
    r = read_json(os.path.join(out, variant, name, "results.json"))
    if not usable(r, failed, f"{variant}/{name}"):
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
    mesh = r.get("mesh") or {}
    return {"drag_N": b["drag_N"], "iterative_N": iterative_N(b), "cells": mesh.get("cells"), "iterations": r.get("iterations"),
            "converged": r.get("converged"), "stop": r.get("stop"), "y_plus_mean": y_plus}


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
            saving_pct, iter_pts = saving(case["drag_N"], case["iterative_N"], solo["drag_N"], solo["iterative_N"])
            row.update({"saving_pct": saving_pct, "saving_iter_pct": iter_pts})
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
    saving_text = f"{r['saving_pct']:.2f}" if "saving_pct" in r else "-"
    it = f"{r['saving_iter_pct']:.2f}" if "saving_iter_pct" in r else "-"
    moved = f"{r['saving_moved_pts']:+.2f}" if "saving_moved_pts" in r else "-"
    dmoved = f"{r['lead_drag_moved_pct']:+.2f}" if "lead_drag_moved_pct" in r else "-"
    yp = f"{r['y_plus_mean']:.1f}" if r["y_plus_mean"] is not None else "-"
    print(f"{r['variant']:<9}{r['case']:<12}{r['lead_drag_N']:>9.4f}{r['lead_iterative_N']:>9.4f}{saving_text:>10}{it:>7}"
          f"{moved:>8}{dmoved:>9}{yp:>7}{r['iterations'] or 0:>7}{'yes' if r['converged'] else 'no':>6}{r['cells'] or 0:>9}")
for case, s in spread.items():
    print(f"model-form spread of the saving, {case}: {s['model_form_pts']:.2f} points "
          f"({', '.join(f'{v} {m:+.2f}' for v, m in s['moves_pts'].items())})"
          + (f"; not run or failed: {', '.join(s['variants_pending'])}" if s["variants_pending"] else ""))
# The case template the study's cases were written with (case.json): draft-post --model-form attaches a
# spread only to cases of the same template.
base_case = read_json(os.path.join(out, "base", "solo", "case.json")) or {}
write_study(target, {"study": "model-form", "level": level, "template": base_case.get("template"),
                     "dimension": base_case.get("dimension"), "config": "cases/examples/model-form-3d.cfg",
                     "command": f"scripts/study.sh model-form {level}", "rows": rows, "spread": spread,
                     "pending": pending, "failed": failed})
finish(target, pending, failed)
