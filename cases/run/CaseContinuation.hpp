#pragma once
#include <string>

#include "cases/files/CaseResult.hpp"
#include "cases/run/CaseRunner.hpp"
#include "cases/files/SweepLayout.hpp"

namespace drafting::cases::run {

/// `draft-cases run DIR --continue [--iterations N]`: a finished steady case that reached its
/// iteration cap without converging goes on from its final time for N more iterations, with
/// runnerDrag's averaging, settled stop and iteration count carried over, as a run with the
/// higher cap would have gone.
///
/// results.json stays the earlier result until the new one is written over it (the commit): the
/// raised controlDict has runnerDrag write SweepLayout::kContinuedResults instead, and a journal
/// (kJournal: the time continued from and the controlDict as it was) lets recover() undo a
/// continuation cut off before its commit, or finish one cut off after it.
class CaseContinuation {
public:
    static constexpr const char* kJournal = files::SweepLayout::kContinueJournal;

    /// Why the case in `caseDir` is not one to continue ("" if it is): it has no ok result, has
    /// converged, stopped for another reason than its end time (its settled stop or residual
    /// control would stop it again at once), is transient (its averages end at its end time), or
    /// has no saved time with runnerDrag's history.
    static std::string whyNot(const std::string& caseDir);

    /// With a journal in the case: stops what a killed continuation left running there, then
    /// either finishes a committed continuation (only the final time stays) or undoes one that
    /// was not (the controlDict back as it was, the times after the one continued from, the
    /// continuation's function-object output (its force history) and results file removed). Without one, nothing.
    static void recover(const std::string& caseDir);

    /// Continues the case for `iterations` more (0: as many again as it has run). Returns the new
    /// result, or the earlier one with `failure` set to why the continuation failed (then the
    /// case is as it was before).
    struct Outcome {
        files::CaseResult result;
        std::string failure;  // "" when the case was continued
    };
    static Outcome run(const CaseRunner& runner, const std::string& caseDir, int iterations);

    /// A steady `controlDict` draft-cases wrote, raised to `endTime`: its endTime and writeInterval
    /// (only the final time is written), runnerDrag's averaging window by the case writer's rule
    /// for the new end (RunnerDragDict::steadyAveragingWindow), and runnerDrag's results sent to
    /// SweepLayout::kContinuedResults. Throws common::RunError naming `origin` if an entry is missing.
    static std::string raisedControlDict(const std::string& controlDict, long endTime, const std::string& origin);
};

}  // namespace drafting::cases::run
