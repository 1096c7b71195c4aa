#include "postprocess/PacingModel.hpp"

#include "common/Error.hpp"
#include "cases/config/SweepConfig.hpp"

#include "meshes/Athlete.hpp"
#include "meshes/GeometryError.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/TableText.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace drafting::post {

namespace {

void requireRange(const std::string& field, double value, double lo, double hi, const std::string& unit) {
    if (!std::isfinite(value) || value < lo || value > hi)
        throw PacingError(common::ErrorSite::of(field, TableText::plain(value)),
                          "must be in [" + TableText::plain(lo) + ", " + TableText::plain(hi) + "]" + (unit.empty() ? "" : " " + unit));
}

// P_run(v) ∝ a + v + c v², scaled to kLevelPowerWPerKg at kLevelSpeed.
double shape(double v) { return PacingModel::kShapeA + v + PacingModel::kShapeC * v * v; }

}  // namespace

PacingModel::PacingModel(const PacingInputs& inputs) : inputs_(inputs) {
    if (!(inputs.massKg > 0.0)) throw PacingError(common::ErrorSite::of("mass", TableText::plain(inputs.massKg)), "must be positive (kg)");
    requireRange("mass", inputs.massKg, meshes::Athlete::kMinMass, meshes::Athlete::kMaxMass, "kg");
    if (!(inputs.heightM > 0.0)) throw PacingError(common::ErrorSite::of("height", TableText::plain(inputs.heightM)), "must be positive (m)");
    requireRange("height", inputs.heightM, meshes::Athlete::kMinHeight, meshes::Athlete::kMaxHeight, "m");
    requireRange("distance", inputs.distanceM, 100.0, 100000.0, "m");
    if (!(inputs.baselineTimeS > 0.0))
        throw PacingError(common::ErrorSite::of("baseline-time", TableText::plain(inputs.baselineTimeS)), "must be positive (s)");
    const double v0 = inputs.distanceM / inputs.baselineTimeS;
    if (v0 < kMinSpeed || v0 > kMaxSpeed)
        throw PacingError(common::ErrorSite::of("baseline-time", formatRaceTime(inputs.baselineTimeS)),
                          "a mean speed of " + TableText::plain(v0) + " m/s is outside the model's [" + TableText::plain(kMinSpeed) + ", " +
                          TableText::plain(kMaxSpeed) + "] m/s");
    requireRange("air-density", inputs.airDensity, 0.5, 1.5, "kg/m^3");
    if (inputs.cdaM2) {
        requireRange("cda", *inputs.cdaM2, 0.02, 2.0, "m^2");
        cda_ = *inputs.cdaM2;
    } else {
        cda_ = kDefaultCd * meshes::Athlete(inputs.heightM, inputs.massKg).frontalArea();
    }
}

double PacingModel::runningPower(double v) { return kLevelPowerWPerKg * shape(v) / shape(kLevelSpeed); }

double PacingModel::impededPower(double v, double forceBodyWeights) {
    return runningPower(v) * (1.0 + kForceToPower * forceBodyWeights);
}

double PacingModel::airDrag(double v, double dragSaving) const {
    return (1.0 - dragSaving) * 0.5 * inputs_.airDensity * cda_ * v * v;
}

double PacingModel::metabolicPower(double v, double dragSaving) const {
    return impededPower(v, airDrag(v, dragSaving) / (inputs_.massKg * common::kGravity));
}

double PacingModel::speedForPower(double power, double dragSaving) const {
    // P rises monotonically with v; bracket generously around the baseline and bisect.
    double lo = 0.25 * baselineSpeed(), hi = 3.0 * baselineSpeed();
    if (metabolicPower(hi, dragSaving) < power || metabolicPower(lo, dragSaving) > power)
        throw PacingError("no speed in [" + TableText::plain(lo) + ", " + TableText::plain(hi) + "] m/s spends that power");
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        (metabolicPower(mid, dragSaving) < power ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double PacingModel::speedForEconomyGain(double r) const {
    if (!(r >= 0.0 && r < 0.5)) throw PacingError(common::ErrorSite::of("economy gain", TableText::plain(r)), "must be in [0, 0.5)");
    const double target = metabolicPower(baselineSpeed(), 0.0);
    if (r == 0.0) return baselineSpeed();
    double lo = baselineSpeed(), hi = 3.0 * baselineSpeed();
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
        const double mid = 0.5 * (lo + hi);
        ((1.0 - r) * metabolicPower(mid, 0.0) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

PacingPrediction PacingModel::predict(double dragSaving) const {
    if (!std::isfinite(dragSaving) || dragSaving < 0.0 || dragSaving > 1.0)
        throw PacingError(common::ErrorSite::of("drag-saving", TableText::plain(dragSaving)), "must be a fraction in [0, 1]");
    PacingPrediction p;
    const double v0 = baselineSpeed();
    p.dragSaving = dragSaving;
    p.cdaM2 = cda_;
    p.baselineSpeedMps = v0;
    p.soloDragN = airDrag(v0, 0.0);
    const double weight = inputs_.massKg * common::kGravity;
    p.dragForceBwPct = 100.0 * p.soloDragN / weight;
    const double solo = metabolicPower(v0, 0.0), sheltered = metabolicPower(v0, dragSaving);
    p.airSharePct = 100.0 * (solo - runningPower(v0)) / solo;
    p.metabolicSavingPct = 100.0 * (solo - sheltered) / solo;
    p.metabolicPowerW = solo * inputs_.massKg;
    p.metabolicPowerSavedW = (solo - sheltered) * inputs_.massKg;
    p.airPowerSavedW = dragSaving * p.soloDragN * v0;
    // No shelter, no change: the baseline exactly, not a bisection's approximation of it.
    p.speedMps = dragSaving == 0.0 ? v0 : speedForPower(solo, dragSaving);
    p.timeS = dragSaving == 0.0 ? inputs_.baselineTimeS : inputs_.distanceM / p.speedMps;
    p.speedGainPct = 100.0 * (p.speedMps / v0 - 1.0);
    return p;
}

nlohmann::json PacingPrediction::toJson() const {
    return {{"drag_saving", dragSaving},
            {"cda_m2", cdaM2},
            {"baseline_speed_mps", baselineSpeedMps},
            {"speed_mps", speedMps},
            {"mile_time_s", timeS},
            {"time", formatRaceTime(timeS)},
            {"speed_gain_pct", speedGainPct},
            {"solo_drag_N", soloDragN},
            {"drag_force_bw_pct", dragForceBwPct},
            {"air_share_pct", airSharePct},
            {"metabolic_saving_pct", metabolicSavingPct},
            {"metabolic_power_W", metabolicPowerW},
            {"metabolic_power_saved_W", metabolicPowerSavedW},
            {"air_power_saved_W", airPowerSavedW}};
}

double parseRaceTime(const std::string& field, const std::string& text) {
    // One grammar for mile times everywhere: the config's (m:ss.ss, seconds two digits below 60).
    try {
        return cases::config::SweepConfig::parseMileTime(field, text);
    } catch (const common::InputError& e) {
        throw PacingError(e.site(), e.why());
    }
}

std::string formatRaceTime(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0.0) return "";
    // Round to hundredths first so 239.999 prints 4:00.00, not 3:60.00.
    const long hundredths = std::lround(seconds * 100.0);
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%ld:%02ld.%02ld", hundredths / 6000, (hundredths / 100) % 60, hundredths % 100);
    return buf;
}

}  // namespace drafting::post
