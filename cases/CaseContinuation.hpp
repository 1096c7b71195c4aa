#pragma once
#include <string>

#include "cases/CaseResult.hpp"
#include "cases/CaseRunner.hpp"
#include "cases/SweepLayout.hpp"

namespace drafting::cases {

/// `draft-cases run DIR --continue [--iterations N]`: a finished steady case that did not converge
/// (it reached its iteration cap) goes on from its final time for N more iterations, with
/// runnerDrag's averaging, settled stop and iteration count carried over. The earlier
/// results.json stays where it is until the new one is written; a continuation that fails or is
/// killed leaves the earlier result as the case's.
///
/// The commit protocol: the earlier result is copied to kEarlierResults, the controlDict's end
/// time is raised, the solver runs; CaseRunner writes the new result with its "continued" record
/// (the commit point), then the copy goes. recover() finishes or undoes an interrupted one.
class CaseContinuation {
public:
    /// The earlier result while a continuation runs, in the case folder.
    static constexpr const char* kEarlierResults = SweepLayout::kEarlierResults;

    /// Why the case in `caseDir` is not one to continue ("" if it is): it has no ok result, has
    /// converged, is transient (its averaging window ends at its end time: set solver.end_time
    /// instead), or has no saved time with runnerDrag's history.
    static std::string whyNot(const std::string& caseDir);

    /// Undoes a continuation that did not reach its commit point (the earlier result goes back
    /// over results.json) and removes the copy of one that did. Nothing to do without a copy.
    static void recover(const std::string& caseDir);

    /// Continues the case for `iterations` more (0: as many again as it has run). Returns the new
    /// result, or the earlier one with `failure` set to why the continuation failed.
    struct Outcome {
        CaseResult result;
        std::string failure;  // "" when the case was continued
    };
    static Outcome run(const CaseRunner& runner, const std::string& caseDir, int iterations);

    /// `controlDict` with its endTime and writeInterval set to `endTime` (the final time is written
    /// and only it); throws RunError naming the file if either entry is missing.
    static std::string withEndTime(const std::string& controlDict, long endTime, const std::string& origin);
};

}  // namespace drafting::cases
