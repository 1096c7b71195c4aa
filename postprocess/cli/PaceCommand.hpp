#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace drafting::post::cli {

/// draft-post pace --mass KG --height M --baseline-time M:SS.ss --drag-saving F [--cda M2]
/// [--air-density RHO] [--distance M] [--json]: one saving through the pacing model.
class PaceCommand {
public:
    /// `args` follow "pace".
    static int run(const std::vector<std::string>& args, std::ostream& out);
};

}  // namespace drafting::post::cli
