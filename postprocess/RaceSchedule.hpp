#pragma once
#include <string>
#include <vector>

#include "postprocess/PacingModel.hpp"
#include "postprocess/RaceReplay.hpp"

namespace drafting::post {

/// A race-replay file (INI, Boost.Program_options), e.g. cases/examples/breaking4-race.cfg:
///
///     [athlete]
///     mass = 42
///     height = 1.57
///     [race]
///     baseline_time = 4:07.64   # alone
///     distance = 1609.344       # m (default: a mile)
///     split = 400               # m between splits
///     sweep = ../../runs/b4     # optional: savings by case name, CdA from its solo case
///     segment = 800 ahead-behind-f1.3-b1     # until 800 m: that sweep case's formation
///     segment = 1409.344 ahead-behind-f1.3-b1
///     segment = 1609.344 alone               # or a saving fraction: "1609.344 0.5"
///
/// Every error names the key and value. Relative sweep paths are relative to the file.
class RaceSchedule {
public:
    struct Entry {
        double untilM = 0.0;
        std::string source;  // a sweep case name, "alone", or a fraction
    };

    PacingInputs inputs;
    double splitM = 400.0;
    std::string sweepDir;  // empty: savings are numbers
    std::vector<Entry> entries;

    /// Reads and validates the file; `sweepOverride` (from --sweep) replaces race.sweep.
    static RaceSchedule load(const std::string& path, const std::string& sweepOverride = "");

    /// Resolves every segment to a saving (from the sweep's savings when a case is named) and
    /// fills the drag area from the sweep's solo case unless race.cda is given.
    std::vector<RaceReplay::Segment> resolve(PacingInputs& inputsOut) const;
};

}  // namespace drafting::post
