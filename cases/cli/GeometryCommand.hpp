#pragma once
#include <ostream>

#include "cases/cli/CommandLine.hpp"

namespace drafting::cases::cli {

/// draft-cases geometry -o FILE.stl [--height M] [--mass KG] [--pose P] [--stl FILE]: a runner
/// surface and its description (FILE.json), written as a pair and nowhere else.
class GeometryCommand {
public:
    static int run(const CommandLine& line, std::ostream& out);
};

}  // namespace drafting::cases::cli
