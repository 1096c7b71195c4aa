#include "postprocess/SweepReport.hpp"

#include "common/Version.hpp"
#include "postprocess/TableText.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <regex>
#include <set>

namespace drafting::post {

namespace {

// A saving or a move in points to one decimal, "62.8 \u00b1 0.1" ("+3.8 \u00b1 0.1" with `sign`).
std::string withError(double value, const std::optional<double>& error, bool sign = false) {
    char text[64];
    std::snprintf(text, sizeof(text), sign ? "%+.1f" : "%.1f", value);
    std::string s = text;
    if (error) std::snprintf(text, sizeof(text), " \u00b1 %.1f", *error), s += text;
    return s;
}

// The sweep's model in words, from its config (manifest.json): what the bars do not cover. Only
// values the config accepts are named; anything else is said to be unknown, never echoed.
std::string modelForm(const std::optional<cases::config::SweepConfig>& config) {
    const std::string mode = config ? config->mode : "", turbulence = config ? config->turbulence : "",
                      wall = config && config->dimension == 3 ? config->wallTreatment : "";
    static const std::vector<std::pair<std::string, std::string>> models = {
        {"kOmegaSST", "k-omega SST"}, {"kEpsilon", "k-epsilon"}, {"realizableKE", "realizable k-epsilon"},
        {"laminar", "laminar flow"}};
    std::string model = "an unrecorded turbulence model";
    for (const auto& [key, words] : models)
        if (turbulence == key) model = words;
    std::string out = mode == "transient" ? "unsteady (URANS) " : mode == "steady" ? "steady " : "";
    out += model;
    if (turbulence != "laminar") {
        if (wall == "low-re") out += " resolved toward the wall (layers for y+ about 1)";
        else if (wall == "wall-functions") out += " with wall functions";
    }
    if (config && config->dimension == 2) out += ", a 2D section";
    // The pose: one instant of the measured stride (quasi-steady) or the frozen one, and the pacers'.
    if (!config || !config->stridePhase) return out + ", a frozen pose";
    out += ", one instant of a measured stride (her phase " + TableText::plain(*config->stridePhase);
    if (config->pacerStrideOffsets.size() > 1) {
        std::string each;
        for (std::size_t i = 0; i < config->pacerStrideOffsets.size(); ++i)
            each += (each.empty() ? "" : ", ") + TableText::plain(*config->pacerStridePhase(i));
        out += ", the pacers' " + each + " in turn";
    } else if (const auto pacers = config->pacerOwnStridePhase()) {
        out += ", the pacers' " + TableText::plain(*pacers);
    }
    return out + "; quasi-steady: the limbs do not move)";
}

// What the banner says of the model form: which study's spread is in the bars, and for how many
// savings; a spread over fewer models than its study has is called a lower bound.
std::string modelFormWords(const SavingsTable& table, const std::optional<std::string>& study, int attached) {
    if (!study) return "not in any bar (no model-form study given; docs/validation.md)";
    if (attached == 0) return *study + " gives none for this sweep's level and cases, so it is in no bar (not known)";
    int partial = 0;
    for (const auto& r : table.rows()) partial += r.status == "ok" && r.savingModelPct && r.savingModelPartial;
    return "the spread of the saving over the models of " + *study + " for " + std::to_string(attached) +
           " saving(s), in the figures' error bars and the ± model form column (the table says which moves)" +
           (partial > 0 ? "; for " + std::to_string(partial) + " of them a lower bound (a model not run yet)" : std::string()) +
           "; not known for the rest";
}

// What the numbers on the page are worth, said before any of them: the first thing a reader sees.
// 2D sections rank formations and nothing more; a 3D sweep states its mesh and which parts of the
// uncertainty its error bars hold.
nlohmann::json fidelity(const std::optional<cases::config::SweepConfig>& config, const SavingsTable& table, const std::optional<std::string>& gciStudy,
         int gciAttached, const std::optional<std::string>& modelFormStudy, int modelFormAttached) {
    const int dimension = config ? config->dimension : 0;  // 0: no manifest to say
    int ok = 0, nonPhysical = 0, unconverged = 0, settledOnly = 0, savings = 0, withoutIter = 0;
    std::optional<double> soloCells, largestIter;
    std::string divergent;
    for (const auto& r : table.rows()) {
        if (r.status != "ok") {
            nonPhysical += r.failure == cases::files::CaseResult::Failure::nonPhysical;
            continue;
        }
        ++ok;
        unconverged += !r.converged;
        settledOnly += !r.converged && r.dragSettled.value_or(false) && !r.residualsBelow.value_or(true);
        if (r.formation == "solo") soloCells = r.cells;
        if (r.formation == "solo") continue;
        ++savings;
        // A study whose triplet diverges for this case: its figure has no bounded error at all.
        if (r.savingGciSource.find("(divergent)") != std::string::npos)
            divergent += (divergent.empty() ? "" : ", ") + r.caseName;
        if (!r.savingIterPct) ++withoutIter;
        else largestIter = std::max(largestIter.value_or(0.0), *r.savingIterPct);
    }
    std::string flagged;
    if (nonPhysical > 0)
        flagged = " " + std::to_string(nonPhysical) + " case(s) gave a non-physical result and are left out (Failed cases).";
    if (dimension == 2)
        return {{"kind", "qualitative"},
                {"text", "2D sections: qualitative. Each runner is a cut at one height in air that cannot pass over "
                         "or under her, so wakes are too long and savings too large; use this page to rank formations "
                         "and to test the pipeline, never for seconds over a mile (docs/physics.md)." +
                             flagged}};
    if (dimension != 3)
        return {{"kind", "unknown"},  // amber, as 2D
                {"text", "The model's dimension is not recorded in this sweep's manifest: treat every number as "
                         "unverified." + flagged}};
    const std::string level = table.level().empty() ? std::string("an unrecorded level") : "level " + table.level();
    // Never a bare 0.00: a saving with no interval is "not known", and the count says how many.
    std::string iter = "no savings to rate (no formation case finished)";
    if (savings > 0 && !largestIter) {
        iter = "not known (no saving has an interval or a drift)";
    } else if (largestIter) {
        char buf[64];
        std::snprintf(buf, sizeof(buf), "up to %.2f points", *largestIter);
        iter = buf;
        if (withoutIter > 0) iter += " (" + std::to_string(withoutIter) + " saving(s) have none)";
    }
    std::string text = "3D runners, mesh " + level +
                       (soloCells ? " (" + TableText::plain(std::round(*soloCells)) + " cells around the solo runner)"
                                  : std::string()) +
                       ", " + modelForm(config) + ". Iterative uncertainty of the savings: " + iter + "; " +
                       std::to_string(unconverged) + " of " + std::to_string(ok) +
                       " finished case(s) did not meet the convergence test" +
                       (settledOnly > 0 ? " (in " + std::to_string(settledOnly) +
                                              " of them every runner's mean drag settled while the residuals stayed "
                                              "above tolerance)"
                                        : std::string()) +
                       ". Discretisation: " +
                       (!gciStudy ? std::string("not known (no convergence study given)")
                        : gciAttached > 0
                            ? "the bounded GCI from " + *gciStudy + " for " + std::to_string(gciAttached) +
                                  " saving(s) (the table says which), not known for the rest"
                            : *gciStudy + " gives none for this sweep's level and cases (not known)") +
                       (divergent.empty() ? std::string()
                                          : "; its triplet diverges for the saving of " + divergent +
                                                ", so no GCI bounds that error at any level (docs/validation.md)") +
                       ". Model form: " + modelFormWords(table, modelFormStudy, modelFormAttached) + "." + flagged;
    return {{"kind", "3d"}, {"text", text}};
}

nlohmann::json column(const char* key, const char* title, int digits = -1) {
    nlohmann::json c = {{"key", key}, {"title", title}};
    if (digits >= 0) c["digits"] = digits;
    return c;
}

}  // namespace

nlohmann::json SweepReport::model() const {
    nlohmann::json m = {{"title", "Drafting study: " + sweepName},
                        {"sweep_dir", sweepDir},
                        {"generated_utc", cases::files::Provenance::utcNow()},
                        {"tool_version", common::versionLine("draft-post")},
                        {"how_to_read",
                         "Saving is the lead runner's drag reduction against running alone at the same speed, "
                         "100 × (1 − drag / solo drag). Error bars are the total uncertainty of the saving in points: "
                         "the iterative one (95 % averaging interval and drift of both drags) and, where a "
                         "convergence study gives it at this sweep's level, the bounded GCI of the saving, and, where "
                         "a model-form study ran the case, the spread of the saving over its models, in "
                         "quadrature. Mile times come "
                         "from the pacing model (docs/pacing-model.md): same metabolic power as alone, less air "
                         "drag, more speed."}};
    if (config) m["config"] = config->toJson();
    if (casesMadeBy) {
        m["cases_made_by"] = casesMadeBy->summary();
        m["cases_command"] = casesMadeBy->commandLine();
    }
    if (table) m["fidelity"] = fidelity(config, *table, gciStudy, gciAttached, modelFormStudy, modelFormAttached);

    int ok = 0, failed = 0;
    nlohmann::json unconverged = nlohmann::json::array(), failedList = nlohmann::json::array();
    std::set<std::string> settledOnly;  // not converged, but only by the residual test
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : table->rows()) {
        if (r.status == "ok") {
            ++ok;
            if (!r.converged) unconverged.push_back(r.caseName);
            if (!r.converged && r.dragSettled.value_or(false) && !r.residualsBelow.value_or(true))
                settledOnly.insert(r.caseName);
            rows.push_back({{"case", r.caseName},
                            {"formation", r.formation},
                            {"front_gap_m", TableText::jsonNumber(r.frontGap)},
                            {"back_gap_m", TableText::jsonNumber(r.backGap)},
                            {"lateral_m", TableText::jsonNumber(r.lateral)},
                            {"drag_lead_N", TableText::jsonNumber(r.dragLead)},
                            {"saving_pct", TableText::jsonNumber(r.savingPct)},
                            {"saving_ci95_pct", TableText::jsonNumber(r.savingCi95Pct)},
                            {"saving_iter_pct", TableText::jsonNumber(r.savingIterPct)},
                            {"saving_gci_pct", TableText::jsonNumber(r.savingGciPct)},
                            {"saving_total_pct", TableText::jsonNumber(r.savingTotalPct)},
                            {"saving_gci_source", r.savingGciSource},
                            {"saving_model_pct", TableText::jsonNumber(r.savingModelPct)},
                            {"saving_all_pct", TableText::jsonNumber(r.savingAllPct)},
                            {"saving_model_source", r.savingModelSource},
                            {"cd_lead", TableText::jsonNumber(r.cdLead)},
                            {"cells", TableText::jsonNumber(r.cells)},
                            {"y_plus_lead", TableText::jsonNumber(r.yPlusLead)},
                            {"converged", r.converged ? "yes" : "no"}});
        } else {
            ++failed;
            failedList.push_back({{"case", r.caseName}, {"reason", r.reason}});
        }
    }
    m["summary"] = {{"cases", table->rows().size()},
                    {"ok", ok},
                    {"failed", failed},
                    {"solo_drag_N", table->soloDrag()},
                    {"unconverged", unconverged}};
    // Gaps say how they were measured: published figures use both definitions.
    const bool clearance = table->gapDefinition() == "clearance";
    m["savings"] = {{"columns",
                     {column("case", "Case"), column("formation", "Formation"),
                      column("front_gap_m", clearance ? "Front clearance [m]" : "Front gap, centres [m]", 2),
                      column("back_gap_m", clearance ? "Rear clearance [m]" : "Rear gap, centres [m]", 2), column("lateral_m", "Lateral [m]", 2),
                      column("drag_lead_N", "Lead drag [N]", 3), column("saving_pct", "Saving [%]", 1),
                      column("saving_ci95_pct", "± 95 % [points]", 2),
                      column("cd_lead", "Cd lead", 3), column("cells", "Cells", 0), column("y_plus_lead", "y+ lead", 1),
                      column("converged", "Converged")}},
                    {"rows", rows}};
    // The discretisation columns only where a convergence study was given; what the bars hold, always.
    m["savings"]["columns"].insert(m["savings"]["columns"].begin() + 8,
                                   column("saving_iter_pct", "± iterative [points]", 2));
    std::string level = table->level().empty() ? std::string("its level") : "level " + table->level();
    if (gciStudy) {
        auto& cols = m["savings"]["columns"];
        cols.insert(cols.begin() + 9, column("saving_gci_pct", "± GCI [points]", 2));
        cols.insert(cols.begin() + 10, column("saving_total_pct", "± total [points]", 2));
        cols.push_back(column("saving_gci_source", "GCI from"));
        m["savings"]["notes"] = {
            "± iterative: the 95 % averaging interval and the drift of the lead's and the solo drag, in quadrature.",
            "± GCI: the bounded grid-convergence index of the saving itself at " + level + ", from " + *gciStudy +
                " (GCI from: which study case; none: why not).",
            std::string("± total = iterative ⊕ GCI (quadrature)") +
                (modelFormStudy ? "; empty where either is unknown."
                                : ", what the error bars of the figures show; empty where either is unknown, and the "
                                  "bars then show the part that is known.")};
    } else {
        m["savings"]["notes"] = {
            std::string("± iterative: the 95 % averaging interval and the drift of the lead's and the solo drag, in "
                        "quadrature") +
                (modelFormStudy ? "." : "; the error bars show it alone."),
            "No discretisation error: no convergence study was given (draft-post --discretisation FILE, or a level "
            "folder of a study), so the bars omit the mesh's share."};
    }
    // The model's own error: in the ± all column where a model-form study gives it, else said to be
    // in no bar, beside every table, rather than let ± read as total.
    if (modelFormStudy) {
        auto& cols = m["savings"]["columns"];
        // After ± total where there is one, else after ± iterative.
        auto at = cols.end();
        for (auto it = cols.begin(); it != cols.end(); ++it)
            if ((*it)["key"] == "saving_total_pct" || ((*it)["key"] == "saving_iter_pct" && at == cols.end())) at = it;
        const auto inserted = cols.insert(at == cols.end() ? cols.end() : at + 1,
                                          column("saving_model_pct", "± model form [points]", 2));
        cols.insert(inserted + 1, column("saving_all_pct", "± all [points]", 2));
        cols.push_back(column("saving_model_source", "Model form from"));
        m["savings"]["notes"].push_back(
            "± model form: the largest move of the lead's saving over the models of " + *modelFormStudy +
            " (this sweep's model: " + modelForm(config) +
            "), for a case the study ran at this level; a spread of models, not a bound, and a lower bound "
            "while a model is not run yet (Model form from says which). ± all = iterative ⊕ GCI ⊕ model "
            "form; empty where any is unknown. The figures' error bars are every part that is known, in "
            "quadrature: iterative, GCI and model form.");
    } else {
        m["savings"]["notes"].push_back("Not in any bar: the model form (" + modelForm(config) +
                                        "). No model-form study was given (draft-post --model-form FILE); "
                                        "docs/validation.md (\"Model form\") says what is known.");
    }
    m["failed"] = failedList;

