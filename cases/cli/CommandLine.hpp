#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options/variables_map.hpp>

#include "cases/slurm/SlurmBackend.hpp"
#include "cases/run/SweepRunner.hpp"

namespace drafting::cases::cli {

/// A draft-cases command line, parsed and checked in two steps so that every refusal comes before
/// anything is read or written (docs/config.md, "Command line"): parse() the options every
/// command shares, then checkRunSettings() the ones a command that runs or writes cases needs.
class CommandLine {
public:
    /// Splits the config overrides from the options, parses them and checks that the command
    /// exists and takes every option given. Returns nothing when the line is answered already
    /// (--version, --help, no command): `exitCode` then holds the tool's exit status.
    static std::optional<CommandLine> parse(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                                            int& exitCode);

    /// The target (CONFIG, DIR or NAME), the backend and its Slurm options, the levels, --jobs,
    /// --np, --retries, --continue, --max-cases, -o and the overrides, in the order the tool has
    /// always checked them. Throws common::InputError naming the first bad one. `out` is where the
    /// command prints: a redrawn progress bar only when it is a terminal.
    void checkRunSettings(const std::ostream& out);

    /// -o DIR as a sweep folder: refused in one line when it cannot be one (empty, a file, under a
    /// file, a link to nowhere, a blank or a quote OpenFOAM would drop).
    std::string outputDir() const;

    bool has(const char* option) const { return vm_.count(option) != 0; }
    std::string text(const char* option) const;
    int number(const char* option) const;

    const std::string& command() const { return command_; }
    const std::string& target() const { return target_; }
    /// "--section.key=value" config overrides, in the order given.
    const std::vector<std::string>& overrides() const { return overrides_; }
    const boost::program_options::variables_map& options() const { return vm_; }

    // Checked by checkRunSettings().
    bool slurm() const { return backend_ == "slurm"; }
    const slurm::SlurmBackend::Options& slurmOptions() const { return slurm_; }
    const std::vector<std::string>& levels() const { return levels_; }
    int jobs() const { return jobs_; }
    const run::SweepRunner::RunOptions& runOptions() const { return runOptions_; }
    int maxCases() const { return maxCases_; }
    bool force() const { return has("force"); }

private:
    std::string command_, target_;
    boost::program_options::variables_map vm_;
    std::vector<std::string> overrides_;
    std::string backend_ = "local";
    slurm::SlurmBackend::Options slurm_;
    std::vector<std::string> levels_;
    int jobs_ = 1;
    run::SweepRunner::RunOptions runOptions_;
    int maxCases_ = 200;
};

}  // namespace drafting::cases::cli
