#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::cases::slurm {

/// SWEEPDIR/slurm/jobs.json: the job ids of a submitted sweep and the case each array task runs.
/// SlurmBackend::submit writes it (toJson); status, --wait and the next submission read it back,
/// and since anyone can edit it, reading checks every field used before an id reaches squeue or
/// scontrol.
struct SlurmJobs {
    std::string arrayJobId;          // empty: nothing was submitted (ids null)
    std::string reduceJobId;
    std::vector<std::string> cases;  // task index → case name
    // What was submitted, for the record (not used to reach Slurm): the two scripts, the array's
    // throttle (0: none), MPI ranks per case, and whether it was a dry run.
    std::string arrayScript, reduceScript;
    int throttle = 0;
    int ntasks = 1;
    bool dryRun = false;

    bool submitted() const { return !arrayJobId.empty(); }

    /// jobs.json as submit writes it; fromJson(toJson()) gives the same record.
    nlohmann::json toJson() const;

    /// Nothing when SWEEPDIR/slurm/jobs.json does not exist. Throws common::InputError, one line naming the
    /// file and the field ("array_job_id", "cases[3]", ...), for invalid JSON or a field of the wrong
    /// type or form; common::RunError when the file exists but cannot be read.
    static std::optional<SlurmJobs> read(const std::string& sweepDir);

    /// The checks of read() on parsed JSON; `file` names the file in messages.
    static SlurmJobs fromJson(const nlohmann::json& record, const std::string& file);

    static constexpr const char* kFile = "slurm/jobs.json";
};

}  // namespace drafting::cases::slurm
