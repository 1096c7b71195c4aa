#include "cases/SweepRunner.hpp"

#include "cases/CaseResult.hpp"
#include "cases/CaseRunner.hpp"
#include "cases/CaseWriter.hpp"
#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "cases/Progress.hpp"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

namespace fs = std::filesystem;

namespace drafting::cases {

std::string SweepRunner::fingerprint(const SweepConfig& config, const CaseSpec& spec) {
    nlohmann::json settings = config.toJson();
    settings.erase("name");    // renaming a sweep does not change its physics
    settings.erase("sweep");   // the case's own point of the sweep is in its parameters
    settings.erase("pacing");  // post-processing only
    const std::string text = settings.dump() + spec.parametersJson().dump() + CaseWriter::kTemplateVersion;
    char buf[20];
    std::snprintf(buf, sizeof(buf), "%016zx", std::hash<std::string>{}(text));
    return buf;
}

void SweepRunner::generate(const SweepConfig& config, const std::vector<CaseSpec>& cases,
                           const std::string& sweepDir, std::ostream& log) const {
    fs::create_directories(sweepDir);
    Manifest manifest;
    manifest.sweepName = config.name;
    manifest.config = config.toJson();

    int kept = 0;
    for (const auto& spec : cases) {
        const std::string caseDir = sweepDir + "/" + spec.name;
        const std::string print = fingerprint(config, spec);
        Manifest::Entry entry{spec.name, spec.parametersJson(), "pending", ""};

        bool reuse = false;
        if (fs::exists(caseDir + "/case.json") && fs::exists(caseDir + "/results.json")) {
            try {
                const auto old = JsonFile::read(caseDir + "/case.json");
                const auto res = CaseResult::fromJson(JsonFile::read(caseDir + "/results.json"));
                reuse = old.value("fingerprint", "") == print && res.ok();
            } catch (const RunError&) {
                reuse = false;
            }
        }
        if (reuse) {
            entry.status = "ok";
            ++kept;
        } else {
            fs::remove_all(caseDir);
            CaseWriter::write(config, spec, caseDir, print);
        }
        manifest.cases.push_back(std::move(entry));
    }
    manifest.write(sweepDir);
    log << "wrote " << cases.size() - kept << " case(s) to " << sweepDir;
    if (kept > 0) log << ", kept " << kept << " finished case(s)";
    log << '\n';
}

int SweepRunner::run(const std::string& sweepDir, int jobs, bool force, std::ostream& log,
                     const RunOptions& options) const {
    Manifest manifest = Manifest::read(sweepDir);
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < manifest.cases.size(); ++i) {
        if (force || manifest.cases[i].status != "ok") todo.push_back(i);
    }
    log << "running " << todo.size() << " of " << manifest.cases.size() << " case(s), " << jobs << " at a time";
    if (options.ranks > 1) log << ", " << options.ranks << " MPI ranks each";
    log << '\n' << std::flush;

    std::mutex mutex;
    std::atomic<std::size_t> next{0};
    std::size_t done = 0;
    int failed = 0;
    const CaseRunner runner(tools_, options.ranks, options.oversubscribe);

    Progress progress(log, todo.size(), options.progressBar);
    auto worker = [&]() {
        for (std::size_t k = next++; k < todo.size(); k = next++) {
            auto& entry = manifest.cases[todo[k]];
            progress.started();
            const CaseResult result = runner.runWithRetries(
                sweepDir + "/" + entry.name, options.retries, [&](const std::string& reason, int attempt) {
                    progress.note("  " + entry.name + ": " + reason + "; retrying (" + std::to_string(attempt) + " of " +
                                  std::to_string(options.retries) + ")");
                });
            std::string line;
            {
                std::lock_guard<std::mutex> lock(mutex);
                entry.status = result.status;
                entry.reason = result.reason;
                manifest.write(sweepDir);
                ++done;
                line = "[" + std::to_string(done) + "/" + std::to_string(todo.size()) + "] " + entry.name + ": " +
                       result.status;
                if (!result.ok()) ++failed;
            }
            if (result.ok()) {
                const auto lead = result.bodies.find("lead");
                if (lead != result.bodies.end()) {
                    char buf[96];
                    std::snprintf(buf, sizeof(buf), ", lead drag %.3f N, %d iterations%s", lead->second.dragN,
                                  result.iterations, result.converged ? "" : " (NOT converged)");
                    line += buf;
                }
            } else {
                line += " (" + result.reason + ")";
            }
            progress.finished(result.ok(), line);
        }
    };

    std::vector<std::thread> pool;
    for (int j = 0; j < std::max(1, jobs); ++j) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
    return failed;
}

}  // namespace drafting::cases
