#pragma once
#include <ostream>

#include "cases/cli/CommandLine.hpp"

namespace drafting::cases::cli {

/// draft-cases generate | sweep | convergence CONFIG -o DIR: writes the cases as one transaction
/// (generate), then runs them (sweep) or runs them at each mesh level and reduces the study
/// (convergence; --reduce-only reduces what has finished).
class SweepCommand {
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

}  // namespace drafting::cases::cli
