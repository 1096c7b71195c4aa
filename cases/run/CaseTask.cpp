#include "cases/run/CaseTask.hpp"

#include "cases/files/CaseResult.hpp"
#include "cases/run/CaseContinuation.hpp"
#include "cases/run/CaseRunner.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "common/SafeName.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/run/SweepLock.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace drafting::cases::run {

namespace {

volatile std::sig_atomic_t stopSignal = 0;

void onStop(int sig) {
    if (stopSignal == 0) stopSignal = sig;
}

}  // namespace

std::string CaseTask::caseName(const std::string& sweepDir, int index) {
    std::ifstream in(sweepDir + "/slurm/cases.txt");
    if (!in) throw common::RunError("cannot read " + sweepDir + "/slurm/cases.txt");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        int i = -1;
        std::string name;
        if (row >> i >> name && i == index) {
            if (!common::SafeName::isSafe(name)) throw common::RunError("slurm/cases.txt: unsafe case name '" + name + "'");
            return name;
        }
    }
    throw common::RunError("slurm/cases.txt has no task " + std::to_string(index));
}

void CaseTask::record(const std::string& sweepDir, const std::string& name, const std::string& status,
                      const std::string& reason) {
    // Tasks of one array finish at the same time: a blocking lock, held only for the update.
    const std::string lockPath = sweepDir + "/" + kLockFile;
    const int fd = open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw common::RunError("cannot open " + lockPath + ": " + std::strerror(errno));
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            throw common::RunError("cannot lock " + lockPath + ": " + std::strerror(errno));
        }
    }
    try {
        files::Manifest manifest = files::Manifest::read(sweepDir);
        for (auto& e : manifest.cases)
            if (e.name == name) {
                e.status = status;
                e.reason = reason;
            }
        manifest.write(sweepDir);
    } catch (...) {
        close(fd);
        throw;
    }
    close(fd);
}

int CaseTask::run(const std::string& sweepDirIn, int index, std::ostream& log, int retries) const {
    const std::string sweepDir = fs::absolute(sweepDirIn).string();
    const std::string name = caseName(sweepDir, index);
    const std::string caseDir = sweepDir + "/" + name;
    log << "task " << index << ": case " << name << "\n" << std::flush;

    // A local run --continue cut off in this case is finished or undone first (its earlier result
    // stands either way), but only under the sweep's lock: a local run that holds it may be
    // continuing this very case, and its continuation is its own to finish.
    if (fs::exists(fs::symlink_status(caseDir + "/" + CaseContinuation::kJournal))) {
        try {
            const SweepLock lock(sweepDir);
            CaseContinuation::recover(caseDir);
        } catch (const common::RunError& e) {
            log << name << ": a continuation's journal is left to the run that holds the sweep (" << e.what() << ")\n";
        }
    }
    // Finished by an earlier run of this task (requeued after it wrote): only CaseRunner writes
    // timing_s, so a results.json the solver left mid-run does not count.
    const std::string resultsPath = caseDir + "/" + files::SweepLayout::kResults;
    if (fs::exists(resultsPath)) {
        try {
            const auto result = files::CaseResult::fromJson(common::JsonFile::read(resultsPath), resultsPath);
            if (result.ok() && result.timingS) {
                record(sweepDir, name, "ok", "");
                log << name << ": already finished, not run again\n";
                return 0;
            }
        } catch (const std::runtime_error&) {
            // common::RunError or common::InputError (a damaged or hostile results.json): not finished, run it.
        }
    }

    // Our own process group, so that a stop signal reaches every program the case starts.
    setpgid(0, 0);
    struct sigaction sa {};
    sa.sa_handler = onStop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    // Once a signal came, stop whatever step runs now or starts next (CaseRunner runs them in turn).
    // A step leads its own process group (its id in the case's running.pgid): signal that one too.
    std::atomic<bool> done{false};
    const std::string groupFile = caseDir + "/" + CaseRunner::kRunningFile;
    std::thread guard([&done, groupFile]() {
        while (!done) {
            if (stopSignal != 0) {
                kill(0, SIGTERM);  // our group, this process included: onStop ignores it
                std::ifstream in(groupFile);
                long pgid = 0;
                if (in >> pgid && pgid > 1) kill(static_cast<pid_t>(-pgid), SIGTERM);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    });

    // The array script exports the job's --ntasks: that many MPI ranks inside the allocation.
    int ranks = 1;
    if (const char* n = std::getenv("DRAFTING_NTASKS"); n != nullptr) ranks = std::max(1, std::atoi(n));
    const files::CaseResult result = CaseRunner(tools_, ranks, false)
                                  .runWithRetries(
                                      caseDir, retries,
                                      [&](const std::string& reason, int attempt) {
                                          log << name << ": " << reason << "; retrying (" << attempt << " of "
                                              << retries << ")\n"
                                              << std::flush;
                                      },
                                      [] { return stopSignal != 0; });
    done = true;
    guard.join();

    if (stopSignal != 0 && !result.ok()) {
        // Not the case's fault: leave it to run again. The failed result of the stopped program
        // goes, so the next submission continues from the case's last checkpoint, if it has one
        // (CaseRunner::checkpoint), and otherwise starts from a clean folder. (A case that finished
        // before the signal keeps its result and is recorded below.)
        std::filesystem::remove(caseDir + "/" + files::SweepLayout::kResults);
        const std::string from = CaseRunner::checkpoint(caseDir);
        const std::string why = std::string("interrupted by ") + (stopSignal == SIGUSR1 ? "SIGUSR1" : "SIGTERM") +
                                " (time limit or scancel); runs again on the next submission" +
                                (from.empty() ? std::string(", from the start") : ", from its checkpoint at time " + from);
        record(sweepDir, name, "pending", why);
        log << name << ": " << why << "\n";
        return kInterrupted;
    }
    record(sweepDir, name, result.status, result.reason);
    log << name << ": " << result.status;
    if (!result.ok()) log << " (" << result.reason << ")";
    log << "\n";
    return 0;
}

}  // namespace drafting::cases::run
