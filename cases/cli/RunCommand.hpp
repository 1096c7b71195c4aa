#pragma once
#include <ostream>

#include "cases/cli/CommandLine.hpp"

namespace drafting::cases::cli {

/// draft-cases run DIR [--force | --continue [--iterations N]]: runs a generated sweep's cases
/// here, or submits them to Slurm (--backend slurm), under the sweep's lock; exit 3 when a case
/// failed.
class RunCommand {
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

}  // namespace drafting::cases::cli
