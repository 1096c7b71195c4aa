#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::cases::run {

/// The state of every case of a sweep, from its manifest and each case's results.json (which
/// wins when newer: a runner killed before updating the manifest leaves the truth there).
class SweepStatus {
public:
    /// {"sweep", "counts": {pending, ok, failed}, "cases": [{name, status, reason, iterations,
    ///  converged, lead_drag_N}]}
    static nlohmann::json read(const std::string& sweepDir);

    /// One line per case and a summary line, for a terminal.
    static std::string table(const nlohmann::json& status);
};

}  // namespace drafting::cases::run
