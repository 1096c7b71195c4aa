#include "common/Process.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace drafting::common {

Process::Result Process::run(const std::vector<std::string>& argv, const std::string& workDir,
                             const std::string& logFile, const std::map<std::string, std::string>& extraEnv,
                             const std::string& groupFile) {
    Result result;
    if (argv.empty()) return result;
    const auto start = std::chrono::steady_clock::now();

    const pid_t pid = fork();
    if (pid < 0) return result;
    if (pid == 0) {
        if (!groupFile.empty()) setpgid(0, 0);
        // Dies with the runner's thread when the runner dies (kill -9 included).
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The log path may be relative to the parent's directory: open it before chdir.
        const int fd = open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0644);
        if (fd < 0) _exit(126);
        if (!workDir.empty() && chdir(workDir.c_str()) != 0) _exit(126);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        close(fd);
        const int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) {
            dup2(devnull, STDIN_FILENO);
            close(devnull);
        }
        for (const auto& [key, value] : extraEnv) setenv(key.c_str(), value.c_str(), 1);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }

    if (!groupFile.empty()) {
        setpgid(pid, pid);  // also from the parent: whichever runs first, the group exists
        // Never through a link planted at the file's name: replace whatever is there.
        std::filesystem::remove(groupFile);
        const int fd = open(groupFile.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd >= 0) {
            const std::string text = std::to_string(pid) + "\n";
            [[maybe_unused]] const ssize_t written = write(fd, text.data(), text.size());
            close(fd);
        }
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return result;
    }
    if (!groupFile.empty()) {
        kill(-pid, SIGKILL);  // ranks mpirun left behind, if any
        std::filesystem::remove(groupFile);
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (WIFEXITED(status)) {
        result.exitCode = WEXITSTATUS(status);
        result.started = result.exitCode != 127;
    } else if (WIFSIGNALED(status)) {
        result.exitCode = 128 + WTERMSIG(status);
        result.started = true;
    }
    return result;
}

bool Process::killStaleGroup(const std::string& groupFile, const std::string& workDir) {
    std::ifstream in(groupFile);
    long pgid = 0;
    if (!(in >> pgid) || pgid <= 1) {
        std::filesystem::remove(groupFile);
        return false;
    }
    in.close();
    // Only a group whose leader still works in this case: a reused pid elsewhere is left alone.
    std::error_code ec;
    const auto cwd = std::filesystem::read_symlink("/proc/" + std::to_string(pgid) + "/cwd", ec);
    bool killed = false;
    if (!ec && std::filesystem::equivalent(cwd, workDir, ec)) {
        killed = kill(static_cast<pid_t>(-pgid), SIGKILL) == 0;
        for (int i = 0; i < 100 && kill(static_cast<pid_t>(-pgid), 0) == 0; ++i) usleep(20000);
    }
    std::filesystem::remove(groupFile);
    return killed;
}

int Process::killStrays(const std::string& workDir, const std::set<std::string>& programs) {
    std::vector<pid_t> killed;
    std::error_code ec;
    const pid_t self = getpid();
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
        const pid_t pid = static_cast<pid_t>(std::stol(name));
        if (pid == self) continue;
        std::error_code e1, e2, e3;
        const auto cwd = std::filesystem::read_symlink(entry.path() / "cwd", e1);
        const auto exe = std::filesystem::read_symlink(entry.path() / "exe", e2);
        if (e1 || e2) continue;
        // A program rebuilt while it ran shows as "NAME (deleted)".
        std::string program = exe.filename().string();
        static const std::string deleted = " (deleted)";
        if (program.size() > deleted.size() && program.compare(program.size() - deleted.size(), deleted.size(), deleted) == 0)
            program.resize(program.size() - deleted.size());
        if (!programs.count(program)) continue;
        if (!std::filesystem::equivalent(cwd, workDir, e3) || e3) continue;
        // Ours only: root could signal anyone's.
        struct stat owner {};
        if (stat(entry.path().c_str(), &owner) != 0 || owner.st_uid != getuid()) continue;
        if (kill(pid, SIGKILL) == 0) killed.push_back(pid);
    }
    for (int i = 0; i < 100; ++i) {
        bool any = false;
        for (const pid_t pid : killed) {
            // A zombie has no cwd any more: it no longer writes anywhere.
            std::error_code e;
            const auto cwd = std::filesystem::read_symlink("/proc/" + std::to_string(pid) + "/cwd", e);
            any = any || (!e && !cwd.empty());
        }
        if (!any) break;
        usleep(20000);
    }
    return static_cast<int>(killed.size());
}

std::string Process::which(const std::string& program) {
    if (program.find('/') != std::string::npos) return access(program.c_str(), X_OK) == 0 ? program : "";
    const char* path = std::getenv("PATH");
    if (path == nullptr) return "";
    std::string dirs(path);
    std::size_t begin = 0;
    while (begin <= dirs.size()) {
        const std::size_t end = dirs.find(':', begin);
        const std::string dir = dirs.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
        if (!dir.empty()) {
            const std::string candidate = dir + "/" + program;
            if (access(candidate.c_str(), X_OK) == 0) return candidate;
        }
        if (end == std::string::npos) break;
        begin = end + 1;
    }
    return "";
}

}  // namespace drafting::common
