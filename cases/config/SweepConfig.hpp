#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/Units.hpp"
#include "meshes/FormationDomain.hpp"
#include "meshes/RunnerBody.hpp"

namespace drafting::cases::config {

/// A pacer position relative to the lead runner [m]: x along the running direction, y lateral;
/// optionally the pacer's own size there (formation.positions "(x, y, height, mass[, proportions])"),
/// which wins over [pacers] and sweep.pacer_height for this pacer alone.
struct PacerPosition {
    double x = 0.0;
    double y = 0.0;
    std::optional<double> heightM, massKg;      // both or neither
    std::optional<std::string> proportions;     // only with a height and mass; unset: pacers.proportions
};

/// A runner's size: what the parametric body (or a user's STL) is scaled to, and the proportions
/// of its limbs (meshes::SegmentProportions: winter, female or male; the parametric body's only).
struct BodySize {
    double heightM = 0.0;
    double massKg = 0.0;
    std::string proportions = "winter";
    bool operator==(const BodySize& o) const {
        return heightM == o.heightM && massKg == o.massKg && proportions == o.proportions;
    }
    bool operator<(const BodySize& o) const {
        if (heightM != o.heightM) return heightM < o.heightM;
        if (massKg != o.massKg) return massKg < o.massKg;
        return proportions < o.proportions;
    }
};

/// The spacings a formation is swept over [m], and the pacers' heights (empty: not swept).
struct SweepAxes {
    std::vector<double> frontGaps{1.3};
    std::vector<double> backGaps{1.0};
    std::vector<double> laterals{0.0};
    std::vector<double> pacerHeights;
};

/// Everything a sweep config (INI) says, validated. docs/config.md documents every key.
struct SweepConfig {
    std::string name = "sweep";

    double athleteHeight = 1.57;  // m
    double athleteMass = 42.0;    // kg
    /// The proportions of her limbs (athlete.proportions: meshes::SegmentProportions), 3D parametric.
    std::string athleteProportions = "winter";

    double speed = 0.0;           // m/s, from run.speed or run.mile_time
    double headwind = 0.0;        // m/s, positive against the runner
    /// A wind from any side (run.wind_speed, run.wind_direction): its speed [m/s] and the
    /// direction it comes from [degrees], 0 from straight ahead, 90 from the runner's left (+y),
    /// 180 from behind. 0 m/s: calm (or run.headwind alone).
    double windSpeed = 0.0;
    double windDirection = 0.0;
    double airDensity = common::kAirDensity;  // kg/m³
    /// Inflow turbulence: intensity, and either the eddy-viscosity ratio νt/ν (calm air: of
    /// order 1-10) or, when turbulenceLengthScale > 0, a length scale instead.
    double turbulenceIntensity = 0.01;
    double turbulenceViscosityRatio = 10.0;
    double turbulenceLengthScale = 0.0;  // m; 0 = from the viscosity ratio

    /// Pacers of their own size ([pacers]): unset, every pacer is the athlete's body, as every
    /// published drafting study has it. A height without a mass takes the athlete's body-mass index.
    std::optional<double> pacerHeight;  // m
    std::optional<double> pacerMass;    // kg
    /// The pacers' phase of the stride against hers (pacers.stride_offset, each in [0, 1)): 0 in
    /// step, 0.5 on the opposite foot; one value for every pacer, or one per pacer in the order its
    /// formation places them (every formation of the sweep then has that many pacers). Needs
    /// geometry.stride_phase; empty: in step.
    std::vector<double> pacerStrideOffsets;
    /// The pacers' limb proportions (pacers.proportions); unset: hers.
    std::optional<std::string> pacerProportions;

    /// The athlete's size.
    BodySize athlete() const { return {athleteHeight, athleteMass, athleteProportions}; }
    /// The pacers' size at `height` (a point of the sweep.pacer_height axis; unset: pacers.height,
    /// else the athlete's height): the mass is pacers.mass at pacers.height, else the mass at the
    /// pacers' body-mass index (pacers.mass / pacers.height², or the athlete's) for another height;
    /// the proportions pacers.proportions, else hers.
    BodySize pacerSize(std::optional<double> height = std::nullopt) const;
    /// The size of the pacer at custom `position`: its own height and mass where it gives them (its
    /// proportions, else pacers.proportions, else hers), else pacerSize(height).
    BodySize pacerSizeAt(const PacerPosition& position, std::optional<double> height = std::nullopt) const;
    /// Pacer `pacer`'s (0: pacer1) phase of the measured stride: hers plus its pacers.stride_offset,
    /// wrapped into [0, 1); none without geometry.stride_phase.
    std::optional<double> pacerStridePhase(std::size_t pacer = 0) const;
    /// That phase when it is not hers (a pacer in her step is her body); none otherwise.
    std::optional<double> pacerOwnStridePhase(std::size_t pacer = 0) const;

    /// The athlete's time over a mile alone, for the pacing model (pacing.baseline_time);
    /// 0 = the mile time of the running speed.
    double pacingBaselineTime = 0.0;  // s

    /// Formations swept, in order; the solo baseline is always the sweep's first case.
    std::vector<std::string> presets{"ahead-behind"};
    std::vector<PacerPosition> positions;  // preset "custom"
    int aheadCount = 2;                    // preset "single-file"
    int behindCount = 1;
    double rowGap = 0.6;  // m, between rows of the V presets
    /// How front_gap and back_gap are measured: "centre" (bounding-box centre to centre) or
    /// "clearance" (trailing edge of the runner in front to the leading edge of the one behind,
    /// i.e. centre gap minus the body's depth). Formation::centreGap converts.
    std::string gapDefinition = "centre";

