#include "cases/config/Formation.hpp"

#include "common/Error.hpp"
#include "common/ValueList.hpp"


#include <cmath>
#include <sstream>

namespace drafting::cases::config {

bool Formation::usesFrontGap(const std::string& p) {
    return p == "ahead" || p == "ahead-behind" || p == "ineos" || p == "breaking2" || p == "breaking4" ||
           p == "single-file";
}
bool Formation::usesBackGap(const std::string& p) {
    return p == "behind" || p == "ahead-behind" || p == "ineos" || p == "breaking4" || p == "single-file";
}
bool Formation::usesLateral(const std::string& p) { return p != "solo" && p != "custom"; }

std::vector<RunnerPlacement> Formation::place(const SweepConfig& c, const std::string& p, double f, double b,
                                              double l, std::optional<BodySize> pacerSize) {
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
    } else if (p == "ineos" || p == "breaking2" || p == "breaking4") {
        if (l <= 0.0)
            throw common::InputError(common::ErrorSite::of("sweep.lateral", common::ValueList::format(l)),
                                     "the " + p + " preset needs a positive lateral spacing");
        if (p == "ineos") {
            pacers = {{f, 0.0}, {f + r, l}, {f + r, -l}, {f + 2 * r, 2 * l}, {f + 2 * r, -2 * l},
                      {-b, 0.5 * l}, {-b, -0.5 * l}};
        } else if (p == "breaking4") {
            // The Paris shield: five ahead, three behind (reports of the run); the shape, a row of
            // three with two more in front of the gaps, and a row of three behind, is an assumption.
            pacers = {{f, 0.0}, {f, l}, {f, -l}, {f + r, 0.5 * l}, {f + r, -0.5 * l},
                      {-b, 0.0}, {-b, l}, {-b, -l}};
        } else {
            pacers = {{f, 0.0}, {f, l}, {f, -l}, {f + r, 0.5 * l}, {f + r, -0.5 * l}, {f + 2 * r, 0.0}};
        }
    } else if (p == "custom") {
        for (const auto& pos : c.positions) pacers.emplace_back(pos.x, pos.y);
    } else if (p != "solo") {
        throw common::InputError(common::ErrorSite::of("formation.preset", p), "unknown preset");
    }

    // A pacer of her size is her body: the same mesh, the same case as before pacers had sizes.
    if (pacerSize && *pacerSize == c.athlete()) pacerSize.reset();
    std::vector<RunnerPlacement> runners{{"lead", 0.0, 0.0}};
    for (std::size_t i = 0; i < pacers.size(); ++i) {
        std::optional<BodySize> size = pacerSize;
        // A custom position with a size of its own: that pacer's body, her own only if equal to hers.
        if (p == "custom" && c.positions[i].heightM) {
            size = c.pacerSizeAt(c.positions[i]);
            if (*size == c.athlete()) size.reset();
        }
        // Likewise a pacer in step with her; its own phase where pacers.stride_offset lists one per
        // pacer (the config checked there is one for each).
        runners.push_back({"pacer" + std::to_string(i + 1), pacers[i].first, pacers[i].second, size, c.pacerOwnStridePhase(i)});
    }
    return runners;
}

namespace {

// "formation of case C: pacer1 at (1.3, 0) and pacer2 at (1.4, 0) overlap or touch"
std::string overlap(const std::string& caseName, const RunnerPlacement& a, const RunnerPlacement& b) {
    const auto at = [](const RunnerPlacement& r) {
        return r.name + " at (" + common::ValueList::format(r.x) + ", " + common::ValueList::format(r.y) + ")";
    };
    return "formation of case " + caseName + ": " + at(a) + " and " + at(b) + " overlap or touch";
}

}  // namespace

void Formation::checkClearance(const std::vector<RunnerPlacement>& runners,
                               const std::function<Section(const RunnerPlacement&)>& sectionOf,
                               const std::string& caseName) {
    constexpr double kClearance = 1.1;
    for (std::size_t i = 0; i < runners.size(); ++i) {
        for (std::size_t j = i + 1; j < runners.size(); ++j) {
            // Two aligned ellipses are clear when they are along the line between their centres:
            // each ellipse's radius in that direction, summed and grown by 10 %, is less than the
            // distance (exact for equal ellipses, as before; close for two of similar shape).
            const Section a = sectionOf(runners[i]), b = sectionOf(runners[j]);
            const double dx = runners[j].x - runners[i].x, dy = runners[j].y - runners[i].y;
            const double distance = std::hypot(dx, dy);
            const auto radius = [&](const Section& s) {
                if (distance == 0.0) return s.halfDepth;
                const double cx = dx / distance, cy = dy / distance;
                return 1.0 / std::hypot(cx / s.halfDepth, cy / s.halfWidth);
            };
            if (distance < kClearance * (radius(a) + radius(b))) throw common::InputError(overlap(caseName, runners[i], runners[j]));
        }
    }
}

void Formation::checkClearance3d(
    const std::vector<RunnerPlacement>& runners,
    const std::function<const meshes::BodyClearance&(const RunnerPlacement&, const RunnerPlacement&)>& clearanceOf,
    const std::string& caseName) {
    for (std::size_t i = 0; i < runners.size(); ++i) {
        for (std::size_t j = i + 1; j < runners.size(); ++j) {
            const double gap = clearanceOf(runners[i], runners[j]).gap(runners[j].x - runners[i].x, runners[j].y - runners[i].y);
            if (gap < kMinGap3d) {
                std::ostringstream msg;
                msg << overlap(caseName, runners[i], runners[j]) << " (surface gap " << std::lround(gap * 1000.0)
                    << " mm; 3D runners need " << std::lround(kMinGap3d * 1000.0) << " mm)";
                throw common::InputError(msg.str());
            }
        }
    }
}

}  // namespace drafting::cases::config
