#include "cases/config/Formation.hpp"

#include "common/Error.hpp"
#include "common/ValueList.hpp"

#include "meshes/BodyClearance.hpp"

#include <cmath>
#include <sstream>

namespace drafting::cases::config {

bool Formation::usesFrontGap(const std::string& p) {
    return p == "ahead" || p == "ahead-behind" || p == "ineos" || p == "breaking2" ||
           p == "single-file";
}
bool Formation::usesBackGap(const std::string& p) {
    return p == "behind" || p == "ahead-behind" || p == "ineos" || p == "single-file";
}
bool Formation::usesLateral(const std::string& p) { return p != "solo" && p != "custom"; }

std::vector<RunnerPlacement> Formation::place(const SweepConfig& c, const std::string& p, double f, double b,
                                              double l) {
    std::vector<std::pair<double, double>> pacers;
    const double r = c.rowGap;
    if (p == "ahead") {
        pacers = {{f, l}};
    } else if (p == "behind") {
        pacers = {{-b, l}};
    } else if (p == "ahead-behind") {
        pacers = {{f, l}, {-b, l}};
    } else if (p == "single-file") {
        for (int k = 1; k <= c.aheadCount; ++k) pacers.emplace_back(k * f, l);
        for (int k = 1; k <= c.behindCount; ++k) pacers.emplace_back(-k * b, l);
    } else if (p == "ineos" || p == "breaking2") {
        if (l <= 0.0)
            throw common::InputError(common::ErrorSite::of("sweep.lateral", common::ValueList::format(l)),
                                     "the " + p + " preset needs a positive lateral spacing");
        if (p == "ineos") {
            pacers = {{f, 0.0}, {f + r, l}, {f + r, -l}, {f + 2 * r, 2 * l}, {f + 2 * r, -2 * l},
                      {-b, 0.5 * l}, {-b, -0.5 * l}};
        } else {
            pacers = {{f, 0.0}, {f, l}, {f, -l}, {f + r, 0.5 * l}, {f + r, -0.5 * l}, {f + 2 * r, 0.0}};
        }
    } else if (p == "custom") {
        for (const auto& pos : c.positions) pacers.emplace_back(pos.x, pos.y);
    } else if (p != "solo") {
        throw common::InputError(common::ErrorSite::of("formation.preset", p), "unknown preset");
    }

    std::vector<RunnerPlacement> runners{{"lead", 0.0, 0.0}};
    for (std::size_t i = 0; i < pacers.size(); ++i)
        runners.push_back({"pacer" + std::to_string(i + 1), pacers[i].first, pacers[i].second});
    return runners;
}

void Formation::checkClearance(const std::vector<RunnerPlacement>& runners, double halfDepth,
                               double halfWidth, const std::string& caseName) {
    // Equal, aligned ellipses touch when the distance, scaled to unit circles, is 2.
    constexpr double kClearance = 1.1;
    for (std::size_t i = 0; i < runners.size(); ++i) {
        for (std::size_t j = i + 1; j < runners.size(); ++j) {
            const double dx = (runners[i].x - runners[j].x) / halfDepth;
            const double dy = (runners[i].y - runners[j].y) / halfWidth;
            if (std::hypot(dx, dy) < 2.0 * kClearance) {
                throw common::InputError("formation of case " + caseName + ": " + runners[i].name + " at (" +
                                  common::ValueList::format(runners[i].x) + ", " + common::ValueList::format(runners[i].y) +
                                  ") and " + runners[j].name + " at (" + common::ValueList::format(runners[j].x) + ", " +
                                  common::ValueList::format(runners[j].y) + ") overlap or touch");
            }
        }
    }
}

void Formation::checkClearance3d(const std::vector<RunnerPlacement>& runners, const meshes::RunnerBody& body,
                                 const std::string& caseName) {
    const meshes::BodyClearance clearance(body.surface());
    for (std::size_t i = 0; i < runners.size(); ++i) {
        for (std::size_t j = i + 1; j < runners.size(); ++j) {
            const double gap = clearance.gap(runners[j].x - runners[i].x, runners[j].y - runners[i].y);
            if (gap < kMinGap3d) {
                std::ostringstream msg;
                msg << "formation of case " << caseName << ": " << runners[i].name << " at ("
                    << common::ValueList::format(runners[i].x) << ", " << common::ValueList::format(runners[i].y) << ") and "
                    << runners[j].name << " at (" << common::ValueList::format(runners[j].x) << ", "
                    << common::ValueList::format(runners[j].y) << ") overlap or touch (surface gap "
                    << std::lround(gap * 1000.0) << " mm; 3D runners need " << std::lround(kMinGap3d * 1000.0)
                    << " mm)";
                throw common::InputError(msg.str());
            }
        }
    }
}

}  // namespace drafting::cases::config
