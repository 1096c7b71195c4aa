"""scripts/study.sh reference: a 3D reference's checks at each mesh level, and how far each level
moved them. Usage: reference.py OUT NAME TARGET LEVEL..."""
import os
import sys

import json

from common import finish, write_study

out, name, target, levels = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows, pending, failed, previous = [], [], {}, {}
print(f"{'level':<11}{'cells':>9}{'quantity':>20}{'value':>10}{'±ci95':>9}{'drift %':>9}{'moved %':>9}{'iter':>6}  stop      pass  minutes")
for level in levels:
    d = os.path.join(out, level)
    # A level not run yet is pending; one whose results.json is damaged ran and failed.
    try:
        with open(os.path.join(d, "results.json")) as f:
            r = json.load(f)
    except OSError:
        pending.append(level)
        continue
    except ValueError as e:
        failed[level] = f"results.json: {e}"
        continue
    if r.get("status") != "ok":
        failed[level] = r.get("reason") or r.get("status")
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
write_study(target, {"study": "reference", "reference": name, "levels": levels,
                     "command": f"scripts/study.sh reference {name} --levels {','.join(levels)}",
                     "minutes": "blockMesh + snappyHexMesh + checkMesh + draftFoam wall time from results.json timing_s",
                     "rows": rows, "failed": [{"level": l, "reason": why} for l, why in failed.items()],
                     "pending": pending})
finish(target, pending, failed, pending_label="not run yet", pending_is_failure=True)
