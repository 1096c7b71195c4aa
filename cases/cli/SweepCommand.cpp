#include "cases/cli/SweepCommand.hpp"

#include "common/Error.hpp"
#include "cases/study/ConvergenceStudy.hpp"
#include "cases/slurm/SlurmBackend.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/run/SweepLock.hpp"
#include "cases/config/SweepPlan.hpp"
#include "cases/run/SweepRunner.hpp"
#include "cases/run/SweepTransaction.hpp"
#include "cases/files/ToolPaths.hpp"
#include "common/Printable.hpp"

#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace drafting::cases::cli {

namespace {

// The study's table, and exit 3 when a case is not ok at every level (failed or not run yet).
int convergenceResult(const study::ConvergenceFile& study, const std::string& dir, std::ostream& out, std::ostream& err) {
    out << study::ConvergenceStudy::table(study);
    int incomplete = 0;
    for (const auto& row : study.cases) incomplete += row.status != "ok";
    if (incomplete > 0) {
        err << "draft-cases: " << incomplete << " case(s) failed or not run at some level (see " << dir
            << "/convergence.json)\n";
        return 3;
    }
    return 0;
}

}  // namespace

int SweepCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err) {
    const std::string& command = line.command();
    // Everything is validated before anything is written.
    const config::SweepConfig config = config::SweepConfig::load(line.target(), line.overrides());
    // The manifest must read back to these very settings, or no tool could read the sweep later.
    config::SweepConfig::fromJson(config.toJson(), "the manifest for " + common::Printable::quote(line.target()));
    const auto plan = config::SweepPlan::expand(config, static_cast<std::size_t>(line.maxCases()));
    const std::string dir = line.outputDir();
    const bool force = line.force();
    if (command == "convergence" && line.has("reduce-only")) {
        // Only reads the levels' results and rewrites convergence.json and .csv: no lock, nothing run.
        if (!fs::is_directory(dir))
            throw common::InputError("-o " + common::Printable::quote(dir) + ": no convergence study here (--reduce-only reduces one)");
        if (force) throw common::InputError("--force: not with --reduce-only (nothing is run)");
        return convergenceResult(study::ConvergenceStudy::reduce(dir, line.levels()), dir, out, err);
    }
    // Refusals come before the folder or its lock exist, so they change nothing on disk.
    if (command != "convergence") run::SweepTransaction::check(config, plan, dir, force);
    const run::SweepRunner runner(files::ToolPaths::discover());
    const bool created = !fs::exists(fs::symlink_status(dir));
    try {
        fs::create_directories(dir);  // with any missing parents, as mkdir -p
    } catch (const fs::filesystem_error& e) {
        throw common::InputError("-o " + common::Printable::quote(dir) + ": cannot be created (" + e.code().message() + ")");
    }
    std::optional<run::SweepLock> lock;
    try {
        lock.emplace(dir);
        if (command != "convergence") runner.generate(config, plan, dir, out, force);
    } catch (...) {
        lock.reset();
        std::error_code ignored;
        if (created) fs::remove_all(dir, ignored);  // ours: made a moment ago, holding only the lock
        throw;
    }
    if (command == "convergence")
        return convergenceResult(
            study::ConvergenceStudy::run(config, plan, dir, line.levels(), runner, line.jobs(), force, out, line.runOptions()), dir,
            out, err);
    if (command == "generate") return 0;
    if (line.slurm()) {
        slurm::SlurmBackend::submit(dir, line.slurmOptions(), files::ToolPaths::discover(), out);
        return line.slurmOptions().wait ? slurm::SlurmBackend::wait(dir, out, err) : 0;
    }
    const int failed = runner.run(dir, line.jobs(), force, out, line.runOptions());
    if (failed > 0) {
        err << "draft-cases: " << failed << " case(s) failed (see " << dir << "/manifest.json)\n";
        return 3;
    }
    return 0;
}

}  // namespace drafting::cases::cli
