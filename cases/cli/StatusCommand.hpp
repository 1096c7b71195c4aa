#pragma once
#include <ostream>

#include "cases/cli/CommandLine.hpp"

namespace drafting::cases::cli {

/// draft-cases status DIR [--json]: each case's state, with Slurm's where a job array runs it;
/// reads only.
class StatusCommand {
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

}  // namespace drafting::cases::cli
