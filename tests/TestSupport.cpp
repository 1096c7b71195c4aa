#include "TestSupport.hpp"

#include "common/JsonFile.hpp"

#include <csignal>

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace drafting::test {

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "drafting-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    path_ = made != nullptr ? made : "";
}

TempDir::~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
}

CommandResult runCommand(const std::vector<std::string>& argv, const std::string& workDir) {
    TempDir capture;
    const std::string outPath = capture.path() + "/out", errPath = capture.path() + "/err";
    CommandResult result;
    const pid_t pid = fork();
    if (pid == 0) {
        if (!workDir.empty() && chdir(workDir.c_str()) != 0) _exit(126);
        const int o = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int e = open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(o, 1);
        dup2(e, 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readFile(outPath);
    result.err = readFile(errPath);
    return result;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path) << text;
}

std::string treeSnapshot(const std::string& dir) {
    std::map<std::string, std::string> entries;
    if (fs::exists(dir)) {
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            const std::string rel = fs::relative(e.path(), dir).string();
            // Links are recorded, never followed: a tool must not write through them either.
            if (e.is_symlink()) {
                entries[rel] = "link:" + fs::read_symlink(e.path()).string();
            } else if (e.is_regular_file()) {
                entries[rel] = std::to_string(e.file_size()) + ":" +
                               std::to_string(std::hash<std::string>{}(readFile(e.path().string())));
            } else {
                entries[rel] = e.is_directory() ? "dir" : "other";
            }
        }
    }
    std::string out;
    for (const auto& [k, v] : entries) out += k + " " + v + "\n";
    return out;
}

pid_t spawnLogged(const std::vector<std::string>& argv, const std::string& log) {
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    return pid;
}

std::string caseStatus(const std::string& dir, int index) {
    try {
        return common::JsonFile::read(dir + "/manifest.json")["cases"][index]["status"];
    } catch (const std::exception&) {
        return "";  // mid-rename: try again
    }
}

long runningSolver(const std::string& caseDir) {
    if (!std::filesystem::exists(caseDir + "/log.draftFoam")) return 0;
    std::ifstream in(caseDir + "/running.pgid");
    long pid = 0;
    return (in >> pid) && pid > 1 ? pid : 0;  // never 0 or 1: kill() would reach a group or init
}

bool processAlive(long pid) {
    if (pid <= 0 || kill(static_cast<pid_t>(pid), 0) != 0) return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pidText, comm, state;
    stat >> pidText >> comm >> state;
    return state != "Z";
}

std::string squeezed(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!blank) out += c;
        else if (!out.empty() && out.back() != ' ') out += ' ';
    }
    return out;
}

bool isRaceSchedule(const std::string& path) {
    const std::string suffix = "-race.cfg";
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace drafting::test
