"""scripts/study.sh wind: her drag and side force alone and behind a pacer in each wind, the saving,
and how far the wind moved it from calm air. Usage: wind.py OUT LEVEL TARGET VARIANT..."""
import sys

from common import case_result, finish, iterative_N, saving, write_study

out, level, target, variants = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
failed, pending, rows = {}, [], []


def lead(variant, name):
    return case_result(out, variant, name, failed, pending)


for v in variants:
    solo, ahead = lead(v, "solo"), lead(v, "ahead-f1.3")
    if solo is None or ahead is None:
        continue
    s, a, p = solo["bodies"]["lead"], ahead["bodies"]["lead"], solo["parameters"]
    pct, iter_pts = saving(a["drag_N"], iterative_N(a), s["drag_N"], iterative_N(s))
    rows.append({"variant": v, "wind_speed_mps": p.get("wind_speed_mps", 0.0),
                 "wind_direction_deg": p.get("wind_direction_deg", 0.0), "air_speed_mps": p["air_speed_mps"],
                 "solo_drag_N": s["drag_N"], "solo_side_N": s["side_N"], "lead_drag_N": a["drag_N"],
                 "lead_side_N": a["side_N"], "saving_pct": pct, "saving_iter_pct": iter_pts,
                 "iterations": [solo["iterations"], ahead["iterations"]]})
calm = next((r for r in rows if r["variant"] == "calm"), None)
print(f"{'variant':<8}{'wind':>6}{'dir':>6}{'solo N':>9}{'side N':>8}{'lead N':>9}{'saving %':>10}{'±iter':>7}{'moved':>8}")
for r in rows:
    if calm:
        r["saving_moved_pts"] = r["saving_pct"] - calm["saving_pct"]
    moved = f"{r['saving_moved_pts']:+8.2f}" if calm else f"{'n/a':>8}"
    print(f"{r['variant']:<8}{r['wind_speed_mps']:>6g}{r['wind_direction_deg']:>6g}{r['solo_drag_N']:>9.4f}{r['solo_side_N']:>8.3f}"
          f"{r['lead_drag_N']:>9.4f}{r['saving_pct']:>10.2f}{r['saving_iter_pct']:>7.2f}{moved}")
write_study(target, {"study": "wind", "level": level, "config": "cases/examples/crosswind-3d.cfg",
                     "command": f"scripts/study.sh wind {level}", "rows": rows, "pending": pending, "failed": failed})
finish(target, pending, failed)
