"""scripts/study.sh pacer-size: the lead's saving with pacers of their own size beside the identical
mannequin (the pacers at her size), per formation and pacer height, and how far the pacers' size
moved it. Usage: pacer_size.py OUT LEVEL TARGET"""
import os
import sys

from common import case_result, finish, iterative_N, read_json, saving, write_study

out, level, target = sys.argv[1], sys.argv[2], sys.argv[3]
failed = {}  # "variant/case": why, for a case that ran and gave no saving
pending = []


def result(variant, name):
    return case_result(out, variant, name, failed, pending)


rows = []
for variant in ("identical", "own"):
    manifest = read_json(os.path.join(out, variant, "manifest.json"))
    if manifest is None:
        pending.append(variant)
        continue
    solo = result(variant, "solo")
    for entry in manifest["cases"]:
        name = entry["name"]
        r = result(variant, name) if name != "solo" else None
        if r is None or solo is None:
            # Without its solo runner a case gives no saving yet: pending, unless it failed itself.
            if r is not None:
                pending.append(f"{variant}/{name}")
            continue
        s = solo["bodies"]["lead"]
        p, lead = r["parameters"], r["bodies"]["lead"]
        # The identical mannequin's pacer carries no size of its own: it is the athlete.
        pacer = p["runners"][1]
        saving_pct, iter_pts = saving(lead["drag_N"], iterative_N(lead), s["drag_N"], iterative_N(s))
        rows.append({"variant": variant, "case": name, "formation": p["formation"],
                     "front_gap_m": p.get("front_gap_m"), "back_gap_m": p.get("back_gap_m"),
                     "pacer_height_m": pacer.get("height_m", p["height_m"]),
                     "pacer_mass_kg": pacer.get("mass_kg", p["mass_kg"]),
                     "pacer_frontal_area_m2": pacer.get("frontal_area_m2", p["frontal_area_m2"]),
                     "lead_frontal_area_m2": p["frontal_area_m2"],
                     "solo_drag_N": s["drag_N"], "lead_drag_N": lead["drag_N"],
                     "pacer_drag_N": r["bodies"]["pacer1"]["drag_N"], "pacer_cd": r["bodies"]["pacer1"]["cd"],
                     "saving_pct": saving_pct, "saving_iter_pct": iter_pts,
                     "iterations": r["iterations"], "converged": r["converged"]})

# The move from the identical mannequin's saving in the same formation at the same gaps, with both
# savings' iterative uncertainties in quadrature.
def same_place(a, b):
    return all(a[k] == b[k] for k in ("formation", "front_gap_m", "back_gap_m"))


for r in rows:
    base = next((b for b in rows if b["variant"] == "identical" and same_place(b, r)), None)
    if r["variant"] == "own" and base:
        r["moved_pts"] = r["saving_pct"] - base["saving_pct"]
        r["moved_iter_pts"] = (r["saving_iter_pct"] ** 2 + base["saving_iter_pct"] ** 2) ** 0.5

print(f"{'variant':<10}{'case':<20}{'pacer m':>8}{'kg':>6}{'A m2':>7}{'lead N':>9}{'saving %':>10}{'±iter':>7}{'moved':>8}{'±':>6}")
for r in rows:
    moved = f"{r['moved_pts']:+8.2f}{r['moved_iter_pts']:6.2f}" if "moved_pts" in r else f"{'':>14}"
    print(f"{r['variant']:<10}{r['case']:<20}{r['pacer_height_m']:>8.2f}{r['pacer_mass_kg']:>6.1f}"
          f"{r['pacer_frontal_area_m2']:>7.3f}{r['lead_drag_N']:>9.4f}{r['saving_pct']:>10.2f}{r['saving_iter_pct']:>7.2f}{moved}")
write_study(target, {"study": "pacer-size", "level": level, "config": "cases/examples/pacers-own-size-3d.cfg",
                     "command": f"scripts/study.sh pacer-size {level}", "rows": rows, "pending": pending,
                     "failed": failed})
finish(target, pending, failed)
