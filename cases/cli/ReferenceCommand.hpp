#pragma once
#include <ostream>

#include "cases/cli/CommandLine.hpp"

namespace drafting::cases::cli {

/// draft-cases reference NAME -o DIR: a reference flow run and checked against its measured values
/// (exit 3 when a check fails); reference --list prints every reference.
class ReferenceCommand {
public:
    static int run(const CommandLine& line, std::ostream& out, std::ostream& err);
    /// reference --list: every reference, 2D or 3D, and its title. Takes nothing else.
    static int list(const CommandLine& line, std::ostream& out);
};

}  // namespace drafting::cases::cli