    if (curves && !curves->empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& c : *curves) {
            nlohmann::json j = {{"label", c.label}, {"points", c.gaps.size()}, {"status", c.status}};
            if (c.status == "fitted" || c.status == "exact") {
                // Three decimals: the fit says nothing finer (fit.json keeps every digit).
                const auto r3 = [](double v) { return std::round(v * 1000.0) / 1000.0; };
                j["parameters"] = {{"L [m]", r3(c.decayLength)}, {"n", r3(c.shape)},
                                   {"half saving at [m]", r3(c.halfSavingGap())}};
                if (c.decayLengthSe) j["parameters"]["± L [m]"] = r3(*c.decayLengthSe);
                if (c.shapeSe) j["parameters"]["± n"] = r3(*c.shapeSe);
                j["rmse_pct"] = r3(c.rmse);
            }
            if (!c.note.empty()) j["note"] = c.note;
            list.push_back(j);
        }
        m["fit"] = {{"model", "Stretched exponential: 100 % at touching distance, none far behind (fit.json)."},
                    {"equation", SavingsFit::kModel},
                    {"curves", list}};
    }

    if (pacing) {
        nlohmann::json prow = nlohmann::json::array();
        for (const auto& r : pacing->rows()) {
            nlohmann::json j = {{"case", r.caseName}, {"formation", r.formation}, {"note", r.note}};
            if (r.prediction) {
                const auto& p = *r.prediction;
                j["drag_saving_pct"] = 100.0 * p.dragSaving;
                j["metabolic_saving_pct"] = p.metabolicSavingPct;
                j["metabolic_power_saved_W"] = p.metabolicPowerSavedW;
                j["speed_gain_pct"] = p.speedGainPct;
                j["mile_time"] = formatRaceTime(p.timeS);
            }
            prow.push_back(j);
        }
        const auto& in = pacing->inputs();
        char athlete[128];
        std::snprintf(athlete, sizeof(athlete), "%.2f m, %.0f kg, CdA %.3f m² (solo case), air %.2f kg/m³", in.heightM,
                      in.massKg, in.cdaM2.value_or(0.0), in.airDensity);
        m["pacing"] = {
            {"athlete", athlete},
            {"baseline_time", formatRaceTime(in.baselineTimeS) + " alone (" + pacing->baselineSource() + ")"},
            {"columns",
             {column("case", "Case"), column("formation", "Formation"), column("drag_saving_pct", "Drag saving [%]", 1),
              column("metabolic_saving_pct", "Metabolic saving [%]", 2),
              column("metabolic_power_saved_W", "Power saved [W]", 1), column("speed_gain_pct", "Speed gain [%]", 2),
              column("mile_time", "Mile"), column("note", "Note")}},
            {"rows", prow},
            {"notes",
             {"Soares da Silva, Kram & Hoogkamer 2022: +6.13 % metabolic power per 1 % body weight of impeding force.",
              "Kipp, Kram & Hoogkamer 2019: speed gains about 2/3 of a metabolic saving at elite speeds.",
              "Same metabolic power as alone over the whole mile; no start, no kick (docs/pacing-model.md)."}}};
    }

    if (comparison) {
        // A column per sweep, the reference first: its saving and, for the others, the move from it.
        nlohmann::json columns = {{{"key", "case"}, {"title", "Case"}},
                                  {{"key", "front_gap_m"}, {"title", "Front gap [m]"}, {"digits", 2}}};
        const auto& sweeps = comparison->sweeps();
        for (std::size_t i = 0; i < sweeps.size(); ++i)
            columns.push_back({{"key", "sweep" + std::to_string(i)},
                               {"title", sweeps[i].label + (i == 0 ? ": saving [%]" : ": saving (move) [%]")}});
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : comparison->rows()) {
            nlohmann::json r = {{"case", row.caseName}, {"front_gap_m", TableText::jsonNumber(row.frontGap)}};
            for (std::size_t i = 0; i < row.cells.size(); ++i) {
                const auto& cell = row.cells[i];
                const std::string key = "sweep" + std::to_string(i);
                if (cell.savingPct)
                    r[key] = withError(*cell.savingPct, cell.savingIterPct) +
                             (cell.movePct ? " (" + withError(*cell.movePct, cell.moveIterPct, true) + ")" : "");
                else if (cell.status == "failed")
                    r[key] = "failed: " + cell.reason;
                else
                    r[key] = nullptr;
            }
            rows.push_back(r);
        }
        nlohmann::json sweepList = nlohmann::json::array();
        for (std::size_t i = 0; i < sweeps.size(); ++i) {
            std::string differs;
            for (const auto& d : sweeps[i].differs) differs += (differs.empty() ? "" : "; ") + d;
            char solo[48];
            std::snprintf(solo, sizeof(solo), "solo %.3f N", sweeps[i].table.soloDrag());
            sweepList.push_back(sweeps[i].label + " (" + sweeps[i].dir + ", " + solo + "): " +
                                (i == 0 ? std::string("the reference") : differs.empty() ? "the same settings" : differs));
        }
        m["comparison"] = {{"title", "The lead's saving in each sweep, and its move from " + sweeps.front().label},
                           {"sweeps", sweepList},
                           {"columns", columns},
                           {"rows", rows},
                           {"notes", SweepComparison::notes()}};
    }

    if (stride) {
        // A column per phase after the mean over the stride and its range.
        nlohmann::json columns = {{{"key", "case"}, {"title", "Case"}},
                                  {{"key", "front_gap_m"}, {"title", "Front gap [m]"}, {"digits", 2}},
                                  {{"key", "mean"}, {"title", "Over the stride: saving \u00b1 iterative [%]"}},
                                  {{"key", "sampling"}, {"title", "\u00b1 phase sampling [points]"}, {"digits", 1}},
                                  {{"key", "range"}, {"title", "Instants: lowest to highest [%]"}}};
        if (pacing) columns.push_back({{"key", "mile"}, {"title", "Mile over the stride"}});
        const auto& phases = stride->phases();
        for (std::size_t i = 0; i < phases.size(); ++i)
            columns.push_back({{"key", "phase" + std::to_string(i)},
                               {"title", "Phase " + TableText::plain(phases[i].phase) + " [%]"}});
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : stride->rows()) {
            nlohmann::json r = {{"case", row.caseName}, {"front_gap_m", TableText::jsonNumber(row.frontGap)}};
            if (row.savingPct) {
                r["mean"] = withError(*row.savingPct, row.savingIterPct);
                char range[64];
                std::snprintf(range, sizeof(range), "%.1f to %.1f", *row.savingMinPct, *row.savingMaxPct);
                r["range"] = range;
                r["sampling"] = TableText::jsonNumber(row.savingPhasePct);
                if (const auto p = pacing ? stride->pace(row, *pacing) : std::nullopt) r["mile"] = formatRaceTime(p->timeS);
            } else {
                r["mean"] = "incomplete: " + row.reason;
                r["range"] = nullptr;
            }
            for (std::size_t i = 0; i < row.instants.size(); ++i) {
                const auto& in = row.instants[i];
                r["phase" + std::to_string(i)] = in.savingPct ? nlohmann::json(withError(*in.savingPct, in.savingIterPct))
                                                  : nlohmann::json(in.status + ": " + in.reason);
            }
            rows.push_back(r);
        }
        nlohmann::json phaseList = nlohmann::json::array();
        for (const auto& p : phases) {
            char solo[48];
            std::snprintf(solo, sizeof(solo), "solo %.3f N", p.table.soloDrag());
            phaseList.push_back("phase " + TableText::plain(p.phase) + ": " + p.dir + " (" + solo + ")");
        }
        char title[160];
        std::snprintf(title, sizeof(title),
                      "The lead's saving over her stride (%zu phases; her solo %.3f N over the stride, %.1f %% from "
                      "lowest to highest instant)",
                      phases.size(), stride->soloDragN(), stride->soloSpreadPct());
        m["stride"] = {{"title", title},
                       {"sweeps", phaseList},
                       {"columns", columns},
                       {"rows", rows},
                       {"notes", StrideAverage::notes()}};
        if (!stride->samplingWhyNot().empty())
            m["stride"]["notes"].push_back("No phase sampling uncertainty: it " + stride->samplingWhyNot() +
                                           ". The mean of so few instants may be far from the stride's.");
    }

    // With the other phases of her stride, this sweep's own savings are one instant's.
    if (stride && config && config->stridePhase) {
        const std::string note = "These are her phase " + TableText::plain(*config->stridePhase) +
                                 " of the stride alone; \"Over the stride\" has the mean over every phase given.";
        for (const char* part : {"pacing", "comparison"})
            if (m.contains(part)) m[part]["notes"].push_back(note);
    }

    if (race) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& seg : (*race)["segments"])
            rows.push_back({{"from_m", seg["from_m"]},
                            {"to_m", seg["to_m"]},
                            {"formation", seg["formation"]},
                            {"drag_saving_pct", 100.0 * seg["drag_saving"].get<double>()},
                            {"speed_mps", seg["speed_mps"]}});
        std::string splits;
        for (const auto& sp : (*race)["splits"])
            splits += (splits.empty() ? "" : ", ") + TableText::plain(std::round(sp["distance_m"].get<double>())) +
                      " m " + sp["time"].get<std::string>();
        m["race"] = {{"title", "At her solo power (" + (*race)["baseline_time"].get<std::string>() + " alone); splits " +
                                   splits},
                     {"columns",
                      {column("from_m", "From [m]", 0), column("to_m", "To [m]", 0), column("formation", "Formation"),
                       column("drag_saving_pct", "Drag saving [%]", 1), column("speed_mps", "Speed [m/s]", 3)}},
                     {"rows", rows},
                     {"final_time", (*race)["final_time"]}};
    }

    nlohmann::json figs = nlohmann::json::array();
    for (const auto& f : figures) figs.push_back(f);
    if (!figs.empty()) m["figures"] = figs;

    nlohmann::json links = nlohmann::json::array();
    for (const char* f : {"savings.csv", "bodies.csv", "fit.json", "pacing.csv"})
        links.push_back({{"title", f}, {"href", f}});
    if (comparison) links.push_back({{"title", "factors.csv (this sweep beside the others)"}, {"href", "factors.csv"}});
    if (stride) links.push_back({{"title", "stride.csv (the lead's drag at each phase and over the stride)"}, {"href", "stride.csv"}});
    if (!configFile.empty())
        links.push_back({{"title", "the sweep's config as a file draft-cases reads back (run it again with it)"},
                         {"href", configFile}});
    std::vector<std::string> allWarnings = warnings;
    if (!unconverged.empty()) {
        std::string drifting, settled;
        for (const auto& n : unconverged) {
            std::string& list = settledOnly.count(n.get<std::string>()) ? settled : drifting;
            list += (list.empty() ? "" : ", ") + n.get<std::string>();
        }
        if (!drifting.empty())
            allWarnings.push_back("Not converged (forces are a mean over the last iterations; see drag_std_N): " + drifting);
        if (!settled.empty())
            allWarnings.push_back("Not converged by the residual test only: every runner's mean drag settled, the "
                                  "residuals stayed above tolerance (the ± iterative column holds the drag's "
                                  "interval and drift): " + settled);
    }
    if (flow) {
        nlohmann::json images = nlohmann::json::array();
        for (const auto& c : flow->cases)
            if (!c.image.empty()) images.push_back({{"case", c.caseName}, {"path", c.image}});
        if (!images.empty()) m["flow_images"] = images;
        if (!flow->pvd.empty())
            // One object: an initializer list here would insert its two pairs as two entries.
            links.insert(links.begin(), nlohmann::json{{"title", "All cases in ParaView, one step each"},
                                                       {"href", flow->pvd}});
        for (auto s = flow->series.rbegin(); s != flow->series.rend(); ++s)
            links.insert(links.begin(),
                         nlohmann::json{{"title", "ParaView: " + s->formation +
                                                      (s->axis == "front_gap_m"  ? std::string(", its time the front gap")
                                                       : s->axis == "back_gap_m" ? std::string(", its time the back gap")
                                                       : s->axis == "none"       ? std::string(" (one case)")
                                                                                 : ", its time the " + s->axis)},
                                        {"href", s->pvd}});
        if (!flow->script.empty())
            links.insert(links.begin(), nlohmann::json{{"title", "ParaView, ready to look at: paraview --script=" +
                                                                     flow->script},
                                                       {"href", flow->script}});
        for (const auto& c : flow->cases) {
            links.push_back({{"title", c.caseName + ": chest-height slice"}, {"href", c.slice}});
            links.push_back({{"title", c.caseName + ": runner surfaces"}, {"href", c.surfaces}});
        }
        for (const auto& w : flow->warnings) allWarnings.push_back("flow fields: " + w);
        // One line per kind of warning, naming its cases: old cases all lack the same field.
        std::vector<std::pair<std::string, std::string>> grouped;
        static const std::regex when(R"( \(not written at time [^)]*\))");
        for (const auto& c : flow->cases) {
            for (const auto& w : c.warnings) {
                const std::string kind = std::regex_replace(w, when, "");
                auto it = std::find_if(grouped.begin(), grouped.end(), [&](const auto& g) { return g.first == kind; });
                if (it == grouped.end())
                    grouped.emplace_back(kind, c.caseName);
                else
                    it->second += ", " + c.caseName;
            }
        }
        for (const auto& [kind, names] : grouped) allWarnings.push_back("flow fields: " + kind + ": " + names);
        for (const auto& s : flow->skipped) allWarnings.push_back("flow fields skipped: " + s);
    }
    m["links"] = links;
    if (!allWarnings.empty()) m["warnings"] = allWarnings;
    return m;
}

}  // namespace drafting::post
