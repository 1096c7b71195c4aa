"""scripts/study.sh factors: draft-post's comparison of the variants (factors.json, written by
draft-post all --compare ...), with the study's name and level, a table, and for each case how far
the three factors together moved the saving beyond the sum of their moves alone (the interaction),
and how far female and male limbs moved the size variant's saving.
Usage: factors.py FACTORS_JSON LEVEL TARGET"""
import sys

from common import read_json, finish, write_study

source, level, target = sys.argv[1], sys.argv[2], sys.argv[3]
doc = read_json(source)
if doc is None:
    sys.exit(f"factors.py: {source}: not readable (draft-post did not write it)")
labels = [s["label"] for s in doc["sweeps"]]
cases, failed = {}, {}
for r in doc["rows"]:
    cases.setdefault(r["case"], {"case": r["case"], "front_gap_m": r["front_gap_m"], "back_gap_m": r["back_gap_m"]})
    cases[r["case"]][r["sweep"]] = {k: r.get(k) for k in ("status", "saving_pct", "saving_iter_pct", "move_pct", "move_iter_pct",
                                                      "solo_shared")}
    if r["status"] != "ok":
        failed[f"{r['sweep']}/{r['case']}"] = r["reason"]

print(f"solo drag: " + ", ".join(f"{s['label']} {s['solo_drag_N']:.3f} N" for s in doc["sweeps"]))
print(f"{'case':<24}" + "".join(f"{l:>22}" for l in labels) + f"{'interaction':>16}")
for c in cases.values():
    line = f"{c['case']:<24}"
    for l in labels:
        cell = c.get(l, {})
        if cell.get("saving_pct") is None:
            line += f"{cell.get('status', 'absent'):>22}"
            continue
        iter_pts = cell.get("saving_iter_pct")
        text = f"{cell['saving_pct']:.1f}" + (f"±{iter_pts:.1f}" if iter_pts is not None else "±?")
        if cell.get("move_pct") is not None:
            text += f" ({cell['move_pct']:+.1f})"
        line += f"{text:>22}"
    # The three factors at once against the sum of each alone: what adding them up would miss.
    moves = [c.get(l, {}).get("move_pct") for l in ("size", "stride", "wind", "all")]
    errs = [c.get(l, {}).get("move_iter_pct") for l in ("size", "stride", "wind", "all")]
    if all(m is not None for m in moves) and all(e is not None for e in errs):
        c["sum_of_single_moves_pct"] = sum(moves[:3])
        c["interaction_pct"] = moves[3] - sum(moves[:3])
        # all - size - stride - wind + 2 ref: the four moves' variances add up to exactly that's
        # (each holds the reference's once, and it enters twice: 4 of its variance); a solo shared
        # by two sweeps enters as each move counted it.
        c["interaction_iter_pct"] = sum(e * e for e in errs) ** 0.5
        line += f"{c['interaction_pct']:+10.1f}±{c['interaction_iter_pct']:.1f}"
    # Female and male limbs on the size variant: the saving's move from size's (each against its own
    # solo, hers with female limbs: two independent savings, their uncertainties in quadrature).
    size, prop = c.get("size", {}), c.get("proportions", {})
    if all(x.get(k) is not None for x in (size, prop) for k in ("saving_pct", "saving_iter_pct")):
        c["proportions_move_from_size_pct"] = prop["saving_pct"] - size["saving_pct"]
        c["proportions_move_from_size_iter_pct"] = (prop["saving_iter_pct"] ** 2 + size["saving_iter_pct"] ** 2) ** 0.5
        line += f"   proportions vs size {c['proportions_move_from_size_pct']:+.1f}±{c['proportions_move_from_size_iter_pct']:.1f}"
    print(line)

write_study(target, {"study": "factors", "level": level, "config": "cases/examples/breaking4-factors-3d.cfg",
                     "command": f"scripts/study.sh factors {level}", "reference": doc["reference"],
                     "sweeps": doc["sweeps"], "cases": list(cases.values()), "notes": doc["notes"],
                     "failed": failed})
finish(target, (), failed)
