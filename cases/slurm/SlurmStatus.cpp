#include "cases/slurm/SlurmStatus.hpp"

#include "cases/slurm/SlurmJobs.hpp"
#include "cases/slurm/SlurmClient.hpp"

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace drafting::cases::slurm {

void SlurmStatus::annotate(const std::string& sweepDir, nlohmann::json& status) {
    // A tampered jobs.json is refused (common::InputError naming the field) before any id reaches scontrol.
    const auto jobs = SlurmJobs::read(sweepDir);
    if (!jobs || !jobs->submitted()) return;
    const std::string& arrayId = jobs->arrayJobId;
    const std::string& reduceId = jobs->reduceJobId;
    // Slurm forgets finished jobs after MinJobAge (no accounting here): then "UNKNOWN".
    const auto tasks = SlurmClient::arrayStates(arrayId);
    status["slurm"] = {{"array_job_id", arrayId},
                       {"reduce_job_id", reduceId},
                       {"reduce_state", SlurmClient::jobState(reduceId)}};
    const auto& names = jobs->cases;
    for (std::size_t i = 0; i < names.size(); ++i) {
        for (auto& row : status["cases"]) {
            if (row["name"] != names[i]) continue;
            const auto it = tasks.find(static_cast<int>(i));
            row["slurm"] = {{"task", i},
                            {"job_id", arrayId + "_" + std::to_string(i)},
                            {"state", it == tasks.end() ? "UNKNOWN" : it->second.state},
                            {"reason", it == tasks.end() ? "" : it->second.reason}};
        }
    }
}

std::string SlurmStatus::table(const nlohmann::json& status) {
    if (!status.contains("slurm")) return "";
    std::ostringstream out;
    const auto& s = status["slurm"];
    out << "slurm: job array " << s["array_job_id"].get<std::string>() << ", reduce job "
        << s["reduce_job_id"].get<std::string>() << " " << s["reduce_state"].get<std::string>() << "\n";
    for (const auto& c : status["cases"]) {
        if (!c.contains("slurm")) continue;
        char line[256];
        std::snprintf(line, sizeof(line), "  %-32s %-14s %s\n", c["name"].get<std::string>().c_str(),
                      c["slurm"]["job_id"].get<std::string>().c_str(), c["slurm"]["state"].get<std::string>().c_str());
        out << line;
    }
    return out.str();
}

}  // namespace drafting::cases::slurm
