#pragma once

/// The one definition of a drag saving, shared by runnerDrag (results.json `saving_pct`), the
/// savings tables and the convergence study. Header-only with no dependencies, so the OpenFOAM
/// function object can include it without linking the tools' libraries.
namespace drafting::common {

/// A body's drag saving against running alone at the same speed, in per cent:
/// 100 (1 − D / D_solo). Positive when sheltered; 100 or above only for a drag that is not
/// positive, which is non-physical for a runner: cases::files::CaseResult::checkDragPositive fails such
/// a case before the reduction, the convergence study or the flow export use it (runnerDrag's own
/// saving_pct in results.json is the solver's raw output). The caller checks soloDrag > 0.
inline double savingPct(double drag, double soloDrag) { return 100.0 * (1.0 - drag / soloDrag); }

}  // namespace drafting::common
