#pragma once
#include <chrono>
#include <mutex>
#include <ostream>
#include <string>

namespace drafting::cases::run {

/// What a running sweep shows. On a terminal: each finished case as a line, under it one bar
/// redrawn in place (done / failed / running, ETA). Otherwise (a log file, CI, Slurm output):
/// plain lines only, nothing redrawn. Thread-safe.
class Progress {
public:
    Progress(std::ostream& out, std::size_t total, bool terminal);
    ~Progress();

    void started();
    /// A case ended; `line` says how (printed as is, one line).
    void finished(bool ok, const std::string& line);
    /// Any other message (a retry), printed as a line.
    void note(const std::string& line);

    /// "[#####.....] 3/11 done, 1 failed, 2 running, ETA 1m20s": the bar for these counts.
    static std::string bar(std::size_t done, std::size_t failed, std::size_t running, std::size_t total,
                           double elapsedSeconds);

private:
    void printLine(const std::string& line);  // under the lock

    std::ostream& out_;
    std::size_t total_, done_ = 0, failed_ = 0, running_ = 0;
    bool terminal_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
};

}  // namespace drafting::cases::run
