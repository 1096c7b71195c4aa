#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/files/CaseFile.hpp"
#include "cases/files/CaseResult.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/files/ToolPaths.hpp"

namespace drafting::cases::run {

/// Runs one generated case: the steps listed in its case.json (meshing, mesh check, solver)
/// in order, each logged to log.<step>, then turns the solver's runnerDrag output into the
/// case's results.json. Any failing step, a missing or non-physical result marks the case
/// failed with the reason; the results file is always written.
class CaseRunner {
public:
    /// `ranks` > 1 runs the solver step with MPI: decomposePar (hierarchical), mpirun -np ranks
    /// SOLVER -parallel, then reconstructPar of the final time (what post-processing reads).
    /// `oversubscribe` lets mpirun start more ranks than the machine has cores.
    explicit CaseRunner(files::ToolPaths tools, int ranks = 1, bool oversubscribe = false)
        : tools_(std::move(tools)), ranks_(ranks), oversubscribe_(oversubscribe) {}

    files::CaseResult run(const std::string& caseDir) const;

    /// Runs a finished case's solver on from its solution time `time` (latestSavedTime) to the end
    /// time its controlDict says now, with runnerDrag's history carried over (CaseContinuation,
    /// whose controlDict has runnerDrag write SweepLayout::kContinuedResults). Only a new result
    /// is written over results.json, with `record` as its "continued"; a failed continuation
    /// writes nothing there and returns the failure. The times before the final one are kept.
    files::CaseResult continueFrom(const std::string& caseDir, const std::string& time,
                            const files::CaseResult::Continuation& record) const;

    /// Stops what a killed runner left running in the case: its recorded process group and any
    /// program a case runs that works in the folder.
    static void stopStrays(const std::string& caseDir);

    /// Removes every solution time but the latest (0 stays).
    static void keepOnlyFinalTime(const std::string& caseDir);

    /// The latest solution time in `caseDir` holding runnerDrag's history (a finished run's final
    /// write or a checkpoint), "" if none.
    static std::string latestSavedTime(const std::string& caseDir);

    /// run(), repeated up to `retries` more times while the case fails for a reason worth
    /// retrying (retryable). `onRetry` hears each retry's reason and attempt number; `stopped`,
    /// when given and true, ends the attempts (a stop signal). A retry continues from the case's
    /// last checkpoint when it has one (the reason onRetry hears says from which time). The last
    /// attempt's reason gets "(after N attempts)".
    files::CaseResult runWithRetries(const std::string& caseDir, int retries,
                              const std::function<void(const std::string& reason, int attempt)>& onRetry,
                              const std::function<bool()>& stopped = {}) const;

    /// A program that died, exited with an error or did not start may succeed again (a killed
    /// solver, a full disk); deterministic verdicts (mesh check, the solver's own stop,
    /// non-physical drag, bad input) will not. Decided by the kind, never by the reason's words.
    static bool retryable(files::CaseResult::Failure kind);

    int ranks() const { return ranks_; }

    /// Removes what an earlier (possibly interrupted) run left: mesh, time folders other than 0,
    /// postProcessing, logs, results. A re-run then starts from what the case writer made.
    static void clearRunArtefacts(const std::string& caseDir);

    /// The solution time a killed run of this case continues from ("" if none). The case has no
    /// results.json (a finished or failed case runs afresh), its mesh passed the mesh check and was
    /// made for the case.json there now (kTimingFile), and the time is a checkpoint: runnerDrag
    /// marked it (solver::monitoring::CheckpointMarker, naming that time) and wrote its history there (kCheckpointState, written after
    /// the fields, so a time without it was cut short). A time of a parallel run counts when
    /// processor0 has both and every other processor folder the history. The latest one wins.
    static std::string checkpoint(const std::string& caseDir);

    /// The case.json the latest run was made for ("case": a hash of it) and the seconds each of its
    /// steps took ("steps"), rewritten after every step: a checkpoint counts only for the same
    /// case.json, and a resumed case still reports what its mesh cost.
    static constexpr const char* kTimingFile = files::SweepLayout::kTiming;

    /// What ties a case's mesh and checkpoints to the case.json they were made for (kTimingFile's
    /// "case"): a case rewritten since (another level, other settings) never continues the old run.
    static std::string caseJsonHash(const std::string& caseDir);

    /// Where runnerDrag's history lies in a solution time (OpenFOAM's function-object state).
    static constexpr const char* kCheckpointState = "uniform/functionObjects/functionObjectProperties";

    /// The process group of the step running now (common::Process::run); gone when the step ends.
    static constexpr const char* kRunningFile = files::SweepLayout::kRunningPgid;

    /// Why a step of case.json must not run ("" if it may): its name becomes a log file name and
    /// its argv a program: only safe names, only the programs the case writers use, and
    /// arguments that are options or plain file names (no paths).
    static std::string stepProblem(const files::CaseFile::Step& step);

    /// Why an entry of a step's "remove" list may not be deleted ("" if it may): it must be a
    /// relative path of common::SafeName components that passes through no symbolic link. The reason names
    /// case.json, the step's field and the entry.
    static std::string removalProblem(const std::string& caseDir, const files::CaseFile::Step& step, const std::string& entry);

private:
    /// run() and continueFrom(): `continuing` is the time a finished case goes on from ("" for a run).
    files::CaseResult runFrom(const std::string& caseDir, const std::string& continuing,
                       const std::optional<files::CaseResult::Continuation>& record) const;

    /// Why a utility failed, as a kind and a reason; an empty reason when it ran.
    struct ToolFailure {
        files::CaseResult::Failure kind = files::CaseResult::Failure::none;
        std::string reason;
        bool empty() const { return reason.empty(); }
    };

    /// Runs an OpenFOAM utility in the case, logged to log.NAME; says why it failed, if it did.
    ToolFailure runTool(const std::vector<std::string>& argv, const std::string& caseDir, const std::string& name,
                        nlohmann::json& timing, const std::map<std::string, std::string>& env) const;

    /// Makes the case continue from checkpoint `from`: later (half-written) times go, a parallel
    /// checkpoint is put back together in the case (`marked`: the time must carry runnerDrag's
    /// checkpoint mark; a finished run's final time does not). Returns why it could not ("" if it could).
    std::string prepareResume(const std::string& caseDir, const std::string& from, bool marked,
                              nlohmann::json& timing) const;

    files::ToolPaths tools_;
    int ranks_ = 1;
    bool oversubscribe_ = false;
};

}  // namespace drafting::cases::run
