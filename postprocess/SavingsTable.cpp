#include "postprocess/SavingsTable.hpp"

#include "cases/CaseResult.hpp"
#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "postprocess/PostError.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace drafting::post {

namespace {

std::optional<double> optionalNumber(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || !j.at(key).is_number()) return std::nullopt;
    return j.at(key).get<double>();
}

std::string cell(const std::optional<double>& v) {
    if (!v || !std::isfinite(*v)) return "";
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.6g", *v);
    return buf;
}

// RFC 4180: quote a field holding a comma, quote or newline.
std::string csvText(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char ch : s) out += (ch == '"') ? std::string("\"\"") : std::string(1, ch == '\n' ? ' ' : ch);
    return out + "\"";
}

nlohmann::json optionalJson(const std::optional<double>& v) {
    return v && std::isfinite(*v) ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

SavingsTable SavingsTable::fromSweep(const std::string& sweepDir) {
    cases::Manifest manifest;
    try {
        manifest = cases::Manifest::read(sweepDir);
    } catch (const cases::RunError& e) {
        throw PostError(std::string("sweep ") + sweepDir + ": " + e.what());
    }
    const double speed = manifest.config.at("run").value("speed_mps", 0.0);

    SavingsTable table;
    std::optional<double> solo, soloCd;
    for (const auto& entry : manifest.cases) {
        SavingsRow row;
        row.caseName = entry.name;
        row.formation = entry.parameters.value("formation", "");
        row.frontGap = optionalNumber(entry.parameters, "front_gap_m");
        row.backGap = optionalNumber(entry.parameters, "back_gap_m");
        row.lateral = optionalNumber(entry.parameters, "lateral_m");
        row.speed = speed;

        const std::string resultsPath = sweepDir + "/" + entry.name + "/results.json";
        if (!std::filesystem::exists(resultsPath)) {
            row.status = "failed";
            row.reason = entry.status == "failed" && !entry.reason.empty() ? entry.reason : "no results.json (not run?)";
        } else {
            try {
                auto result = cases::CaseResult::fromJson(cases::JsonFile::read(resultsPath));
                result.checkPhysical();
                row.status = result.status;
                row.reason = result.reason;
                row.converged = result.converged;
                if (result.ok()) {
                    const auto it = result.bodies.find("lead");
                    if (it == result.bodies.end()) {
                        row.status = "failed";
                        row.reason = "results.json has no body 'lead'";
                    } else {
                        row.dragLead = it->second.dragN;
                        row.cdaLead = it->second.cdaM2;
                        row.cdLead = it->second.cd;
                        row.frontalArea = it->second.referenceAreaM2;
                        const auto& lead = result.source["bodies"]["lead"];
                        if (lead.contains("y_plus")) row.yPlusLead = optionalNumber(lead["y_plus"], "mean");
                        if (result.extra.contains("mesh"))
                            row.cells = optionalNumber(result.extra["mesh"], "cells");
                    }
                }
            } catch (const cases::RunError& e) {
                row.status = "failed";
                row.reason = e.what();
            }
        }
        if (row.formation == "solo") {
            if (row.status != "ok") throw PostError("sweep " + sweepDir + ": the solo baseline failed: " + row.reason);
            solo = row.dragLead;
            soloCd = row.cdLead;
        }
        table.rows_.push_back(std::move(row));
    }
    if (!solo) throw PostError("sweep " + sweepDir + ": no solo baseline case in the manifest");
    if (!(*solo > 0.0)) throw PostError("sweep " + sweepDir + ": the solo drag is not positive");

    table.soloDrag_ = *solo;
    for (auto& row : table.rows_) {
        row.dragSolo = *solo;
        row.cdSolo = soloCd;
        if (row.status == "ok" && row.dragLead) row.savingPct = 100.0 * (1.0 - *row.dragLead / *solo);
    }
    return table;
}

void SavingsTable::writeCsv(const std::string& path) const {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) throw PostError("cannot write " + tmp);
        out << "case,formation,front_gap_m,back_gap_m,lateral_m,speed_mps,drag_lead_N,drag_solo_N,saving_pct,"
               "cda_lead_m2,converged,status,reason,frontal_area_m2,cd_lead,cd_solo,cells,y_plus_lead\n";
        for (const auto& r : rows_) {
            out << csvText(r.caseName) << ',' << csvText(r.formation) << ',' << cell(r.frontGap) << ','
                << cell(r.backGap) << ',' << cell(r.lateral) << ',' << cell(r.speed) << ',' << cell(r.dragLead)
                << ',' << cell(r.dragSolo) << ',' << cell(r.savingPct) << ',' << cell(r.cdaLead) << ','
                << (r.converged ? "true" : "false") << ',' << r.status << ',' << csvText(r.reason) << ','
                << cell(r.frontalArea) << ',' << cell(r.cdLead) << ',' << cell(r.cdSolo) << ',' << cell(r.cells) << ','
                << cell(r.yPlusLead) << '\n';
        }
        if (!out) throw PostError("cannot write " + tmp);
    }
    std::filesystem::rename(tmp, path);
}

nlohmann::json SavingsTable::toJson() const {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : rows_) {
        rows.push_back({{"case", r.caseName},
                        {"formation", r.formation},
                        {"front_gap_m", optionalJson(r.frontGap)},
                        {"back_gap_m", optionalJson(r.backGap)},
                        {"lateral_m", optionalJson(r.lateral)},
                        {"speed_mps", r.speed},
                        {"drag_lead_N", optionalJson(r.dragLead)},
                        {"drag_solo_N", optionalJson(r.dragSolo)},
                        {"saving_pct", optionalJson(r.savingPct)},
                        {"cda_lead_m2", optionalJson(r.cdaLead)},
                        {"frontal_area_m2", optionalJson(r.frontalArea)},
                        {"cd_lead", optionalJson(r.cdLead)},
                        {"cd_solo", optionalJson(r.cdSolo)},
                        {"cells", optionalJson(r.cells)},
                        {"y_plus_lead", optionalJson(r.yPlusLead)},
                        {"converged", r.converged},
                        {"status", r.status},
                        {"reason", r.reason}});
    }
    return {{"drag_solo_N", soloDrag_}, {"rows", rows}};
}

}  // namespace drafting::post
