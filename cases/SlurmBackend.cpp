#include "cases/SlurmBackend.hpp"

#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "cases/SlurmClient.hpp"
#include "cases/SweepStatus.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace drafting::cases {

namespace {

std::string shown(const std::string& value) {
    std::string s;
    for (char ch : value) s += ch == '\n' ? std::string("\\n") : ch == '\r' ? std::string("\\r") : std::string(1, ch);
    return s;
}

// Names Slurm takes for partitions and accounts; nothing a shell or #SBATCH line would interpret.
void checkName(const char* option, const std::string& value) {
    static const std::regex name("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    if (!value.empty() && !std::regex_match(value, name))
        throw ConfigError(std::string("--") + option + " = '" + shown(value) +
                          "': use letters, digits, '_', '-', '.' (at most 64)");
}

// Paths written into the scripts unquoted (#SBATCH lines are not shell-parsed, so no quoting helps).
std::string checkedPath(const char* what, const std::string& path) {
    static const std::regex safe("/[A-Za-z0-9_./+-]*");
    if (!std::regex_match(path, safe))
        throw ConfigError(std::string(what) + " = '" + shown(path) +
                          "': a Slurm job script needs a path of letters, digits and '_ . / + -'");
    return path;
}

void writeText(const fs::path& path, const std::string& text, bool executable) {
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) throw RunError("cannot write " + tmp.string());
        out << text;
        if (!out) throw RunError("cannot write " + tmp.string());
    }
    if (executable) fs::permissions(tmp, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add);
    fs::rename(tmp, path);
}

std::string commonHeader(const SlurmBackend::Options& o) {
    std::string h;
    if (!o.partition.empty()) h += "#SBATCH --partition=" + o.partition + "\n";
    if (!o.account.empty()) h += "#SBATCH --account=" + o.account + "\n";
    if (!o.timeLimit.empty()) h += "#SBATCH --time=" + o.timeLimit + "\n";
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
    for (const auto& mod : o.modules) m += "module load " + mod + " || exit 1\n";
    return m;
}

// How many bodies a case holds: its cost grows with the cells around each of them.
std::size_t runnerCount(const Manifest::Entry& entry) {
    const auto runners = entry.parameters.find("runners");
    return runners != entry.parameters.end() && runners->is_array() ? runners->size() : 1;
}

}  // namespace

bool SlurmBackend::isTimeLimit(const std::string& value) {
    static const std::regex formats(
        R"(([0-9]+)|([0-9]+:[0-9]{1,2})|([0-9]+:[0-9]{1,2}:[0-9]{1,2})|([0-9]+-[0-9]+)|([0-9]+-[0-9]+:[0-9]{1,2})|([0-9]+-[0-9]+:[0-9]{1,2}:[0-9]{1,2}))");
    return value.size() <= 16 && std::regex_match(value, formats);
}

void SlurmBackend::validate(const Options& o) {
    checkName("partition", o.partition);
    checkName("account", o.account);
    if (!o.timeLimit.empty() && !isTimeLimit(o.timeLimit))
        throw ConfigError("--time = '" + shown(o.timeLimit) +
                          "': use a Slurm time limit (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS)");
    static const std::regex moduleName("[A-Za-z0-9._/+-]{1,128}");
    for (const auto& m : o.modules)
        if (!std::regex_match(m, moduleName) || m.find("..") != std::string::npos)
            throw ConfigError("--module = '" + shown(m) + "': use letters, digits and '. _ / + -'");
    if (o.ntasks < 1 || o.ntasks > 4096)
        throw ConfigError("--ntasks = '" + std::to_string(o.ntasks) + "': outside [1, 4096]");
    if (o.signalSeconds < 0 || o.signalSeconds > 65535)
        throw ConfigError("--signal-seconds = '" + std::to_string(o.signalSeconds) + "': outside [0, 65535]");
    if (o.dryRun && o.wait) throw ConfigError("--wait: nothing to wait for with --dry-run");
}

void SlurmBackend::checkPaths(const std::string& sweepDir, const ToolPaths& tools) {
    checkedPath("sweep directory", fs::absolute(sweepDir).lexically_normal().string());
    checkedPath("draft-cases", tools.binDir + "/draft-cases");
    checkedPath("draft-post", tools.binDir + "/draft-post");
}

