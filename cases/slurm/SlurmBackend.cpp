#include "cases/slurm/SlurmBackend.hpp"

#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "common/Printable.hpp"
#include "cases/slurm/SlurmClient.hpp"
#include "cases/slurm/SlurmValue.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/run/SweepStatus.hpp"
#include "common/AtomicFile.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace drafting::cases::slurm {

namespace {

void writeText(const fs::path& path, const std::string& text, bool executable) {
    try {
        // Never through a link, never half a script; 0754 as the old rw-r--r-- plus owner/group exec.
        common::AtomicFile::write(path.string(), text, executable ? 0754 : 0644);
    } catch (const std::system_error& e) {
        throw common::RunError(e.what());
    }
}

// Every value is checked here, where it enters the script: whichever caller built the options.
std::string commonHeader(const SlurmBackend::Options& o) {
    std::string h;
    if (!o.partition.empty()) h += "#SBATCH --partition=" + SlurmValue::name("--partition", o.partition) + "\n";
    if (!o.account.empty()) h += "#SBATCH --account=" + SlurmValue::name("--account", o.account) + "\n";
    if (!o.timeLimit.empty()) h += "#SBATCH --time=" + SlurmValue::timeLimit("--time", o.timeLimit) + "\n";
    return h;
}

std::string moduleLines(const SlurmBackend::Options& o) {
    if (o.modules.empty()) return "";
    std::string m =
        "# Environment modules (Lmod or Tcl modules); login shells define 'module', batch shells may not.\n"
        "if ! command -v module >/dev/null 2>&1; then\n"
        "  for f in /etc/profile.d/lmod.sh /etc/profile.d/modules.sh /usr/share/lmod/lmod/init/bash; do\n"
        "    [ -r \"$f\" ] && . \"$f\" && break\n"
        "  done\n"
        "fi\n";
    for (const auto& mod : o.modules) m += "module load " + SlurmValue::module("--module", mod) + " || exit 1\n";
    return m;
}

void checkRange(const char* option, int value, int low, int high) {
    if (value < low || value > high)
        throw common::InputError(common::ErrorSite::of(option, std::to_string(value)),
                                 "outside [" + std::to_string(low) + ", " + std::to_string(high) + "]");
}

// How many bodies a case holds: its cost grows with the cells around each of them.
std::size_t runnerCount(const files::Manifest::Entry& entry) {
    const auto runners = entry.parameters.find("runners");
    return runners != entry.parameters.end() && runners->is_array() ? runners->size() : 1;
}

}  // namespace

void SlurmBackend::validate(const Options& o) {
    commonHeader(o);
    moduleLines(o);
    checkRange("--ntasks", o.ntasks, 1, 4096);
    checkRange("--signal-seconds", o.signalSeconds, 0, 65535);
    checkRange("--jobs", o.maxParallel, 0, 256);  // 0: no throttle
    checkRange("--retries", o.retries, 0, 10);
    if (o.dryRun && o.wait) throw common::InputError("--wait: nothing to wait for with --dry-run");
}

void SlurmBackend::checkPaths(const std::string& sweepDir, const files::ToolPaths& tools) {
    SlurmValue::path("sweep directory", fs::absolute(sweepDir).lexically_normal().string());
    SlurmValue::path("draft-cases", tools.binDir + "/draft-cases");
    SlurmValue::path("draft-post", tools.binDir + "/draft-post");
}

