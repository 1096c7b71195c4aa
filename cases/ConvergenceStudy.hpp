#pragma once
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/SweepConfig.hpp"
#include "cases/SweepPlan.hpp"
#include "cases/SweepRunner.hpp"

namespace drafting::cases {

/// Mesh independence: one sweep solved at the three mesh levels (DIR/coarse, DIR/medium,
/// DIR/fine, each an ordinary sweep directory) and reduced, per case and per body, to the
/// Richardson-extrapolated drag and Roache's GCI (cases::GridConvergence) in DIR/convergence.json
/// and DIR/convergence.csv.
class ConvergenceStudy {
public:
    static constexpr const char* kLevels[3] = {"coarse", "medium", "fine"};

    /// Generates and runs the three sweeps, then reduces them. Returns the reduction.
    static nlohmann::json run(const SweepConfig& config, const std::vector<CaseSpec>& plan, const std::string& dir,
                              const SweepRunner& runner, int jobs, bool force, std::ostream& log);

    /// Reads the three sweeps' results and writes convergence.json and convergence.csv.
    static nlohmann::json reduce(const std::string& dir);

    /// The reduction as a text table (one row per case and body).
    static std::string table(const nlohmann::json& study);
};

}  // namespace drafting::cases
