#include "postprocess/RaceReplay.hpp"

#include "postprocess/PacingError.hpp"
#include "postprocess/TableText.hpp"

#include <cmath>
#include <sstream>

namespace drafting::post {

RaceReplay::Result RaceReplay::run(const PacingModel& model, const std::vector<Segment>& segments, double splitM) {
    const double distance = model.inputs().distanceM;
    if (segments.empty()) throw PacingError("segment: the race needs at least one segment");
    if (!(splitM > 0.0) || !std::isfinite(splitM)) throw PacingError(common::ErrorSite::of("split", TableText::plain(splitM)), "must be positive");
    double previous = 0.0;
    for (const auto& s : segments) {
        if (!(s.untilM > previous) || !std::isfinite(s.untilM))
            throw PacingError("segment = " + TableText::plain(s.untilM) + " m: segments must end in increasing order after " +
                              TableText::plain(previous) + " m");
        if (s.untilM > distance + 1e-6)
            throw PacingError("segment = " + TableText::plain(s.untilM) + " m: beyond the race distance " + TableText::plain(distance) +
                              " m");
        previous = s.untilM;
    }
    if (std::abs(previous - distance) > 1e-6)
        throw PacingError("segment = " + TableText::plain(previous) + " m: the last segment must end at the race distance " +
                          TableText::plain(distance) + " m");

    // Even metabolic power: the power she could hold alone for the whole race.
    const double power = model.metabolicPower(model.baselineSpeed(), 0.0);
    Result result;
    result.baselineTimeS = model.inputs().baselineTimeS;
    std::vector<double> speeds;
    double start = 0.0, clock = 0.0;
    for (const auto& s : segments) {
        const PacingPrediction p = model.predict(s.dragSaving);
        speeds.push_back(p.speedMps);
        const double t = (s.untilM - start) / p.speedMps;
        result.segments.push_back({{"from_m", start},
                                   {"to_m", s.untilM},
                                   {"formation", s.label},
                                   {"drag_saving", s.dragSaving},
                                   {"speed_mps", p.speedMps},
                                   {"time_s", t},
                                   {"power_W_per_kg", power}});
        clock += t;
        start = s.untilM;
    }
    result.finalTimeS = clock;

    // Splits: the clock at every multiple of splitM and at the finish.
    double lastTime = 0.0;
    for (double mark = splitM;; mark += splitM) {
        const bool finish = mark >= distance - 1e-6;
        const double at = finish ? distance : mark;
        double t = 0.0, from = 0.0;
        for (std::size_t i = 0; i < segments.size() && from < at; ++i) {
            const double to = std::min(segments[i].untilM, at);
            t += (to - from) / speeds[i];
            from = segments[i].untilM;
        }
        result.splits.push_back({at, t, t - lastTime});
        lastTime = t;
        if (finish) break;
    }
    return result;
}

nlohmann::json RaceReplay::Result::toJson() const {
    nlohmann::json splitsJson = nlohmann::json::array();
    for (const auto& s : splits) {
        splitsJson.push_back({{"distance_m", s.distanceM},
                              {"time_s", s.timeS},
                              {"time", formatRaceTime(s.timeS)},
                              {"lap_time_s", s.lapTimeS}});
    }
    return {{"baseline_time_s", baselineTimeS},
            {"baseline_time", formatRaceTime(baselineTimeS)},
            {"final_time_s", finalTimeS},
            {"final_time", formatRaceTime(finalTimeS)},
            {"segments", segments},
            {"splits", splitsJson}};
}

}  // namespace drafting::post