SlurmBackend::Prepared SlurmBackend::prepare(const std::string& sweepDirIn, const Options& o,
                                             const files::ToolPaths& tools) {
    validate(o);
    Prepared p;
    p.sweepDir = SlurmValue::path("sweep directory", fs::absolute(sweepDirIn).lexically_normal().string());
    const std::string cases = SlurmValue::path("draft-cases", tools.binDir + "/draft-cases");
    const std::string post = SlurmValue::path("draft-post", tools.binDir + "/draft-post");
    const std::string logs = SlurmValue::path("log directory", (fs::path(p.sweepDir) / kDir / "logs").string());

    // The manifest is a file anyone can edit: its names reach the scripts and cases.txt.
    const files::Manifest manifest = files::Manifest::read(sweepDirIn);
    const std::string manifestFile = common::Printable::quote(sweepDirIn + "/" + files::Manifest::kFileName, 300);
    const std::string jobName = SlurmValue::name(manifestFile + ": name", manifest.sweepName);
    p.caseCount = manifest.cases.size();
    std::vector<const files::Manifest::Entry*> pending;
    for (std::size_t i = 0; i < manifest.cases.size(); ++i) {
        const auto& e = manifest.cases[i];
        SlurmValue::name(manifestFile + ": cases[" + std::to_string(i) + "].name", e.name);
        // As the local runner: "ok" without its results on disk is run again.
        if (e.status != "ok" || !files::SweepLayout::hasFinishedResults(sweepDirIn + "/" + e.name)) pending.push_back(&e);
    }
    // Slurm starts array tasks in index order: the cases with the most runners (the most cells,
    // the longest runs) first, so that a short solo case fills the last wave instead of leaving a
    // slot idle while a long one finishes. Ties keep the sweep's order.
    std::stable_sort(pending.begin(), pending.end(), [](const files::Manifest::Entry* a, const files::Manifest::Entry* b) {
        return runnerCount(*a) > runnerCount(*b);
    });
    for (const auto* e : pending) p.todo.push_back(e->name);
    for (std::size_t i = 0; i < p.todo.size(); ++i) p.casesList += std::to_string(i) + " " + p.todo[i] + "\n";

    // Its ids go to squeue: checked now, before anything is written.
    if (!o.dryRun) p.previous = SlurmJobs::read(p.sweepDir);

    const std::string header = commonHeader(o), modules = moduleLines(o);
    std::ostringstream array;
    array << "#!/bin/bash\n"
          << "# Written by draft-cases run --backend slurm: task I runs case I of cases.txt.\n"
          << "#SBATCH --job-name=draft-" << jobName << "\n"
          << "#SBATCH --array=0-" << (p.todo.empty() ? 0 : p.todo.size() - 1);
    if (o.maxParallel > 0) array << "%" << o.maxParallel;
    array << "\n#SBATCH --ntasks=" << o.ntasks << "\n" << header
          << "#SBATCH --output=" << logs << "/task-%A_%a.out\n"
          // Requeued tasks (node failure, preemption) run again: run-task is idempotent, and a case
          // cut off mid-solve continues from its last checkpoint.
          << "#SBATCH --requeue\n";
    if (o.signalSeconds > 0) array << "#SBATCH --signal=B:USR1@" << o.signalSeconds << "\n";
    array << "set -u\n" << modules
          << "export DRAFTING_NTASKS=" << o.ntasks << "\n"
          << "# In the background, so this shell can forward Slurm's warning signal to it.\n"
          << cases << " run-task " << p.sweepDir << " --index \"$SLURM_ARRAY_TASK_ID\" --retries " << o.retries
          << " &\n"
          << "child=$!\n"
          << "trap 'kill -USR1 \"$child\" 2>/dev/null' USR1 TERM\n"
          << "wait \"$child\"\nrc=$?\n"
          << "# wait returns early when a signal arrives: wait for the task to record its case.\n"
          << "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; rc=$?; done\n"
          << "exit $rc\n";
    p.arrayScript = array.str();

    std::ostringstream reduce;
    reduce << "#!/bin/bash\n"
           << "# Written by draft-cases run --backend slurm: reduces the sweep once every task succeeded.\n"
           << "#SBATCH --job-name=draft-" << jobName << "-reduce\n"
           << "#SBATCH --ntasks=1\n" << header
           << "#SBATCH --output=" << logs << "/reduce-%j.out\n"
           << "set -u\n" << modules << post << " " << p.sweepDir << "\n";
    p.reduceScript = reduce.str();
    return p;
}

