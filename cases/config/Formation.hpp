#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cases/config/SweepConfig.hpp"
#include "meshes/BodyClearance.hpp"
#include "meshes/RunnerBody.hpp"

namespace drafting::cases::config {

/// One runner of a case: the lead runner ("lead") sits at the origin; pacers are
/// pacer1, pacer2, ... ordered as the preset lists them.
struct RunnerPlacement {
    std::string name;
    double x = 0.0;  // m, along the running direction
    double y = 0.0;  // m, lateral
    /// A pacer of its own size; none: the athlete's body.
    std::optional<BodySize> size = std::nullopt;
    /// A pacer out of her step: its phase of the stride (SweepConfig::pacerStridePhase); none: hers.
    std::optional<double> stridePhase = std::nullopt;

    /// Whether the runner has a surface of its own rather than hers (another size or phase).
    bool ownBody() const { return size.has_value() || stridePhase.has_value(); }
};

/// The pacer positions of a preset for one point of the sweep.
///   ahead:        (f, l)                       behind: (-b, l)
///   ahead-behind: (f, l), (-b, l)
///   single-file:  (k f, l) for k = 1..ahead, (-k b, l) for k = 1..behind
///   ineos:        V opening forward: (f, 0), (f + r, ±l), (f + 2r, ±2l); behind (-b, ±l/2)
///   breaking2:    arrowhead: (f, 0), (f, ±l), (f + r, ±l/2), (f + 2r, 0)
///   breaking4:    shield: (f, 0), (f, ±l), (f + r, ±l/2); behind (-b, 0), (-b, ±l)
///   custom:       formation.positions as given
/// with f = front gap, b = back gap, l = lateral, r = formation.row_gap.
class Formation {
public:
    static constexpr std::size_t kMaxPacers = 16;

    /// Every pacer is `pacerSize` (none: the athlete's body; a size equal to hers is hers too), at
    /// the config's pacer phase of the stride (a phase equal to hers is hers too).
    static std::vector<RunnerPlacement> place(const SweepConfig& config, const std::string& preset,
                                              double frontGap, double backGap, double lateral,
                                              std::optional<BodySize> pacerSize = std::nullopt);

    /// Which sweep axes a preset uses.
    static bool usesFrontGap(const std::string& preset);
    static bool usesBackGap(const std::string& preset);
    static bool usesLateral(const std::string& preset);

    /// A 2D runner's section: semi-axes along x and y [m].
    struct Section {
        double halfDepth = 0.0, halfWidth = 0.0;
    };

    /// Throws common::InputError when two runners' sections overlap or touch (each runner's ellipse
    /// `sectionOf(runner)`, with a clearance of 10% for the mesh).
    static void checkClearance(const std::vector<RunnerPlacement>& runners,
                               const std::function<Section(const RunnerPlacement&)>& sectionOf,
                               const std::string& caseName);

    /// Throws common::InputError when two 3D runners come closer than kMinGap3d (or overlap), measured
    /// between their surfaces by `clearanceOf(a, b)` (the caller keeps one meshes::BodyClearance
    /// per pair of bodies: building one costs more than measuring with it).
    static void checkClearance3d(
        const std::vector<RunnerPlacement>& runners,
        const std::function<const meshes::BodyClearance&(const RunnerPlacement&, const RunnerPlacement&)>& clearanceOf,
        const std::string& caseName);

    /// Smallest surface-to-surface gap between 3D runners [m]: a few surface cells, so the
    /// mesh resolves the air between them.
    static constexpr double kMinGap3d = 0.05;
};

}  // namespace drafting::cases::config
