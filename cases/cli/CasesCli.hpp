#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace drafting::cases::cli {

/// The draft-cases command line (plan | generate | run | sweep | status | convergence | geometry |
/// reference | run-task): cli::CommandLine parses and checks it, and a table hands it to the
/// command's own class under cases/cli/. Throws common::InputError for bad input (before anything is
/// written) and common::RunError for failures while running.
class CasesCli {
public:
    /// `args` excludes the program name. Returns the exit code: 0, or 3 when cases failed.
    static int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

    static std::string usage();
};

}  // namespace drafting::cases::cli
