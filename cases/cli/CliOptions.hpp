#pragma once
#include <string>
#include <vector>

namespace drafting::cases::cli {

/// draft-cases' commands and options: which command takes which option, the help of the whole
/// tool and of each command. The one place that says so: an option given to a command that does
/// not take it is refused, never ignored.
class CliOptions {
public:
    /// The commands a user may name (run-task, Slurm's per-case call, is not listed but valid).
    static const std::vector<std::string>& commands();
    static bool isCommand(const std::string& name);

    /// `draft-cases --help`: every command and option.
    static std::string usage();
    /// `draft-cases COMMAND --help`: that command, what it does and only its options.
    static std::string usage(const std::string& command);

    /// Throws common::InputError "--NAME: belongs to A, B (not COMMAND)" for the first of `given`
    /// (option names as Boost stores them, without dashes) that `command` does not take.
    static void checkBelongs(const std::string& command, const std::vector<std::string>& given);
};

}  // namespace drafting::cases::cli
