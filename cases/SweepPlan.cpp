#include "cases/SweepPlan.hpp"

#include "cases/ConfigError.hpp"
#include "cases/ValueList.hpp"
#include "meshes/Athlete.hpp"

namespace drafting::cases {

nlohmann::json CaseSpec::parametersJson() const {
    auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    nlohmann::json runnersJson = nlohmann::json::array();
    for (const auto& r : runners) runnersJson.push_back({{"name", r.name}, {"x_m", r.x}, {"y_m", r.y}});
    return {{"formation", formation},
            {"front_gap_m", opt(frontGap)},
            {"back_gap_m", opt(backGap)},
            {"lateral_m", opt(lateral)},
            {"runners", runnersJson}};
}

std::vector<CaseSpec> SweepPlan::expand(const SweepConfig& config, std::size_t maxCases) {
    const meshes::Athlete athlete(config.athleteHeight, config.athleteMass);
    const double halfDepth = 0.5 * athlete.sectionDepth();
    const double halfWidth = 0.5 * athlete.sectionWidth();

    std::vector<CaseSpec> cases;
    cases.push_back({"solo", "solo", std::nullopt, std::nullopt, std::nullopt, {{"lead", 0.0, 0.0}}});
    if (config.preset == "solo") return cases;

    const std::string& p = config.preset;
    const std::vector<double> none{0.0};
    const auto& fronts = Formation::usesFrontGap(p) ? config.frontGaps : none;
    const auto& backs = Formation::usesBackGap(p) ? config.backGaps : none;
    const auto& lats = Formation::usesLateral(p) ? config.laterals : none;

    const std::size_t total = fronts.size() * backs.size() * lats.size() + 1;
    if (total > maxCases)
        throw ConfigError("sweep: " + std::to_string(total) + " cases exceed the limit of " +
                          std::to_string(maxCases) + " (raise it with --max-cases)");

    for (double f : fronts) {
        for (double b : backs) {
            for (double l : lats) {
                CaseSpec spec;
                spec.formation = p;
                spec.name = p;
                if (Formation::usesFrontGap(p)) {
                    spec.frontGap = f;
                    spec.name += "-f" + ValueList::format(f);
                }
                if (Formation::usesBackGap(p)) {
                    spec.backGap = b;
                    spec.name += "-b" + ValueList::format(b);
                }
                if (Formation::usesLateral(p)) {
                    spec.lateral = l;
                    if (config.laterals.size() > 1 || l != 0.0) spec.name += "-l" + ValueList::format(l);
                }
                spec.runners = Formation::place(config, f, b, l);
                Formation::checkClearance(spec.runners, halfDepth, halfWidth, spec.name);
                for (const auto& existing : cases) {
                    if (existing.name == spec.name)
                        throw ConfigError("sweep: case " + spec.name + " appears twice (repeated value in a list?)");
                }
                cases.push_back(std::move(spec));
            }
        }
    }
    return cases;
}

}  // namespace drafting::cases
