#include "cases/slurm/SlurmClient.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "common/Process.hpp"
#include "cases/slurm/SlurmValue.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace drafting::cases::slurm {

namespace {

// "Key=Value Key=Value ..." of one `scontrol show job -o` line.
std::map<std::string, std::string> fields(const std::string& line) {
    std::map<std::string, std::string> out;
    std::istringstream in(line);
    std::string word;
    while (in >> word) {
        const auto eq = word.find('=');
        if (eq != std::string::npos) out[word.substr(0, eq)] = word.substr(eq + 1);
    }
    return out;
}

// Task indices of "3", "1-4", "1-4%2", "0,2,5-7".
std::vector<int> indices(std::string spec) {
    std::vector<int> out;
    if (const auto pct = spec.find('%'); pct != std::string::npos) spec.erase(pct);
    std::istringstream in(spec);
    std::string part;
    while (std::getline(in, part, ',')) {
        try {
            const auto dash = part.find('-');
            const int a = std::stoi(part.substr(0, dash));
            const int b = dash == std::string::npos ? a : std::stoi(part.substr(dash + 1));
            for (int i = a; i <= b && i - a < 100000; ++i) out.push_back(i);
        } catch (const std::exception&) {
        }
    }
    return out;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}

}  // namespace

SlurmClient::Output SlurmClient::capture(const std::vector<std::string>& argv) {
    // common::Process::run logs to a file; a private temporary one here.
    std::string pattern = (fs::temp_directory_path() / "draft-slurm-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw common::RunError("cannot create a temporary file for " + argv.front());
    close(fd);
    const auto r = common::Process::run(argv, "", pattern);
    Output out;
    out.exitCode = r.exitCode;
    out.started = r.started;
    std::ifstream in(pattern);
    std::ostringstream text;
    text << in.rdbuf();
    out.text = text.str();
    fs::remove(pattern);
    return out;
}

std::string SlurmClient::submit(const std::vector<std::string>& args, const std::string& script) {
    std::vector<std::string> argv{"sbatch", "--parsable"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(script);
    const auto r = capture(argv);
    if (!r.started) throw common::RunError("sbatch not found (is Slurm installed? run scripts/setup-deps.sh)");
    // --parsable prints "jobid" or "jobid;cluster".
    const std::string id = trim(r.text.substr(0, r.text.find(';')));
    if (r.exitCode != 0 || !SlurmValue::isJobId(id))
        throw common::RunError("sbatch " + script + " failed: " + common::Printable::quote(trim(r.text), 300));
    return id;
}

std::set<std::string> SlurmClient::inQueue(const std::vector<std::string>& ids) {
    for (const auto& id : ids) SlurmValue::jobId("job id", id);
    // Every job in the queue, filtered here: squeue -j fails for ids it no longer knows.
    const auto r = capture({"squeue", "-h", "-o", "%F"});
    if (!r.started) throw common::RunError("squeue not found (is Slurm installed? run scripts/setup-deps.sh)");
    if (r.exitCode != 0) throw common::RunError("squeue failed: " + trim(r.text));
    std::set<std::string> queued, out;
    std::istringstream in(r.text);
    std::string line;
    while (std::getline(in, line)) queued.insert(trim(line));
    for (const auto& id : ids)
        if (queued.count(id)) out.insert(id);
    return out;
}

std::map<int, SlurmClient::TaskState> SlurmClient::arrayStates(const std::string& arrayId) {
    std::map<int, TaskState> out;
    // A number, never an option or a job name: scontrol would take either.
    const auto r = capture({"scontrol", "show", "job", "-o", SlurmValue::jobId("array job id", arrayId)});
    if (r.exitCode != 0) return out;
    std::istringstream in(r.text);
    std::string line;
    while (std::getline(in, line)) {
        auto f = fields(line);
        if (f["ArrayJobId"] != arrayId) continue;
        for (int index : indices(f["ArrayTaskId"])) {
            TaskState t;
            // A pending range shares the array's id; a started task has its own.
            t.jobId = arrayId + "_" + std::to_string(index);
            t.state = f["JobState"];
            t.reason = f["Reason"];
            t.exitCode = f["ExitCode"];
            out[index] = t;
        }
    }
    return out;
}

std::string SlurmClient::jobState(const std::string& jobId) {
    const auto r = capture({"scontrol", "show", "job", "-o", SlurmValue::jobId("job id", jobId)});
    if (r.exitCode != 0) return "UNKNOWN";
    const auto f = fields(r.text);
    const auto it = f.find("JobState");
    return it == f.end() ? "UNKNOWN" : it->second;
}

}  // namespace drafting::cases::slurm
