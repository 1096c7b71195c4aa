#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/config/Formation.hpp"
#include "cases/config/SweepConfig.hpp"

namespace drafting::cases::config {

/// One case of a sweep: a formation at one point of the sweep axes.
struct CaseSpec {
    std::string name;       // folder name, safe (see common::SafeName)
    std::string formation;  // preset name; "solo" for the baseline
    std::optional<double> frontGap;  // as the config gives them, measured per gapDefinition
    std::optional<double> backGap;
    std::optional<double> lateral;
    std::vector<RunnerPlacement> runners;  // runners[0] is the lead runner
    std::string gapDefinition = "centre";
    /// Added to a gap to give centre to centre [m]: for "clearance", half the lead's depth and
    /// half the pacers' (their own size's).
    double gapToCentre = 0.0;
    /// Her limb proportions (SweepConfig::athleteProportions): a pacer's are written beside its size
    /// whenever either is not Winter's, so a pacer of other proportions than hers says why it is its own body.
    std::string athleteProportions = "winter";

    nlohmann::json parametersJson() const;
    /// Whether a runner of its own `size` names its proportions (see athleteProportions).
    bool namesProportions(const BodySize& size) const;
};

/// Expands a config into its cases: the solo baseline first, then every combination of the
/// axes the preset uses (an axis the preset ignores is not swept, so no duplicate cases).
class SweepPlan {
public:
    /// Throws common::InputError if runners overlap or the sweep exceeds `maxCases`.
    static std::vector<CaseSpec> expand(const SweepConfig& config, std::size_t maxCases = 200);
};

}  // namespace drafting::cases::config
