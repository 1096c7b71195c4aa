#include "postprocess/PacingTable.hpp"

#include "common/Units.hpp"
#include "common/AtomicFile.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/TableText.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace drafting::post {

PacingTable PacingTable::build(const SavingsTable& table, const cases::config::SweepConfig& config) {
    PacingTable out;
    out.inputs_.massKg = config.athleteMass;
    out.inputs_.heightM = config.athleteHeight;
    out.inputs_.airDensity = config.airDensity;
    out.inputs_.distanceM = common::kMileMetres;
    if (config.pacingBaselineTime > 0.0) {
        out.inputs_.baselineTimeS = config.pacingBaselineTime;
        out.baselineSource_ = "pacing.baseline_time";
    } else {
        out.inputs_.baselineTimeS = common::kMileMetres / config.speed;
        out.baselineSource_ = "run.speed";
    }
    // The solo case's drag area: the CFD's own number, not a formula's.
    for (const auto& r : table.rows()) {
        if (r.formation == "solo" && r.cdaLead && *r.cdaLead > 0.0) out.inputs_.cdaM2 = r.cdaLead;
    }
    const PacingModel model(out.inputs_);
    for (const auto& r : table.rows()) {
        Row row;
        row.caseName = r.caseName;
        row.formation = r.formation;
        row.frontGap = r.frontGap;
        row.backGap = r.backGap;
        row.lateral = r.lateral;
        if (r.status != "ok" || !r.savingPct) {
            row.note = "failed: " + r.reason;
        } else if (config.windSpeed > 0.0 || config.headwind != 0.0) {
            // Its drags are in one wind; the model runs the whole mile in calm air.
            row.note = kNotInWind;
        } else if (*r.savingPct < 0.0) {
            row.note = "more drag than alone: the pacing model takes savings in [0, 1]";
        } else {  // below 100 %: a runner pushed forward failed in the table (checkDragPositive)
            row.prediction = model.predict(*r.savingPct / 100.0);
        }
        out.rows_.push_back(row);
    }
    return out;
}

void PacingTable::writeCsv(const std::string& path) const {
    std::ostringstream out;
    {
        out << "case,formation,front_gap_m,back_gap_m,lateral_m,drag_saving_pct,metabolic_saving_pct,"
               "metabolic_power_saved_W,air_power_saved_W,speed_gain_pct,speed_mps,mile_time_s,mile_time,note\n";
        for (const auto& r : rows_) {
            out << TableText::csvField(r.caseName) << ',' << TableText::csvField(r.formation) << ',' << TableText::csvNumber(r.frontGap) << ','
                << TableText::csvNumber(r.backGap) << ',' << TableText::csvNumber(r.lateral) << ',';
            if (r.prediction) {
                const auto& p = *r.prediction;
                out << TableText::csvNumber(100.0 * p.dragSaving) << ',' << TableText::csvNumber(p.metabolicSavingPct) << ','
                    << TableText::csvNumber(p.metabolicPowerSavedW) << ',' << TableText::csvNumber(p.airPowerSavedW) << ',' << TableText::csvNumber(p.speedGainPct)
                    << ',' << TableText::csvNumber(p.speedMps) << ',' << TableText::csvNumber(p.timeS, "%.3f") << ',' << formatRaceTime(p.timeS);
            } else {
                out << ",,,,,,,";
            }
            out << ',' << TableText::csvField(r.note) << '\n';
        }
    }
    try {
        common::AtomicFile::write(path, out.str());  // never through a link, never half a file
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
}

nlohmann::json PacingTable::toJson() const {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : rows_) {
        nlohmann::json j = {{"case", r.caseName},
                            {"formation", r.formation},
                            {"front_gap_m", TableText::jsonNumber(r.frontGap)},
                            {"back_gap_m", TableText::jsonNumber(r.backGap)},
                            {"lateral_m", TableText::jsonNumber(r.lateral)},
                            {"note", r.note}};
        j["prediction"] = r.prediction ? r.prediction->toJson() : nlohmann::json();
        rows.push_back(j);
    }
    return {{"athlete", {{"mass_kg", inputs_.massKg}, {"height_m", inputs_.heightM}}},
            {"baseline_time_s", inputs_.baselineTimeS},
            {"baseline_time", formatRaceTime(inputs_.baselineTimeS)},
            {"baseline_source", baselineSource_},
            {"distance_m", inputs_.distanceM},
            {"air_density_kg_m3", inputs_.airDensity},
            {"cda_m2", TableText::jsonNumber(inputs_.cdaM2)},
            {"model", "docs/pacing-model.md: Soares da Silva et al. 2022 force-to-power, Kipp et al. 2019 speed"},
            {"rows", rows}};
}

}  // namespace drafting::post
