#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::cases::slurm {

/// Adds the Slurm side to a sweep's status (SweepStatus::read) when the sweep was submitted with
/// --backend slurm: the job ids of SWEEPDIR/slurm/jobs.json and each case's array task state.
class SlurmStatus {
public:
    /// Adds "slurm": {array_job_id, reduce_job_id, reduce_state} and, per case of the array,
    /// "slurm": {task, job_id, state, reason}. A sweep never submitted is returned unchanged.
    static void annotate(const std::string& sweepDir, nlohmann::json& status);

    /// Lines for a terminal, after SweepStatus::table ("" for a sweep never submitted).
    static std::string table(const nlohmann::json& status);
};

}  // namespace drafting::cases::slurm
