#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace drafting::post::cli {

/// draft-post race SCHEDULE [--sweep SWEEPDIR] [--json] [-o OUT]: a race with formation changes
/// replayed through the pacing model, with its splits.
class RaceCommand {
public:
    /// `args` follow "race".
    static int run(const std::vector<std::string>& args, std::ostream& out);
};

}  // namespace drafting::post::cli
