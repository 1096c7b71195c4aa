#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "postprocess/PacingModel.hpp"

namespace drafting::post {

/// A race run at her solo metabolic power, with the shelter changing along the way
/// (fresh pacers at 800 m, the last 200 m alone, ...): predicted splits and final time.
class RaceReplay {
public:
    struct Segment {
        double untilM = 0.0;   // the segment ends here (cumulative distance)
        double dragSaving = 0.0;
        std::string label;     // the formation, e.g. a sweep case name, or "alone"
    };
    struct Split {
        double distanceM = 0.0;
        double timeS = 0.0;       // cumulative
        double lapTimeS = 0.0;    // since the previous split
    };
    struct Result {
        std::vector<Split> splits;
        std::vector<nlohmann::json> segments;  // per segment: from, to, saving, speed, time
        double finalTimeS = 0.0;
        double baselineTimeS = 0.0;
        nlohmann::json toJson() const;
    };

    /// Segments must end in increasing order and the last one at the race distance
    /// (model.inputs().distanceM); splits every `splitM` metres. Throws PacingError otherwise.
    static Result run(const PacingModel& model, const std::vector<Segment>& segments, double splitM = 400.0);
};

}  // namespace drafting::post