    SweepAxes axes;                                  // [sweep]
    std::map<std::string, SweepAxes> presetAxes;     // [sweep.PRESET]: overrides for one preset

    /// The axes `preset` is swept over: its own [sweep.PRESET] keys, else [sweep]'s.
    const SweepAxes& axesFor(const std::string& preset) const;

    /// The runner surface of a 3D sweep: the user's STL if geometry.stl is set (at its own size
    /// with geometryAtOwnSize), else the parametric body in geometry.pose. Throws
    /// meshes::GeometryError.
    /// `size` scales the same parametric body or STL to another runner (a pacer of its own size);
    /// `stridePhase` poses the parametric body at another phase of the stride than hers (a pacer
    /// out of step). Unset, each is the athlete's.
    meshes::RunnerBody runnerBody(std::optional<BodySize> size = std::nullopt,
                                  std::optional<double> stridePhase = std::nullopt) const;

    int dimension = 2;
    std::string level = "coarse";  // default: coarse in 2D, medium in 3D
    std::string geometryPose = "mid-stride";  // 3D parametric body
    /// 3D: the athlete posed at this phase of a measured running stride (geometry.stride_phase,
    /// [0, 1), 0 = right foot strike: meshes::GaitCycle) instead of the frozen geometry.pose.
    std::optional<double> stridePhase;
    std::string geometryStl;                  // 3D: a user STL instead (absolute path)
    /// 3D: geometryStl at its own size instead of scaled to the athlete: the reference bodies
    /// (cases::reference::ReferenceCase) only, not a config key.
    bool geometryAtOwnSize = false;
    meshes::FormationDomain domain;           // 3D: air around the formation
    std::string wallTreatment = "wall-functions";  // 3D: or "low-re", layers down to y+ ≈ 1

    std::string turbulence = "kOmegaSST";
    std::string application = "draftFoam";
    std::string mode = "steady";      // steady (SIMPLE) | transient (PIMPLE)
    int maxIterations = 1500;         // steady
    double tolerance = 1e-4;          // steady: residual criterion
    /// Transient: simulated time, and the start-up discarded before the forces are averaged [s].
    /// Unset, they follow the box: averaging starts after kStartUpFlowThroughs flow-throughs
    /// (box length / air speed) and lasts kAveragingFlowThroughs more (CaseWriter resolves them).
    std::optional<double> endTime;
    std::optional<double> averagingStart;
    static constexpr double kStartUpFlowThroughs = 1.0;
    static constexpr double kAveragingFlowThroughs = 3.0;
    double maxCourant = 1.0;          // transient
    /// Transient: PIMPLE's outer corrector loops per time step (1: PISO-like; more, with
    /// under-relaxation between them, hold a Courant number above 1 in the smallest cells).
    int outerCorrectors = 1;
    double settledTolerance = 0.0;    // relative; 0 disables the settled-drag stop
    int settledWindow = 100;          // iterations or time steps

    /// The air's speed against the runner along the running direction [m/s]: running speed,
    /// headwind and the wind's head component.
    double airAlong() const;
    /// The air's speed across the running direction [m/s], positive from the runner's left (+y):
    /// it moves towards -y in the runner's frame.
    double airAcross() const;
    /// Air speed seen by the runner [m/s]: the magnitude of both.
    double airSpeed() const;

    /// Reads `path` (an empty path is refused; parse("") gives the defaults) and applies `--section.key=value` overrides,
    /// which win over the file. Throws common::InputError with one line naming the file and line (or
    /// "command line"), the key and the quoted value; a value is shown only once its key is known,
    /// so a file that is not a config is never echoed. Refuses anything but a regular file of at
    /// most 1 MiB without NUL bytes; skips a UTF-8 byte order mark. common::RunError if the machine fails.
    static SweepConfig load(const std::string& path, const std::vector<std::string>& overrides = {});

    /// Same, from the text of a config file (tests, embedded examples); messages say "config text".
    static SweepConfig parse(const std::string& text, const std::vector<std::string>& overrides = {});

    /// The settings as JSON (for the manifest and each case's results).
    nlohmann::json toJson() const;

    /// The settings back from toJson's JSON (a sweep's manifest.json `config`): the one reader
    /// of it, so no tool keeps defaults of its own. Checked as a config file is (the values go
    /// through parse), and exact: fromJson(j).toJson() == j, so a key it does not know, a value
    /// the config would refuse or one that does not read back the same is refused. A key newer
    /// than the manifest reads as what the tool did before the key existed, only where the
    /// project's history says so (addMeaningsOfOlderManifests); any other missing key is refused,
    /// never filled with a default.
    /// Throws common::InputError naming `origin`, the field and its value.
    static SweepConfig fromJson(const nlohmann::json& json, const std::string& origin);

    /// The settings as a config file draft-cases reads back to the same settings (every key given,
    /// defaults included, with the speed rather than the mile time): parse(toText()).toJson() ==
    /// toJson(). Written beside each sweep's manifest as draft-cases.cfg.
    std::string toText() const;

    /// Parses a mile time into seconds: "m:ss" or "m:ss.s…" (seconds exactly two digits, below 60),
    /// or seconds alone "ss" / "ss.s…"; blanks around it are ignored. Throws common::InputError naming
    /// `field` and the quoted text. The one grammar for mile times (docs/config.md).
    static double parseMileTime(const std::string& field, const std::string& text);
};

}  // namespace drafting::cases::config