nlohmann::json SlurmBackend::submit(const std::string& sweepDirIn, const Options& o, const ToolPaths& tools,
                                    std::ostream& log) {
    validate(o);
    const std::string sweepDir = checkedPath("sweep directory", fs::absolute(sweepDirIn).lexically_normal().string());
    const std::string cases = checkedPath("draft-cases", tools.binDir + "/draft-cases");
    const std::string post = checkedPath("draft-post", tools.binDir + "/draft-post");
    const fs::path slurmDir = fs::path(sweepDir) / kDir;

    // Jobs of an earlier submission still queued would race this one on the same cases.
    if (!o.dryRun && fs::exists(fs::path(sweepDir) / kJobsFile)) {
        const auto old = JsonFile::read((fs::path(sweepDir) / kJobsFile).string());
        std::vector<std::string> ids;
        for (const char* k : {"array_job_id", "reduce_job_id"})
            if (old.contains(k) && old[k].is_string()) ids.push_back(old[k].get<std::string>());
        if (!ids.empty() && !SlurmClient::inQueue(ids).empty())
            throw RunError("sweep " + sweepDir + " has Slurm jobs in the queue (" + kJobsFile +
                           "); wait for them or scancel them first");
    }

    const Manifest manifest = Manifest::read(sweepDir);
    std::vector<const Manifest::Entry*> pending;
    for (const auto& e : manifest.cases)
        if (e.status != "ok") pending.push_back(&e);
    // Slurm starts array tasks in index order: the cases with the most runners (the most cells,
    // the longest runs) first, so that a short solo case fills the last wave instead of leaving a
    // slot idle while a long one finishes. Ties keep the sweep's order.
    std::stable_sort(pending.begin(), pending.end(), [](const Manifest::Entry* a, const Manifest::Entry* b) {
        return runnerCount(*a) > runnerCount(*b);
    });
    std::vector<std::string> todo;
    for (const auto* e : pending) todo.push_back(e->name);

    fs::create_directories(slurmDir / "logs");
    std::string list;
    for (std::size_t i = 0; i < todo.size(); ++i) list += std::to_string(i) + " " + todo[i] + "\n";
    writeText(slurmDir / "cases.txt", list, false);

    const std::string jobName = manifest.sweepName;  // a SafeName: the config checks it
    std::ostringstream array;
    array << "#!/bin/bash\n"
          << "# Written by draft-cases run --backend slurm: task I runs case I of cases.txt.\n"
          << "#SBATCH --job-name=draft-" << jobName << "\n"
          << "#SBATCH --array=0-" << (todo.empty() ? 0 : todo.size() - 1);
    if (o.maxParallel > 0) array << "%" << o.maxParallel;
    array << "\n#SBATCH --ntasks=" << o.ntasks << "\n" << commonHeader(o)
          << "#SBATCH --output=" << (slurmDir / "logs").string() << "/task-%A_%a.out\n"
          // Requeued tasks (node failure, preemption) start again from scratch: run-task is idempotent.
          << "#SBATCH --requeue\n";
    if (o.signalSeconds > 0) array << "#SBATCH --signal=B:USR1@" << o.signalSeconds << "\n";
    array << "set -u\n" << moduleLines(o)
          << "export DRAFTING_NTASKS=" << o.ntasks << "\n"
          << "# In the background, so this shell can forward Slurm's warning signal to it.\n"
          << cases << " run-task " << sweepDir << " --index \"$SLURM_ARRAY_TASK_ID\" --retries " << o.retries
          << " &\n"
          << "child=$!\n"
          << "trap 'kill -USR1 \"$child\" 2>/dev/null' USR1 TERM\n"
          << "wait \"$child\"\nrc=$?\n"
          << "# wait returns early when a signal arrives: wait for the task to record its case.\n"
          << "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; rc=$?; done\n"
          << "exit $rc\n";
    writeText(slurmDir / "array.sbatch", array.str(), true);

    std::ostringstream reduce;
    reduce << "#!/bin/bash\n"
           << "# Written by draft-cases run --backend slurm: reduces the sweep once every task succeeded.\n"
           << "#SBATCH --job-name=draft-" << jobName << "-reduce\n"
           << "#SBATCH --ntasks=1\n" << commonHeader(o)
           << "#SBATCH --output=" << (slurmDir / "logs").string() << "/reduce-%j.out\n"
           << "set -u\n" << moduleLines(o) << post << " " << sweepDir << "\n";
    writeText(slurmDir / "reduce.sbatch", reduce.str(), true);

    nlohmann::json jobs = {{"array_job_id", nullptr}, {"reduce_job_id", nullptr}, {"cases", todo},
                           {"array_script", (slurmDir / "array.sbatch").string()},
                           {"reduce_script", (slurmDir / "reduce.sbatch").string()},
                           {"throttle", o.maxParallel}, {"ntasks", o.ntasks}, {"dry_run", o.dryRun}};
    if (o.dryRun) {
        log << "wrote " << (slurmDir / "array.sbatch").string() << " (" << todo.size() << " task(s)) and "
            << (slurmDir / "reduce.sbatch").string() << "; submitted nothing (--dry-run)\n";
        return jobs;
    }
    if (todo.empty()) {
        log << "all " << manifest.cases.size() << " case(s) are finished; nothing to submit\n";
        return jobs;
    }
    const std::string arrayId = SlurmClient::submit({}, (slurmDir / "array.sbatch").string());
    // kill-on-invalid-dep: a failed task cancels the reduce instead of leaving it pending forever.
    const std::string reduceId = SlurmClient::submit(
        {"--dependency=afterok:" + arrayId, "--kill-on-invalid-dep=yes"}, (slurmDir / "reduce.sbatch").string());
    jobs["array_job_id"] = arrayId;
    jobs["reduce_job_id"] = reduceId;
    JsonFile::writeAtomic((fs::path(sweepDir) / kJobsFile).string(), jobs);
    log << "submitted job array " << arrayId << " (" << todo.size() << " case(s)";
    if (o.maxParallel > 0) log << ", " << o.maxParallel << " at a time";
    log << ") and reduce job " << reduceId << " (afterok); ids in " << (fs::path(sweepDir) / kJobsFile).string()
        << "\n"
        << std::flush;
    return jobs;
}

int SlurmBackend::wait(const std::string& sweepDir, std::ostream& log, std::ostream& err) {
    const auto jobs = JsonFile::read(sweepDir + "/" + kJobsFile);
    if (!jobs["array_job_id"].is_string()) return 0;  // nothing was submitted
    const std::string arrayId = jobs["array_job_id"].get<std::string>();
    const std::string reduceId = jobs["reduce_job_id"].get<std::string>();
    log << "waiting for jobs " << arrayId << " and " << reduceId << "\n" << std::flush;
    while (!SlurmClient::inQueue({arrayId, reduceId}).empty())
        std::this_thread::sleep_for(std::chrono::seconds(2));

    const auto status = SweepStatus::read(sweepDir);
    log << SweepStatus::table(status);
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

}  // namespace drafting::cases
