#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

namespace drafting::cases::slurm {

/// Talks to Slurm through its command-line clients (sbatch, squeue, scontrol, scancel), run with an
/// argument vector (never a shell). The cluster is whatever SLURM_CONF / slurm.conf names.
/// Job ids are checked to be numbers (SlurmValue::jobId, common::InputError) before they reach a client.
class SlurmClient {
public:
    struct Output {
        int exitCode = -1;
        bool started = false;
        std::string text;  // stdout and stderr together
    };

    /// Runs a Slurm client and captures what it prints.
    static Output capture(const std::vector<std::string>& argv);

    /// `sbatch --parsable ARGS... SCRIPT`: the new job id. Throws common::RunError with sbatch's message.
    static std::string submit(const std::vector<std::string>& args, const std::string& script);

    /// Job ids (array job ids for arrays) of `ids` still in the queue (pending, running, ...).
    /// Throws common::RunError when squeue cannot reach the controller.
    static std::set<std::string> inQueue(const std::vector<std::string>& ids);

    /// State of each array task of `arrayId` ("PENDING", "RUNNING", "COMPLETED", "FAILED", ...),
    /// keyed by task index, with each task's own job id; from `scontrol show job`, which keeps
    /// finished jobs for MinJobAge. Missing tasks: Slurm has forgotten them.
    struct TaskState {
        std::string jobId;  // "ARRAY_INDEX" for pending tasks, the task's own id once started
        std::string state;
        std::string reason;
        std::string exitCode;
    };
    static std::map<int, TaskState> arrayStates(const std::string& arrayId);

    /// State of a plain job ("COMPLETED", ...), or "UNKNOWN" once Slurm has forgotten it.
    static std::string jobState(const std::string& jobId);
};

}  // namespace drafting::cases::slurm
