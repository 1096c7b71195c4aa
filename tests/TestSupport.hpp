#pragma once
#include <string>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

#include "common/Error.hpp"

namespace drafting::test {

/// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs a program with arguments (no shell), capturing stdout and stderr.
CommandResult runCommand(const std::vector<std::string>& argv, const std::string& workDir = "");

std::string readFile(const std::string& path);
/// `text` with every run of blanks and line breaks as one space: an OpenFOAM dictionary's entries
/// read as "ground { type slip; }" whatever its layout.
std::string squeezed(const std::string& text);

/// Whether a file of cases/examples is a race schedule for draft-post race (named *-race.cfg),
/// not a sweep config.
bool isRaceSchedule(const std::string& path);
void writeFile(const std::string& path, const std::string& text);

/// A listing of every file under `dir` with size and content hash: equal listings, equal trees.
std::string treeSnapshot(const std::string& dir);

/// Starts a program in the background (no shell), stdout and stderr appended to `log`; its pid.
pid_t spawnLogged(const std::vector<std::string>& argv, const std::string& log);

/// Polls every 20 ms until `ready` holds (true) or `seconds` pass (false).
template <class F>
bool waitFor(F ready, double seconds = 120.0) {
    for (int i = 0; i < seconds * 50; ++i) {
        if (ready()) return true;
        usleep(20000);
    }
    return false;
}

/// The message of the `Error` that `call` throws, or "" when it accepts (another exception
/// passes through and fails the test).
template <class Error, class F>
std::string errorOf(F call) {
    try {
        call();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

/// The message of the common::InputError (exit 1) that `call` throws, or "" when it accepts.
template <class F>
std::string inputErrorOf(F call) {
    return errorOf<common::InputError>(call);
}

/// The status of case `index` in DIR/manifest.json ("" while it is being replaced).
std::string caseStatus(const std::string& dir, int index);

/// The process group in a case's running.pgid once its solver (not the mesher) runs, else 0.
long runningSolver(const std::string& caseDir);

/// Running, not a zombie waiting for a parent that no longer exists.
bool processAlive(long pid);

}  // namespace drafting::test
