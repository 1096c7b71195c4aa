#pragma once
#include <ostream>

#include "cases/cli/CommandLine.hpp"

namespace drafting::cases::cli {

/// draft-cases plan CONFIG [--json]: the cases a config expands to, with where each runner stands;
/// writes nothing.
class PlanCommand {
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
};

}  // namespace drafting::cases::cli
