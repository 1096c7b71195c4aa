#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/slurm/SlurmJobs.hpp"
#include "cases/files/ToolPaths.hpp"

namespace drafting::cases::slurm {

/// Runs a sweep on a Slurm cluster: ONE job array (one task per unfinished case, each running
/// `draft-cases run-task SWEEPDIR --index I`) and a reduce job (draft-post) chained with afterok.
/// Scripts, the task → case list and the job ids go to SWEEPDIR/slurm/ (docs/cluster.md).
class SlurmBackend {
public:
    struct Options {
        std::string partition;             // --partition (empty: the cluster's default)
        std::string account;               // --account
        std::string timeLimit;             // --time, per task (empty: the partition's limit)
        std::vector<std::string> modules;  // --module, loaded in order before each task
        int maxParallel = 0;               // --jobs: array throttle %P (0: no throttle)
        int ntasks = 1;                    // --ntasks: MPI ranks per case
        int signalSeconds = 60;            // --signal-seconds: SIGUSR1 this long before the limit
        int retries = 1;                   // --retries: re-runs of a failed case inside its task
        bool dryRun = false;               // --dry-run: write the scripts, submit nothing
        bool wait = false;                 // --wait: block until the array and the reduce end
    };

    /// Throws common::InputError (one line naming the option and value) for anything that could not
    /// safely go into a job script. Called before anything is written.
    static void validate(const Options& options);

    /// Throws common::InputError when the sweep directory or the programs' paths cannot go into a job
    /// script unquoted (they appear on #SBATCH lines, which no quoting protects).
    static void checkPaths(const std::string& sweepDir, const files::ToolPaths& tools);

    /// Everything submit() writes, composed and checked but not yet written.
    struct Prepared {
        std::string sweepDir;              // absolute, checked
        std::vector<std::string> todo;     // task index → case
        std::size_t caseCount = 0;         // every case of the manifest
        std::string casesList, arrayScript, reduceScript;
        std::optional<SlurmJobs> previous;  // jobs.json of an earlier submission (not read by --dry-run)
    };

    /// Reads the manifest and composes the scripts, checking every string that reaches them where
    /// it is used (options, paths, the manifest's sweep and case names) and, unless dry-run, the
    /// jobs.json of an earlier submission. Throws common::InputError naming the file or option, the field
    /// and the value; writes nothing.
    static Prepared prepare(const std::string& sweepDir, const Options& options, const files::ToolPaths& tools);

    /// Writes SWEEPDIR/slurm/{array.sbatch, reduce.sbatch, cases.txt} for the cases not yet ok
    /// and, unless dry-run, submits them and records SWEEPDIR/slurm/jobs.json.
    /// Returns jobs.json's record (no job ids on a dry run or with nothing to submit).
    static SlurmJobs submit(const std::string& sweepDir, const Options& options, const files::ToolPaths& tools,
                            std::ostream& log);

    /// Polls the queue until the array and reduce jobs of jobs.json have left it. Returns the exit
    /// code of the sweep: 0 all ok and reduced, 3 cases failed, 2 cases left pending or reduce failed.
    static int wait(const std::string& sweepDir, std::ostream& log, std::ostream& err);

    static constexpr const char* kDir = "slurm";
    static constexpr const char* kJobsFile = SlurmJobs::kFile;
    static constexpr const char* kCasesFile = "slurm/cases.txt";
};

}  // namespace drafting::cases::slurm
