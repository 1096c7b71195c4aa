#include "cases/run/SweepRunner.hpp"

#include "meshes/LayerStack.hpp"

#include "cases/run/CaseContinuation.hpp"
#include "cases/files/CaseResult.hpp"
#include "cases/run/CaseRunner.hpp"
#include "cases/writer/CaseWriter.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "common/Printable.hpp"
#include "cases/run/Progress.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/run/SweepTransaction.hpp"
#include "common/ParallelFor.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>

namespace fs = std::filesystem;

namespace drafting::cases::run {

namespace {

// FNV-1a, 64 bits: stable across compilers and runs, unlike std::hash.
std::uint64_t fnv1a(const char* data, std::size_t size, std::uint64_t hash = 1469598103934665603ULL) {
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= 1099511628211ULL;
    }
    return hash;
}

}  // namespace

std::string SweepRunner::bodyHash(const config::SweepConfig& config) {
    if (config.geometryStl.empty()) return "";
    // The STL was read and bounded when the plan was expanded (RunnerBody::fromStl).
    std::ifstream in(config.geometryStl, std::ios::binary);
    if (!in) throw common::InputError("geometry.stl = " + common::Printable::quote(config.geometryStl) + ": cannot be read");
    std::uint64_t hash = 1469598103934665603ULL;
    std::vector<char> buffer(1 << 16);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
        hash = fnv1a(buffer.data(), static_cast<std::size_t>(in.gcount()), hash);
    char text[20];
    std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

std::string SweepRunner::fingerprint(const config::SweepConfig& config, const config::CaseSpec& spec, const std::string& bodyHash) {
    nlohmann::json settings = config.toJson();
    settings.erase("name");    // renaming a sweep does not change its physics
    settings.erase("sweep");   // the case's own point of the sweep is in its parameters
    settings.erase("pacing");  // post-processing only
    // Which formations a sweep lists is not a case's physics: where its runners stand is in its
    // parameters (runners x, y). So adding a preset to a finished sweep keeps its cases.
    settings.erase("formation");
    // Likewise the pacers' size: each runner's own size is in the parameters (runners), and a pacer
    // of her size is her body, so adding [pacers] keeps the cases it does not change.
    settings.erase("pacers");
    // A body file is its content: the same STL under another name or through a link is the
    // same body, and a new STL at the same path is a new one.
    if (!bodyHash.empty()) settings["geometry"].erase("stl");
    std::string text = settings.dump() + spec.parametersJson().dump() + writer::CaseWriter::kTemplateVersion;
    if (!bodyHash.empty()) text += "stl:" + bodyHash;  // parametric bodies keep their earlier fingerprints
    if (config.wallTreatment == "low-re") text += meshes::LayerStack::kWallResolvedRevision;
    char buf[20];
    std::snprintf(buf, sizeof(buf), "%016zx", std::hash<std::string>{}(text));
    return buf;
}

void SweepRunner::generate(const config::SweepConfig& config, const std::vector<config::CaseSpec>& cases,
                           const std::string& sweepDir, std::ostream& log, bool force,
                           const std::string& studyLevel) const {
    SweepTransaction::generate(config, cases, sweepDir, force, log, studyLevel);
}

int SweepRunner::run(const std::string& sweepDir, int jobs, bool force, std::ostream& log,
                     const RunOptions& options) const {
    SweepTransaction::recover(sweepDir, log);  // a killed generate is finished first
    files::Manifest manifest = files::Manifest::read(sweepDir);
    std::vector<std::size_t> todo;
    std::set<std::size_t> continued;  // finished cases that run on (run --continue)
    for (std::size_t i = 0; i < manifest.cases.size(); ++i) {
        const std::string caseDir = sweepDir + "/" + manifest.cases[i].name;
        // A continuation cut off before its new result was written leaves the earlier one.
        if (fs::is_directory(caseDir)) CaseContinuation::recover(caseDir);
        // "ok" counts only with its results on disk: a deleted or damaged results.json runs again.
        const bool finished = manifest.cases[i].status == "ok" && files::SweepLayout::hasFinishedResults(caseDir);
        if (force || !finished) {
            todo.push_back(i);
        } else if (options.continueUnconverged) {
            const std::string why = CaseContinuation::whyNot(caseDir);
            if (why.empty()) {
                todo.push_back(i);
                continued.insert(i);
            } else if (why != "converged") {
                log << "not continued: " << manifest.cases[i].name << " (" << why << ")\n";
            }
        }
    }
    // The most runners first: their meshes are the largest and take longest, and one started last
    // would run alone at the end while the other slots stand idle (longest-first scheduling).
    const auto runners = [&](std::size_t i) {
        const auto& p = manifest.cases[i].parameters;
        return p.contains("runners") && p.at("runners").is_array() ? p.at("runners").size() : std::size_t{1};
    };
    std::stable_sort(todo.begin(), todo.end(), [&](std::size_t a, std::size_t b) { return runners(a) > runners(b); });
    log << "running " << todo.size() << " of " << manifest.cases.size() << " case(s)";
    if (!continued.empty()) log << " (" << continued.size() << " continued from their final time)";
    log << ", " << jobs << " at a time";
    if (options.ranks > 1) log << ", " << options.ranks << " MPI ranks each";
    log << '\n' << std::flush;

    std::mutex mutex;
    std::size_t done = 0;
    int failed = 0;
    const CaseRunner runner(tools_, options.ranks, options.oversubscribe);

    Progress progress(log, todo.size(), options.progressBar);
    // Set when a case could not be recorded: the cases running finish, no retry or new case starts.
    std::atomic<bool> aborting{false};
    auto runCase = [&](std::size_t k) {
        auto& entry = manifest.cases[todo[k]];
        progress.started();
        files::CaseResult result;
        std::string notContinued;  // why a continuation failed (the earlier result stands)
        if (continued.count(todo[k])) {
            auto outcome = CaseContinuation::run(runner, sweepDir + "/" + entry.name, options.continueIterations);
            result = std::move(outcome.result);
            notContinued = std::move(outcome.failure);
        } else {
            result = runner.runWithRetries(
                sweepDir + "/" + entry.name, options.retries,
                [&](const std::string& reason, int attempt) {
                    progress.note("  " + entry.name + ": " + common::Printable::line(reason) + "; retrying (" + std::to_string(attempt) +
                                  " of " + std::to_string(options.retries) + ")");
                },
                [&] { return aborting.load(); });
        }
        std::string line;
        {
            std::lock_guard<std::mutex> lock(mutex);
            entry.status = result.status;
            entry.reason = result.reason;
            try {
                manifest.write(sweepDir);
            } catch (const std::exception& e) {
                // Said now, not when the cases still running end (which may take hours).
                aborting = true;
                progress.note("  " + entry.name + ": " + result.status + ", but " + e.what() +
                              "; no new case starts, the running ones finish");
                throw;
            }
            ++done;
            line = "[" + std::to_string(done) + "/" + std::to_string(todo.size()) + "] " + entry.name + ": " +
                   result.status;
            if (!result.ok() || !notContinued.empty()) ++failed;
        }
        if (!notContinued.empty()) {
            line += " (earlier result kept: the continuation failed: " + common::Printable::line(notContinued) + ")";
        } else if (result.ok()) {
            const auto lead = result.bodies.find("lead");
            if (lead != result.bodies.end()) {
                char buf[96];
                std::snprintf(buf, sizeof(buf), ", lead drag %.3f N, %d iterations%s", lead->second.dragN,
                              result.iterations, result.converged ? "" : " (NOT converged)");
                line += buf;
            }
            if (result.continued) line += ", continued from iteration " + std::to_string(result.continued->fromTime);
        } else {
            line += " (" + common::Printable::line(result.reason) + ")";
        }
        progress.finished(result.ok() && notContinued.empty(), line);
    };

    common::parallelFor(todo.size(), jobs, runCase);
    return failed;
}

}  // namespace drafting::cases::run
