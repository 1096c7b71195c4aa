#pragma once
#include "cases/config/SweepConfig.hpp"
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/files/SweepLayout.hpp"
#include "postprocess/PacingModel.hpp"
#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// pacing.csv: what each formation of a sweep is worth over a mile, through the pacing model,
/// for the sweep's athlete (athlete.*), air density and solo drag area from the solo case.
class PacingTable {
public:
    struct Row {
        std::string caseName, formation;
        std::optional<double> frontGap, backGap, lateral;
        /// Empty when the case failed, the saving is < 0, or the sweep was run in a wind.
        std::optional<PacingPrediction> prediction;
        std::string note;
    };

    /// Why a sweep run in a wind (run.wind_speed or run.headwind) has no predictions.
    static constexpr const char* kNotInWind =
        "no prediction: this sweep's drags are in one wind, and the pacing model runs the mile in calm air";

    /// `config` is the sweep's (its manifest's, read by SweepConfig::fromJson); the baseline time
    /// is pacing.baseline_time or else the mile time of run.speed. Throws PacingError when the
    /// athlete is outside the model's range.
    static PacingTable build(const SavingsTable& table, const cases::config::SweepConfig& config);

    const std::vector<Row>& rows() const { return rows_; }
    const PacingInputs& inputs() const { return inputs_; }
    /// Where the baseline time came from: "pacing.baseline_time" or "run.speed".
    const std::string& baselineSource() const { return baselineSource_; }

    void writeCsv(const std::string& path) const;
    nlohmann::json toJson() const;

private:
    std::vector<Row> rows_;
    PacingInputs inputs_;
    std::string baselineSource_;
};

}  // namespace drafting::post
