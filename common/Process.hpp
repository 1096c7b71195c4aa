#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

namespace drafting::common {

/// Runs a program with an argument vector (never through a shell, so no user string is ever
/// interpreted), in a working directory, with stdout and stderr appended to a log file.
class Process {
public:
    struct Result {
        int exitCode = -1;       // exit status, or 128 + signal
        bool started = false;    // false: the program could not be executed
        double seconds = 0.0;    // wall time
    };

    /// `extraEnv` entries are added to (or replace in) the child's environment. With a
    /// `groupFile`, the child leads its own process group and the group id is kept in that file
    /// while it runs, so a later runner can stop what a killed one left. (mpirun puts each rank
    /// in a group of its own: killStrays finds those.)
    static Result run(const std::vector<std::string>& argv, const std::string& workDir,
                      const std::string& logFile, const std::map<std::string, std::string>& extraEnv = {},
                      const std::string& groupFile = "");

    /// Kills (SIGKILL) the process group named in `groupFile` if it still runs in `workDir`
    /// (a runner killed with -9 leaves its solver behind), and removes the file. Returns true
    /// if a group was killed.
    static bool killStaleGroup(const std::string& groupFile, const std::string& workDir);

    /// Kills (SIGKILL) every process of ours still working in `workDir` whose program's file
    /// name is one of `programs`, and waits up to 2 s for them to go: the MPI ranks of a killed
    /// runner outlive their mpirun for a moment and would write into the case. A shell or a
    /// viewer opened in the folder is not one of the programs and is left alone, and so is any
    /// process of another user. Returns how many were killed.
    static int killStrays(const std::string& workDir, const std::set<std::string>& programs);

    /// Full path of `program` found on PATH, or empty.
    static std::string which(const std::string& program);
};

}  // namespace drafting::common
