#include "cases/config/SweepPlan.hpp"

#include "meshes/RunnerBody.hpp"
#include "common/Error.hpp"
#include "common/SafeName.hpp"
#include "common/ValueList.hpp"
#include "meshes/Athlete.hpp"

#include <unordered_set>

namespace drafting::cases::config {

nlohmann::json CaseSpec::parametersJson() const {
    auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    nlohmann::json runnersJson = nlohmann::json::array();
    for (const auto& r : runners) runnersJson.push_back({{"name", r.name}, {"x_m", r.x}, {"y_m", r.y}});
    auto centre = [&](const std::optional<double>& v) {
        return v ? nlohmann::json(*v + gapToCentre) : nlohmann::json();
    };
    return {{"formation", formation},
            {"front_gap_m", opt(frontGap)},
            {"back_gap_m", opt(backGap)},
            {"lateral_m", opt(lateral)},
            {"gap_definition", gapDefinition},
            {"front_centre_gap_m", centre(frontGap)},
            {"back_centre_gap_m", centre(backGap)},
            {"runners", runnersJson}};
}

std::vector<CaseSpec> SweepPlan::expand(const SweepConfig& config, std::size_t maxCases) {
    const meshes::Athlete athlete(config.athleteHeight, config.athleteMass);

    // 3D: the body is built once, for the gap definition and the clearance check.
    std::optional<meshes::RunnerBody> body;
    if (config.dimension == 3) body.emplace(config.runnerBody());
    // A clearance is measured between bounding boxes: trailing edge of the runner in front to
    // the leading edge of the one behind, so the centres are one body depth further apart.
    const bool clearance = config.gapDefinition == "clearance";
    const double gapToCentre = !clearance ? 0.0 : body ? body->depth() : athlete.sectionDepth();
    const std::string frontTag = clearance ? "-fc" : "-f", backTag = clearance ? "-bc" : "-b";

    std::vector<CaseSpec> cases;
    cases.push_back({"solo", "solo", std::nullopt, std::nullopt, std::nullopt, {{"lead", 0.0, 0.0}},
                     config.gapDefinition, gapToCentre});

    std::unordered_set<std::string> names{"solo"};
    std::size_t total = 1;
    const std::vector<double> none{0.0};
    for (const auto& p : config.presets) {
        if (p == "solo") continue;
        const auto& a = config.axesFor(p);
        total += (Formation::usesFrontGap(p) ? a.frontGaps.size() : 1) * (Formation::usesBackGap(p) ? a.backGaps.size() : 1) *
                 (Formation::usesLateral(p) ? a.laterals.size() : 1);
    }
    if (total > maxCases)
        throw common::InputError("sweep: " + std::to_string(total) + " cases exceed the limit of " +
                          std::to_string(maxCases) + " (raise it with --max-cases)");

    for (const auto& p : config.presets) {
        if (p == "solo") continue;
        const auto& a = config.axesFor(p);
        const auto& fronts = Formation::usesFrontGap(p) ? a.frontGaps : none;
        const auto& backs = Formation::usesBackGap(p) ? a.backGaps : none;
        const auto& lats = Formation::usesLateral(p) ? a.laterals : none;
        for (double f : fronts) {
            for (double b : backs) {
                for (double l : lats) {
                    CaseSpec spec;
                    spec.formation = p;
                    spec.name = p;
                    spec.gapDefinition = config.gapDefinition;
                    spec.gapToCentre = gapToCentre;
                    if (Formation::usesFrontGap(p)) {
                        spec.frontGap = f;
                        spec.name += frontTag + common::ValueList::format(f);
                    }
                    if (Formation::usesBackGap(p)) {
                        spec.backGap = b;
                        spec.name += backTag + common::ValueList::format(b);
                    }
                    if (Formation::usesLateral(p)) {
                        spec.lateral = l;
                        if (a.laterals.size() > 1 || l != 0.0) spec.name += "-l" + common::ValueList::format(l);
                    }
                    spec.runners = Formation::place(config, p, f + gapToCentre, b + gapToCentre, l);
                    // Every name is checked here, so plan refuses what generate would, before
                    // generate writes anything.
                    common::SafeName::check("case name", spec.name);
                    if (!names.insert(spec.name).second)
                        throw common::InputError("sweep: case " + spec.name + " appears twice (repeated value in a list?)");
                    cases.push_back(std::move(spec));
                }
            }
        }
    }

    // Runners may not overlap or touch: 2D sections as ellipses, 3D bodies by their surfaces.
    if (body) {
        for (const auto& spec : cases) Formation::checkClearance3d(spec.runners, *body, spec.name);
    } else {
        for (const auto& spec : cases)
            Formation::checkClearance(spec.runners, 0.5 * athlete.sectionDepth(), 0.5 * athlete.sectionWidth(),
                                      spec.name);
    }
    return cases;
}

}  // namespace drafting::cases::config
