#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/Formation.hpp"
#include "cases/SweepConfig.hpp"

namespace drafting::cases {

/// One case of a sweep: a formation at one point of the sweep axes.
struct CaseSpec {
    std::string name;       // folder name, safe (see SafeName)
    std::string formation;  // preset name; "solo" for the baseline
    std::optional<double> frontGap;
    std::optional<double> backGap;
    std::optional<double> lateral;
    std::vector<RunnerPlacement> runners;  // runners[0] is the lead runner

    nlohmann::json parametersJson() const;
};

/// Expands a config into its cases: the solo baseline first, then every combination of the
/// axes the preset uses (an axis the preset ignores is not swept, so no duplicate cases).
class SweepPlan {
public:
    /// Throws ConfigError if runners overlap or the sweep exceeds `maxCases`.
    static std::vector<CaseSpec> expand(const SweepConfig& config, std::size_t maxCases = 200);
};

}  // namespace drafting::cases
