#pragma once
#include <ostream>

#include "cases/cli/CommandLine.hpp"

namespace drafting::cases::cli {

/// draft-cases run-task DIR --index I: one case of a Slurm job array (SlurmBackend writes the
/// call). Takes no sweep lock: the array's tasks share the sweep.
class RunTaskCommand {
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

}  // namespace drafting::cases::cli
