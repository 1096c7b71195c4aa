"""scripts/study.sh domain: the solo and ahead-1.3 cases in each box and inflow variant, the saving
and how far it moved from the base box. Usage: domain.py OUT LEVEL TARGET VARIANT..."""
import os
import sys

from common import finish, iterative_N, read_json, saving, usable, write_study

out, level, target, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
failed = {}  # "variant/case": why, for a case that ran and gave no saving (not the same as not run yet)


def case(variant, name):
    """The lead's drag with its iterative uncertainty, the mesh and the box, or None."""
    d = os.path.join(out, variant, name)
    r, c, m = (read_json(os.path.join(d, f)) for f in ("results.json", "case.json", "meshCheck.json"))
    # A case that failed meshing has a results.json and no meshCheck.json: failed, not pending.
    if not usable(r, failed, f"{variant}/{name}") or c is None or m is None:
        return None
    b = r["bodies"]["lead"]
    return {"drag_N": b["drag_N"], "iterative_N": iterative_N(b), "cells": m["cells"], "iterations": r["iterations"],
            "stop": r.get("stop"), "domain": c["parameters"].get("domain"), "inflow": c["parameters"].get("inflow")}


rows, pending = [], []
for v in names:
    solo, ahead = case(v, "solo"), case(v, "ahead-f1.3")
    if not solo or not ahead:
        if not any(k.startswith(v + "/") for k in failed):
            pending.append(v)
        continue
    saving_pct, iter_pts = saving(ahead["drag_N"], ahead["iterative_N"], solo["drag_N"], solo["iterative_N"])
    rows.append({"variant": v, "solo_drag_N": solo["drag_N"], "lead_drag_N": ahead["drag_N"], "saving_pct": saving_pct,
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
write_study(target, {"study": "domain", "level": level, "config": "cases/examples/domain-3d.cfg",
                     "command": f"scripts/study.sh domain {level}", "criterion_pts": 0.5,
                     "rows": rows, "pending": pending, "failed": failed})
finish(target, pending, failed)
