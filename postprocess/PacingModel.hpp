#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/Units.hpp"

namespace drafting::post {

/// What the athlete can do alone: the inputs of the pacing model.
struct PacingInputs {
    double massKg = 0.0;
    double heightM = 0.0;
    double baselineTimeS = 0.0;      // her time over `distanceM` running alone
    double distanceM = common::kMileMetres;
    double airDensity = common::kAirDensity;  // kg/m³
    std::optional<double> cdaM2;     // drag area alone; default Pugh's frontal area × kDefaultCd
};

/// One prediction: the same metabolic power as alone, less air drag, more speed.
struct PacingPrediction {
    double dragSaving = 0.0;          // fraction of her solo drag removed, 0–1
    double cdaM2 = 0.0;
    double baselineSpeedMps = 0.0;
    double speedMps = 0.0;
    double timeS = 0.0;               // over the distance
    double speedGainPct = 0.0;
    double soloDragN = 0.0;           // air drag alone at the baseline speed
    double dragForceBwPct = 0.0;      // that drag as % of body weight
    double airSharePct = 0.0;         // share of metabolic power spent against air alone, at the baseline
    double metabolicSavingPct = 0.0;  // metabolic power saved at the baseline speed by the shelter
    double metabolicPowerW = 0.0;     // gross metabolic power alone at the baseline speed
    double metabolicPowerSavedW = 0.0;
    double airPowerSavedW = 0.0;      // mechanical: drag saved × baseline speed

    nlohmann::json toJson() const;
};

/// Air drag → metabolic power → speed → time (docs/pacing-model.md).
///  - Soares da Silva, Kram & Hoogkamer 2022 (J Appl Physiol): a horizontal impeding force F
///    raises metabolic power by 6.13 % per 1 % of body weight: P = P_run(v) (1 + 6.13 F / (m g)).
///  - Kipp, Kram & Hoogkamer 2019 (Front Physiol 10:79): the metabolic power / speed relation
///    is curvilinear, so speed gains less than the metabolic saving above ≈ 3 m/s (≈ 2/3 at
///    5.5 m/s). P_run(v) ∝ a + v + c v², with a and c fitted to their stated figures.
/// The runner keeps her solo metabolic power; the shelter lowers F, she runs faster until the
/// power is spent again.
class PacingModel {
public:
    /// Throws PacingError naming the field when an input is out of range.
    explicit PacingModel(const PacingInputs& inputs);

    const PacingInputs& inputs() const { return inputs_; }
    double cdaM2() const { return cda_; }
    double baselineSpeed() const { return inputs_.distanceM / inputs_.baselineTimeS; }

    /// Gross metabolic power [W/kg] at speed v [m/s] with a fraction `dragSaving` of the air drag removed.
    double metabolicPower(double speedMps, double dragSaving) const;
    /// Air drag [N] at speed v in still air with the saving applied.
    double airDrag(double speedMps, double dragSaving) const;
    /// Metabolic power [W/kg] of running at v with no horizontal force (the treadmill part).
    static double runningPower(double speedMps);
    /// Metabolic power with a horizontal impeding force given as a fraction of body weight.
    static double impededPower(double speedMps, double forceBodyWeights);

    /// The speed at which her metabolic power equals the solo baseline power, with the saving applied.
    /// Zero saving returns the baseline exactly. Throws PacingError if dragSaving is outside [0, 1].
    PacingPrediction predict(double dragSaving) const;
    /// The speed that spends `powerWPerKg` with the saving applied (bisection; monotonic in v).
    double speedForPower(double powerWPerKg, double dragSaving) const;

    /// A running economy change: speed at which (1 − r) P(v) equals the baseline power.
    double speedForEconomyGain(double economyGain) const;

    // Soares da Silva, Kram & Hoogkamer 2022: metabolic power per unit of body-weight force.
    static constexpr double kForceToPower = 6.13;
    // Shape of P_run(v) ∝ a + v + c v² [v in m/s]: fitted so that a 3 % economy gain at 2:04
    // marathon pace gives 1.97 % speed and the speed/economy ratio is 1 at 3 m/s (Kipp et al. 2019),
    // for a 1.67 m, 52 kg runner with Cd 0.75 on Pugh's area at 1.2 kg/m³.
    static constexpr double kShapeA = 4.8619;
    static constexpr double kShapeC = 0.49365;
    // Absolute level: Léger & Mercier 1984 treadmill VO2 at 5.5 m/s (64.8 ml/kg/min) at 20.9 J/ml.
    static constexpr double kLevelSpeed = 5.5, kLevelPowerWPerKg = 22.59;
    // Drag coefficient on Pugh's frontal area when no CdA is given: between Schickhofer & Hanson
    // 2021 (0.73) and this project's 3D runner (0.75).
    static constexpr double kDefaultCd = 0.75;
    // The speeds where the relation is calibrated and published (≈ 2.5 to 8 m/s).
    static constexpr double kMinSpeed = 2.5, kMaxSpeed = 8.0;

private:
    PacingInputs inputs_;
    double cda_ = 0.0;
};

/// Parses M:SS.ss (or SS.ss) into seconds; throws PacingError naming `field` otherwise.
double parseRaceTime(const std::string& field, const std::string& text);
/// Formats seconds as M:SS.ss.
std::string formatRaceTime(double seconds);

}  // namespace drafting::post