SlurmJobs SlurmBackend::submit(const std::string& sweepDirIn, const Options& o, const files::ToolPaths& tools,
                                    std::ostream& log) {
    const Prepared p = prepare(sweepDirIn, o, tools);
    const std::string& sweepDir = p.sweepDir;
    const fs::path slurmDir = fs::path(sweepDir) / kDir;

    // Jobs of an earlier submission still queued would race this one on the same cases.
    if (p.previous && p.previous->submitted() &&
        !SlurmClient::inQueue({p.previous->arrayJobId, p.previous->reduceJobId}).empty())
        throw common::RunError("sweep " + sweepDir + " has Slurm jobs in the queue (" + kJobsFile +
                       "); wait for them or scancel them first");

    fs::create_directories(slurmDir / "logs");
    writeText(slurmDir / "cases.txt", p.casesList, false);
    writeText(slurmDir / "array.sbatch", p.arrayScript, true);
    writeText(slurmDir / "reduce.sbatch", p.reduceScript, true);

    const auto& todo = p.todo;
    SlurmJobs jobs;
    jobs.cases = todo;
    jobs.arrayScript = (slurmDir / "array.sbatch").string();
    jobs.reduceScript = (slurmDir / "reduce.sbatch").string();
    jobs.throttle = o.maxParallel;
    jobs.ntasks = o.ntasks;
    jobs.dryRun = o.dryRun;
    if (o.dryRun) {
        log << "wrote " << (slurmDir / "array.sbatch").string() << " (" << todo.size() << " task(s)) and "
            << (slurmDir / "reduce.sbatch").string() << "; submitted nothing (--dry-run)\n";
        return jobs;
    }
    if (todo.empty()) {
        log << "all " << p.caseCount << " case(s) are finished; nothing to submit\n";
        return jobs;
    }
    const std::string arrayId = SlurmClient::submit({}, (slurmDir / "array.sbatch").string());
    // kill-on-invalid-dep: a failed task cancels the reduce instead of leaving it pending forever.
    const std::string reduceId = SlurmClient::submit(
        {"--dependency=afterok:" + SlurmValue::jobId("sbatch's job id", arrayId), "--kill-on-invalid-dep=yes"},
        (slurmDir / "reduce.sbatch").string());
    jobs.arrayJobId = arrayId;
    jobs.reduceJobId = reduceId;
    common::JsonFile::writeAtomic((fs::path(sweepDir) / kJobsFile).string(), jobs.toJson());
    log << "submitted job array " << arrayId << " (" << todo.size() << " case(s)";
    if (o.maxParallel > 0) log << ", " << o.maxParallel << " at a time";
    log << ") and reduce job " << reduceId << " (afterok); ids in " << (fs::path(sweepDir) / kJobsFile).string()
        << "\n"
        << std::flush;
    return jobs;
}

int SlurmBackend::wait(const std::string& sweepDir, std::ostream& log, std::ostream& err) {
    const auto jobs = SlurmJobs::read(sweepDir);
    if (!jobs || !jobs->submitted()) return 0;  // nothing was submitted
    const std::string& arrayId = jobs->arrayJobId;
    const std::string& reduceId = jobs->reduceJobId;
    log << "waiting for jobs " << arrayId << " and " << reduceId << "\n" << std::flush;
    while (!SlurmClient::inQueue({arrayId, reduceId}).empty())
        std::this_thread::sleep_for(std::chrono::seconds(2));

    const auto status = run::SweepStatus::read(sweepDir);
    log << run::SweepStatus::table(status);
    const std::string reduceState = SlurmClient::jobState(reduceId);
    const int failed = status["counts"].value("failed", 0);
    const int pending = status["counts"].value("pending", 0);
    if (failed > 0) {
        err << "draft-cases: " << failed << " case(s) failed (see " << sweepDir << "/manifest.json)\n";
        return 3;
    }
    if (pending > 0) {
        err << "draft-cases: " << pending << " case(s) not finished (interrupted or cancelled; see " << sweepDir
            << "/slurm/logs); run again to submit them\n";
        return 2;
    }
    if (reduceState != "COMPLETED") {
        err << "draft-cases: reduce job " << reduceId << " ended " << reduceState << " (see " << sweepDir
            << "/slurm/logs/reduce-" << reduceId << ".out)\n";
        return 2;
    }
    log << "reduce job " << reduceId << " completed: " << sweepDir << "/savings.csv\n";
    return 0;
}

}  // namespace drafting::cases::slurm
