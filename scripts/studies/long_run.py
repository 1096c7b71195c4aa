"""scripts/study.sh long-run: each headline runner's drag where the settled stop ended it and after N
iterations without a stop, and whether the stopped value lies within its stated iterative
uncertainty of the long-run mean. Usage: long_run.py OUT LEVEL ITERATIONS TARGET"""
import os
import sys

from common import finish, iterative_N, read_json, usable, write_study

out, level, iterations, target = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]


def load(kind):
    """Each case of the sweep `kind` with a results.json: its result."""
    m = read_json(os.path.join(out, kind, "manifest.json"))
    if m is None:
        return {}
    res = {}
    for c in m["cases"]:
        r = read_json(os.path.join(out, kind, c["name"], "results.json"))
        if r is not None:
            res[c["name"]] = r
    return res


stopped, long = load("stopped"), load("long")
rows, failed = [], {}
print(f"{'case':<22}{'runner':<8}{'stopped N':>11}{'±ci95':>8}{'iter':>6}{'drift %':>9}{'conv':>6}"
      f"{'long N':>10}{'±ci95':>8}{'diff %':>8}  within")
# Every case either sweep has a result for: one that failed only in the long sweep is failed too.
for name in sorted(set(stopped) | set(long)):
    s, l = stopped.get(name), long.get(name)
    # Both are checked, so a case that failed in both sweeps names both reasons.
    stopped_usable = usable(s, failed, f"stopped/{name}")
    long_usable = usable(l, failed, f"long/{name}")
    if not (stopped_usable and long_usable):
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
        stated = iterative_N(b)
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
# A case that ran and failed in either sweep is listed as failed with its reason, not as pending.
pending = [n for n in pending if not any(r["case"] == n for r in rows)
           and f"stopped/{n}" not in failed and f"long/{n}" not in failed]
write_study(target, {"study": "long-run", "level": level, "long_iterations": iterations,
                     "config": "cases/examples/breaking4-3d.cfg", "command": f"scripts/study.sh long-run {level}",
                     "rows": rows, "pending": pending, "failed": failed})
finish(target, pending, failed, pending_label="not finished in both sweeps yet")
