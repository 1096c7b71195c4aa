"""What every reduction of scripts/study.sh shares: reading a case's files, the rules a result must
pass, the uncertainties quoted with a drag and a saving, and writing the study's JSON.

The rules mirror the C++ ones named beside each (the reductions read the files the tools wrote; they
do not link the tools)."""
import json
import os
import sys


def read_json(path):
    """The JSON at path, or None when the file is absent or not JSON (a case not finished yet)."""
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def non_physical(result):
    """CaseResult::checkDragPositive's rule: a runner with zero or negative drag is no saving.
    The reason, or "" for a result that passes."""
    for body, f in sorted(result.get("bodies", {}).items()):
        if not f.get("drag_N", 0) > 0:
            return (f"non-physical drag on {body}: drag_N = {f.get('drag_N')} is not positive "
                    "(a saving of 100 % or more)")
    return ""


def usable(result, failed, key):
    """Whether a case's result gives a saving: a case not run yet (no result) is not, and neither is one
    that ran and failed or gave a non-physical drag, which `failed[key]` records with its reason."""
    if result is None:
        return False
    if result.get("status") != "ok":
        failed[key] = result.get("reason") or result.get("status") or "failed"
        return False
    why = non_physical(result)
    if why:
        failed[key] = why
        return False
    return True


def case_result(out, variant, name, failed, pending):
    """OUT/VARIANT/NAME's results.json when it gives a saving; else None, the case recorded as
    "VARIANT/NAME" in `failed` (it ran and failed, with the reason) or in `pending` (not run yet)."""
    r = read_json(os.path.join(out, variant, name, "results.json"))
    if not usable(r, failed, f"{variant}/{name}"):
        if f"{variant}/{name}" not in failed:
            pending.append(f"{variant}/{name}")
        return None
    return r


def iterative_N(body):
    """A body's iterative uncertainty as savings.csv states it: the 95 % interval of the mean and the
    drift of the mean over the last window, in quadrature."""
    return ((body.get("drag_ci95_N") or 0.0) ** 2 + (body.get("drag_mean_drift_N") or 0.0) ** 2) ** 0.5


def saving(drag_N, uncertainty_N, solo_drag_N, solo_uncertainty_N):
    """common/Saving.hpp's saving 100 (1 - D / D_solo) in percent and its uncertainty in points from
    both drags' relative uncertainties in quadrature."""
    ratio = drag_N / solo_drag_N
    rel = ((uncertainty_N / drag_N) ** 2 + (solo_uncertainty_N / solo_drag_N) ** 2) ** 0.5
    return 100 * (1 - ratio), 100 * ratio * rel


def write_study(target, document):
    """The study's JSON, whole or not at all (written beside it, then renamed over it)."""
    with open(target + ".tmp", "w") as f:
        json.dump(document, f, indent=1)
    os.replace(target + ".tmp", target)


def finish(target, pending=(), failed=None, pending_label="not finished yet", pending_is_failure=False):
    """The table's last lines: what is not finished, what failed and why, the file written. Exits 3
    when a case ran and failed (the study's other results stand, as draft-cases' exit 3), or, with
    pending_is_failure, when one is not finished; else 0."""
    if pending:
        print(f"{pending_label}: " + ", ".join(pending))
    for case, why in (failed or {}).items():
        print(f"failed: {case}: {why}")
    print(f"wrote {target}")
    sys.exit(3 if failed or (pending and pending_is_failure) else 0)
