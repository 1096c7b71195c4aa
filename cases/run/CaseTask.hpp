#pragma once
#include <ostream>
#include <string>

#include "cases/files/ToolPaths.hpp"

namespace drafting::cases::run {

/// One task of a Slurm job array (`draft-cases run-task SWEEPDIR --index I`): runs case I of
/// SWEEPDIR/slurm/cases.txt with CaseRunner and records its status in manifest.json, under a
/// blocking lock shared by all tasks of the sweep.
///
/// Idempotent, so Slurm may requeue it: a case with a finished ok results.json is recorded and
/// not run again; any other case continues from its checkpoint (CaseRunner::checkpoint) or starts
/// from a clean folder. SIGUSR1 (Slurm's warning before the time limit) or SIGTERM (scancel)
/// stops the running OpenFOAM program and leaves the case `pending` (not failed) with its
/// checkpoint, exit code kInterrupted.
class CaseTask {
public:
    explicit CaseTask(files::ToolPaths tools) : tools_(std::move(tools)) {}

    /// 0 when the case ran (ok or failed: the manifest says which) or was already finished,
    /// kInterrupted when a signal stopped it. Throws common::RunError when the task cannot be mapped.
    /// A case whose program died or exited with an error is run again up to `retries` times
    /// (CaseRunner::runWithRetries), inside the same task; a stop signal ends the attempts.
    int run(const std::string& sweepDir, int index, std::ostream& log, int retries = 1) const;

    /// The name of task `index` in SWEEPDIR/slurm/cases.txt; throws common::RunError if absent.
    static std::string caseName(const std::string& sweepDir, int index);

    static constexpr int kInterrupted = 4;
    static constexpr const char* kLockFile = "slurm/manifest.lock";

private:
    /// Sets one case's status and reason in manifest.json, re-read under the lock.
    static void record(const std::string& sweepDir, const std::string& name, const std::string& status,
                       const std::string& reason);

    files::ToolPaths tools_;
};

}  // namespace drafting::cases::run
