"""scripts/study.sh courant: a 2D section's drags and saving at each Courant limit, and how far each
moved from Co 1. Usage: courant.py OUT TARGET CO|OUTER..."""
import os
import sys

from common import finish, read_json, saving, usable, write_study

out, target, limits = sys.argv[1], sys.argv[2], sys.argv[3:]
rows, pending, failed = [], [], {}
for spec in limits:
    co, outer = spec.split("|")
    solo = read_json(os.path.join(out, f"co{co}", "solo", "results.json"))
    ahead = read_json(os.path.join(out, f"co{co}", "ahead-f1.3", "results.json"))
    # Both are checked, so a limit whose two cases failed names both reasons.
    solo_usable = usable(solo, failed, f"co{co}/solo")
    ahead_usable = usable(ahead, failed, f"co{co}/ahead-f1.3")
    if not (solo_usable and ahead_usable):
        if (solo is None or ahead is None) and not any(k.startswith(f"co{co}/") for k in failed):
            pending.append(f"co{co}")
        continue
    s, l, p = solo["bodies"]["lead"], ahead["bodies"]["lead"], ahead["bodies"]["pacer1"]
    # The interval of the mean only: a transient run has no settled-stop drift.
    saving_pct, saving_ci95_pct = saving(l["drag_N"], l.get("drag_ci95_N") or 0, s["drag_N"], s.get("drag_ci95_N") or 0)
    rows.append({"max_courant": float(co), "outer_correctors": int(outer),
                 "solo_drag_N": s["drag_N"], "solo_ci95_N": s.get("drag_ci95_N"),
                 "lead_drag_N": l["drag_N"], "lead_ci95_N": l.get("drag_ci95_N"),
                 "pacer_drag_N": p["drag_N"], "pacer_ci95_N": p.get("drag_ci95_N"),
                 "saving_pct": saving_pct, "saving_ci95_pct": saving_ci95_pct,
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
write_study(target, {"study": "courant", "config": "cases/examples/courant-2d.cfg", "command": "scripts/study.sh courant",
                     "rows": rows, "pending": pending, "failed": failed})
finish(target, pending, failed)
