#include "cases/config/SweepPlan.hpp"

#include "meshes/RunnerBody.hpp"
#include "common/Error.hpp"
#include "common/SafeName.hpp"
#include "common/ValueList.hpp"
#include "meshes/Athlete.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_set>
#include <utility>

namespace drafting::cases::config {

nlohmann::json CaseSpec::parametersJson() const {
    auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    nlohmann::json runnersJson = nlohmann::json::array();
    for (const auto& r : runners) {
        nlohmann::json runner = {{"name", r.name}, {"x_m", r.x}, {"y_m", r.y}};
        // Only a runner of its own size says so: the athlete's cases keep their parameters.
        if (r.size) {
            runner["height_m"] = r.size->heightM;
            runner["mass_kg"] = r.size->massKg;
            if (namesProportions(*r.size)) runner["proportions"] = r.size->proportions;
        }
        // Likewise a runner out of her step.
        if (r.stridePhase) runner["stride_phase"] = *r.stridePhase;
        runnersJson.push_back(runner);
    }
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

bool CaseSpec::namesProportions(const BodySize& size) const {
    // Winter's on both: what every case before the proportions existed was, and wrote nothing.
    return size.proportions != "winter" || athleteProportions != "winter";
}

std::vector<CaseSpec> SweepPlan::expand(const SweepConfig& config, std::size_t maxCases) {
    const bool threeD = config.dimension == 3;
    // 3D: one body per size and phase of the stride, built once, for the gap definition and the
    // clearance check.
    std::map<std::pair<BodySize, std::optional<double>>, meshes::RunnerBody> bodies;
    const auto bodyOf = [&](const std::optional<BodySize>& size,
                            const std::optional<double>& phase = std::nullopt) -> const meshes::RunnerBody& {
        const auto key = std::make_pair(size.value_or(config.athlete()), phase ? phase : config.stridePhase);
        auto it = bodies.find(key);
        if (it == bodies.end()) it = bodies.emplace(key, config.runnerBody(size, phase)).first;
        return it->second;
    };
    const auto athleteOf = [&](const std::optional<BodySize>& size) {
        const BodySize s = size.value_or(config.athlete());
        return meshes::Athlete(s.heightM, s.massKg);
    };
    const auto depthOf = [&](const std::optional<BodySize>& size, const std::optional<double>& phase) {
        return threeD ? bodyOf(size, phase).depth() : athleteOf(size).sectionDepth();
    };
    // A clearance is measured between bounding boxes: trailing edge of the runner in front to
    // the leading edge of the one behind, so the centres are half of each body's depth further apart.
    const bool clearance = config.gapDefinition == "clearance";
    const std::optional<double> pacerPhase = config.pacerOwnStridePhase();
    const auto gapToCentreFor = [&](const std::optional<BodySize>& pacer) {
        return clearance ? 0.5 * (depthOf(std::nullopt, std::nullopt) + depthOf(pacer, pacerPhase)) : 0.0;
    };
    const std::string frontTag = clearance ? "-fc" : "-f", backTag = clearance ? "-bc" : "-b";

    std::vector<CaseSpec> cases;
    cases.push_back({"solo", "solo", std::nullopt, std::nullopt, std::nullopt, {{"lead", 0.0, 0.0}},
                     config.gapDefinition, gapToCentreFor(std::nullopt)});
    cases.front().athleteProportions = config.athleteProportions;

    std::unordered_set<std::string> names{"solo"};
    std::size_t total = 1;
    const std::vector<double> none{0.0};
    for (const auto& p : config.presets) {
        if (p == "solo") continue;
        const auto& a = config.axesFor(p);
        total += (Formation::usesFrontGap(p) ? a.frontGaps.size() : 1) * (Formation::usesBackGap(p) ? a.backGaps.size() : 1) *
                 (Formation::usesLateral(p) ? a.laterals.size() : 1) * std::max<std::size_t>(1, a.pacerHeights.size());
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
        std::vector<std::optional<double>> heights{std::nullopt};
        if (!a.pacerHeights.empty()) heights.assign(a.pacerHeights.begin(), a.pacerHeights.end());
        // Every custom pacer of its own size: the axis would give the same case under other names.
        if (p == "custom" && !a.pacerHeights.empty() &&
            std::all_of(config.positions.begin(), config.positions.end(), [](const PacerPosition& pos) { return pos.heightM.has_value(); }))
        {
            std::string list;
            for (const double h : a.pacerHeights) list += (list.empty() ? "" : ", ") + common::ValueList::format(h);
            throw common::InputError(common::ErrorSite::of("sweep.pacer_height", list),
                                     "every custom position gives its pacer a size of its own: the axis would repeat one case");
        }
        for (const auto& height : heights) {
            const BodySize pacer = config.pacerSize(height);
            const std::optional<BodySize> own = pacer == config.athlete() ? std::nullopt : std::optional<BodySize>(pacer);
            const double gapToCentre = gapToCentreFor(own);
            for (double f : fronts) {
                for (double b : backs) {
                    for (double l : lats) {
                        CaseSpec spec;
                        spec.athleteProportions = config.athleteProportions;
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
                        if (height) spec.name += "-ph" + common::ValueList::format(*height);
                        spec.runners = Formation::place(config, p, f + gapToCentre, b + gapToCentre, l, own);
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
    }

    // Runners may not overlap or touch: 2D sections as ellipses, 3D bodies by their surfaces.
    if (threeD) {
        // One clearance per pair of bodies, kept for every case.
        std::map<std::pair<const meshes::RunnerBody*, const meshes::RunnerBody*>, std::unique_ptr<meshes::BodyClearance>> measured;
        const auto clearanceOf = [&](const RunnerPlacement& r1, const RunnerPlacement& r2) -> const meshes::BodyClearance& {
            const meshes::RunnerBody* a = &bodyOf(r1.size, r1.stridePhase);
            const meshes::RunnerBody* b = &bodyOf(r2.size, r2.stridePhase);
            auto& slot = measured[{a, b}];
            if (!slot)
                slot = a == b ? std::make_unique<meshes::BodyClearance>(a->surface())
                              : std::make_unique<meshes::BodyClearance>(a->surface(), b->surface());
            return *slot;
        };
        for (const auto& spec : cases) Formation::checkClearance3d(spec.runners, clearanceOf, spec.name);
    } else {
        const auto sectionOf = [&](const RunnerPlacement& r) {
            const meshes::Athlete athlete = athleteOf(r.size);
            return Formation::Section{0.5 * athlete.sectionDepth(), 0.5 * athlete.sectionWidth()};
        };
        for (const auto& spec : cases) Formation::checkClearance(spec.runners, sectionOf, spec.name);
    }
    return cases;
}

}  // namespace drafting::cases::config
