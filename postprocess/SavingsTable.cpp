#include "postprocess/SavingsTable.hpp"

#include "cases/files/CaseFile.hpp"
#include "cases/files/CaseResult.hpp"
#include "common/Error.hpp"
#include "common/JsonFields.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "common/Printable.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/Saving.hpp"
#include "common/AtomicFile.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/TableText.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace drafting::post {

namespace {

std::optional<double> savingError(double drag, std::optional<double> dragErr, double solo,
                                  std::optional<double> soloErr) {
    return SavingsTable::savingUncertainty(drag, dragErr, solo, soloErr);
}

// Pacers sort after the lead in their numeric order (pacer2 before pacer10).
bool bodyBefore(const BodySaving& x, const BodySaving& y) {
    auto rank = [](const std::string& n) -> std::pair<int, std::string> {
        if (n == "lead") return {-1, n};
        if (n.rfind("pacer", 0) == 0 && n.size() > 5 && n.find_first_not_of("0123456789", 5) == std::string::npos)
            return {std::stoi(n.substr(5)), n};
        return {1 << 20, n};
    };
    return rank(x.body) < rank(y.body);
}

const std::string kNoModelFormStudy = "none: no model-form study (draft-post --model-form FILE)";

nlohmann::json bodiesJson(const std::vector<BodySaving>& bodies) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& b : bodies) {
        out.push_back({{"body", b.body},
                       {"height_m", TableText::jsonNumber(b.ownHeightM)},
                       {"stride_phase", TableText::jsonNumber(b.ownStridePhase)},
                       {"drag_N", b.dragN},
                       {"drag_ci95_N", TableText::jsonNumber(b.dragCi95N)},
                       {"saving_pct", TableText::jsonNumber(b.savingPct)},
                       {"saving_ci95_pct", TableText::jsonNumber(b.savingCi95Pct)},
                       {"saving_gci_pct", TableText::jsonNumber(b.savingGciPct)},
                       {"drag_drift_N", TableText::jsonNumber(b.dragDriftN)},
                       {"saving_iter_pct", TableText::jsonNumber(b.savingIterPct)},
                       {"saving_gci_source", b.savingGciSource},
                       {"saving_total_pct", TableText::jsonNumber(b.savingTotalPct)},
                       {"saving_model_pct", TableText::jsonNumber(b.savingModelPct)},
                       {"saving_model_source", b.savingModelSource},
                       {"saving_all_pct", TableText::jsonNumber(b.savingAllPct)},
                       {"side_N", TableText::jsonNumber(b.sideN)},
                       {"cd", TableText::jsonNumber(b.cd)},
                       {"cda_m2", TableText::jsonNumber(b.cdaM2)},
                       {"y_plus_mean", TableText::jsonNumber(b.yPlusMean)}});
    }
    return out;
}

}  // namespace

// First-order propagation for s = 100 (1 - d/d0): independent relative errors add in quadrature.
std::optional<double> SavingsTable::savingUncertainty(double drag, std::optional<double> dragErr, double solo,
                                                      std::optional<double> soloErr) {
    if (!dragErr && !soloErr) return std::nullopt;
    const double a = dragErr ? *dragErr / drag : 0.0, b = soloErr ? *soloErr / solo : 0.0;
    return 100.0 * std::abs(drag / solo) * std::sqrt(a * a + b * b);
}

SavingsTable SavingsTable::fromSweep(const std::string& sweepDir) {
    // A manifest that is not one is bad input (common::InputError, exit 1); one that cannot be read is not.
    cases::files::Manifest manifest;
    try {
        manifest = cases::files::Manifest::read(sweepDir);
    } catch (const common::RunError& e) {
        throw PostError(std::string("sweep ") + sweepDir + ": " + e.what());
    }
    const common::JsonFields fields(sweepDir + "/" + cases::files::Manifest::kFileName, common::JsonFields::Source::input);
    // The settings through their one reader (SweepConfig::fromJson), checked as a config is.
    const double speed = manifest.config.speed;
    const std::string level = manifest.config.level;
    // 2 or 3: a model-form study of 3D runners applies to 3D sweeps only.
    const int dimension = manifest.config.dimension;
    const std::string gapDefinition = manifest.config.gapDefinition;

    // Every saving is against the one solo case: none, or two to choose from, is no reduction.
    std::vector<std::string> soloCases;
    for (std::size_t i = 0; i < manifest.cases.size(); ++i) {
        const auto& entry = manifest.cases[i];
        if (fields.text(entry.parameters, "formation", "cases[" + std::to_string(i) + "].parameters") == "solo")
            soloCases.push_back(entry.name);
    }
    if (soloCases.size() != 1) {
        std::string names;
        for (const auto& n : soloCases) names += (names.empty() ? "" : ", ") + n;
        throw common::InputError(common::Printable::quote(fields.origin()) + ": " +
                                 (soloCases.empty() ? std::string("no solo baseline case (formation \"solo\")")
                                                    : std::to_string(soloCases.size()) + " solo baseline cases " +
                                                          common::Printable::quote(names) +
                                                          ": savings need exactly one"));
    }

    SavingsTable table;
    std::optional<double> solo, soloCd;
    for (std::size_t i = 0; i < manifest.cases.size(); ++i) {
        const auto& entry = manifest.cases[i];
        const std::string field = "cases[" + std::to_string(i) + "].parameters";
        SavingsRow row;
        row.caseName = entry.name;
        row.formation = fields.text(entry.parameters, "formation", field);
        row.frontGap = fields.optionalNumber(entry.parameters, "front_gap_m", field);
        row.backGap = fields.optionalNumber(entry.parameters, "back_gap_m", field);
        row.lateral = fields.optionalNumber(entry.parameters, "lateral_m", field);
        // Runners of their own size carry it in the parameters (cases::config::SweepPlan).
        std::map<std::string, double> ownHeights, ownPhases;  // likewise runners out of her step
        if (entry.parameters.is_object() && entry.parameters.contains("runners") && entry.parameters.at("runners").is_array()) {
            const auto& runners = entry.parameters.at("runners");
            for (std::size_t k = 0; k < runners.size(); ++k) {
                const std::string where = field + ".runners[" + std::to_string(k) + "]";
                if (const auto height = fields.optionalNumber(runners.at(k), "height_m", where))
                    ownHeights[fields.requiredText(runners.at(k), "name", where)] = *height;
                if (const auto phase = fields.optionalNumber(runners.at(k), "stride_phase", where))
                    ownPhases[fields.requiredText(runners.at(k), "name", where)] = *phase;
            }
        }
        for (const auto& [name, height] : ownHeights)
            if (name != "lead") row.pacerHeight = std::max(row.pacerHeight.value_or(0.0), height);
        row.speed = speed;
        try {  // the template the case was written with, for matching a convergence study
            const std::string spec = sweepDir + "/" + entry.name + "/" + cases::files::SweepLayout::kCaseFile;
            if (std::filesystem::exists(spec)) row.templateVersion = cases::files::CaseFile::read(spec).templateVersion.value_or("");
        } catch (const std::runtime_error&) {
            // unknown: matched against any study
        }

        const std::string resultsPath = sweepDir + "/" + entry.name + "/" + cases::files::SweepLayout::kResults;
        if (!std::filesystem::exists(resultsPath)) {
            row.status = "failed";
            row.reason = entry.status == "failed" && !entry.reason.empty() ? entry.reason : "no results.json (not run?)";
        } else {
            try {
                // A results.json that is not one fails its case, with the reason; the rest is reduced.
                auto result = cases::files::CaseResult::fromJson(common::JsonFile::read(resultsPath), resultsPath);
                // Non-physical forces, another case's results (a copied file), a runner missing or
                // pushed forward: never a saving.
                result.checkReducible(entry.name, entry.parameters, resultsPath);
                row.status = result.status;
                row.reason = result.reason;
                row.failure = result.failure;
                row.converged = result.converged;
                if (result.convergence) row.dragSettled = result.convergence->dragSettled;
                if (result.residuals) row.residualsBelow = result.residuals->belowTolerance;
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
                        row.yPlusLead = TableText::finite(it->second.yPlus.mean);
                        if (result.mesh && result.mesh->cells > 0) row.cells = static_cast<double>(result.mesh->cells);
                        row.dragLeadCi95 = TableText::finite(it->second.dragCi95N);
                        row.dragLeadDrift = TableText::finite(it->second.dragMeanDriftN);
                        row.dragLeadIterative = TableText::finite(it->second.dragIterativeN());
                        for (const auto& [name, forces] : result.bodies) {
                            BodySaving b;
                            b.body = name;
                            b.dragN = forces.dragN;
                            b.dragCi95N = TableText::finite(forces.dragCi95N);
                            b.dragDriftN = TableText::finite(forces.dragMeanDriftN);
                            b.dragIterativeN = TableText::finite(forces.dragIterativeN());
                            b.cd = TableText::finite(forces.cd);
                            b.cdaM2 = TableText::finite(forces.cdaM2);
                            b.sideN = TableText::finite(forces.sideN);
                            b.yPlusMean = TableText::finite(forces.yPlus.mean);
                            if (const auto own = ownHeights.find(name); own != ownHeights.end()) b.ownHeightM = own->second;
                            if (const auto own = ownPhases.find(name); own != ownPhases.end()) b.ownStridePhase = own->second;
                            row.bodies.push_back(b);
                        }
                        std::sort(row.bodies.begin(), row.bodies.end(), bodyBefore);
                    }
                }
            } catch (const common::RunError& e) {
                row.status = "failed";
                row.reason = e.what();
            } catch (const common::InputError& e) {  // common::JsonFile: not JSON, a link, too big
                row.status = "failed";
                row.reason = e.what();
            }
        }
        if (row.formation == "solo") {
            if (row.status != "ok") throw PostError("sweep " + sweepDir + ": the solo baseline failed: " + TableText::terminal(row.reason));
            solo = row.dragLead;
            soloCd = row.cdLead;
        }
        table.rows_.push_back(std::move(row));
    }
    if (!solo || !(*solo > 0.0)) throw PostError("sweep " + sweepDir + ": the solo drag is not positive");

    table.soloDrag_ = *solo;
    table.level_ = level;
    table.gapDefinition_ = gapDefinition;
    table.dimension_ = dimension;
    std::optional<double> soloCi, soloIterative;
    for (const auto& row : table.rows_)
        if (row.formation == "solo") soloCi = row.dragLeadCi95, soloIterative = row.dragLeadIterative;
    for (auto& row : table.rows_) {
        row.dragSolo = *solo;
        row.cdSolo = soloCd;
        if (row.status != "ok" || !row.dragLead) continue;
        row.savingPct = common::savingPct(*row.dragLead, *solo);
        // The solo case against itself has no uncertainty of its own ratio.
        row.savingCi95Pct = row.formation == "solo" ? std::optional<double>(0.0)
                                                    : savingError(*row.dragLead, row.dragLeadCi95, *solo, soloCi);
        row.savingIterPct = row.formation == "solo"
                                ? std::optional<double>(0.0)
                                : savingError(*row.dragLead, row.dragLeadIterative, *solo, soloIterative);
        for (auto& b : row.bodies) {
            b.savingGciSource = "none: no convergence study (draft-post --discretisation FILE)";
            b.savingModelSource = kNoModelFormStudy;
            // Her solo drag is no baseline for a runner of another size or phase of the stride.
            if (b.ownHeightM || b.ownStridePhase) continue;
            b.savingPct = common::savingPct(b.dragN, *solo);
            b.savingCi95Pct = row.formation == "solo" ? std::optional<double>(0.0)
                                                      : savingError(b.dragN, b.dragCi95N, *solo, soloCi);
            b.savingIterPct = row.formation == "solo"
                                  ? std::optional<double>(0.0)
                                  : savingError(b.dragN, b.dragIterativeN, *solo, soloIterative);
        }
        row.savingGciSource = "none: no convergence study (draft-post --discretisation FILE)";
        row.savingModelSource = kNoModelFormStudy;
    }
    table.updateTotals();
    return table;
}

namespace {

// The one rule for error bars: iterative (else the interval alone) ⊕ GCI, then ⊕ model form.
double numericalError(std::optional<double> iter, std::optional<double> ci95, std::optional<double> gci) {
    return std::hypot(iter.value_or(ci95.value_or(0.0)), gci.value_or(0.0));
}

}  // namespace

double BodySaving::numericalErrorPct() const { return numericalError(savingIterPct, savingCi95Pct, savingGciPct); }
double BodySaving::errorBarPct() const { return std::hypot(numericalErrorPct(), savingModelPct.value_or(0.0)); }
double SavingsRow::numericalErrorPct() const { return numericalError(savingIterPct, savingCi95Pct, savingGciPct); }
double SavingsRow::errorBarPct() const { return std::hypot(numericalErrorPct(), savingModelPct.value_or(0.0)); }

void SavingsTable::updateTotals() {
    auto total = [](std::optional<double> iter, std::optional<double> gci) -> std::optional<double> {
        if (!iter || !gci) return std::nullopt;
        return std::hypot(*iter, *gci);
    };
    for (auto& row : rows_) {
        row.savingTotalPct = total(row.savingIterPct, row.savingGciPct);
        row.savingAllPct = total(row.savingTotalPct, row.savingModelPct);
        for (auto& b : row.bodies) {
            b.savingTotalPct = total(b.savingIterPct, b.savingGciPct);
            b.savingAllPct = total(b.savingTotalPct, b.savingModelPct);
        }
    }
}

int SavingsTable::attachModelForm(const ModelFormFile& study, const std::string& studyName) {
    modelFormStudy_ = studyName;
    const std::string named = "study " + studyName;
    std::string none;  // one reason for every row when the study cannot apply to this sweep at all
    if (dimension_ != 3)
        none = "none: " + named + " is of 3D runners, this sweep " +
               (dimension_ == 0 ? std::string("names no mesh.dimension") : "is " + std::to_string(dimension_) + "D");
    else if (level_.empty())
        none = "none: the sweep's manifest names no mesh.level";
    else if (study.level != level_)
        none = "none: " + named + " is at level " + study.level + ", this sweep at " + level_ +
               " (a model's effect is measured at one level and not carried to another)";
    std::string held;
    for (const auto& s : study.spreads) held += (held.empty() ? "" : ", ") + s.caseName;
    int attached = 0;
    for (auto& row : rows_) {
        if (row.status != "ok" || !row.dragLead) continue;
        auto setAll = [&row](std::optional<double> points, const std::string& source) {
            row.savingModelPct = points;
            row.savingModelSource = source;
            for (auto& b : row.bodies) {
                b.savingModelPct = b.body == "lead" ? points : std::nullopt;
                b.savingModelSource = b.body == "lead" ? source : "none: a model-form study measures the lead's saving only";
            }
        };
        if (!none.empty()) {
            setAll(std::nullopt, none);
            continue;
        }
        if (!study.templateVersion.empty() && !row.templateVersion.empty() && row.templateVersion != study.templateVersion) {
            setAll(std::nullopt, "none: case template " + row.templateVersion + ", " + named + " template " +
                                     study.templateVersion + " (the cases differ: run the study again)");
            continue;
        }
        if (row.formation == "solo") {
            setAll(0.0, "solo baseline: its saving is 0 by definition");
            continue;
        }
        const ModelFormSpread* spread = study.find(row.caseName);
        if (!spread) {
            std::string waiting;
            for (const auto& v : study.pendingFor(row.caseName)) waiting += (waiting.empty() ? "" : ", ") + v;
            setAll(std::nullopt, waiting.empty() ? "none: case " + row.caseName + " is not in " + named + " (it holds " +
                                                       (held.empty() ? std::string("no case") : held) + ")"
                                                 : "none: no other model has finished case " + row.caseName + " in " +
                                                       named + " yet (not run yet: " + waiting + ")");
            continue;
        }
        std::string moves;
        for (const auto& [variant, move] : spread->movesPts) {
            char text[96];
            std::snprintf(text, sizeof(text), "%s%s %+.2f", moves.empty() ? "" : ", ", variant.c_str(), move);
            moves += text;
        }
        std::string pending;
        for (const auto& p : spread->pending) pending += (pending.empty() ? "" : ", ") + p;
        row.savingModelPartial = !spread->pending.empty();
        setAll(spread->spreadPts, named + " level " + level_ + ", case " + row.caseName + ": the largest move of " +
                                      "the saving from the study's model (" + moves + " points)" +
                                      (pending.empty() ? std::string()
                                                       : "; a lower bound: not run yet or failed: " + pending));
        ++attached;
    }
    updateTotals();
    return attached;
}

namespace {

// The bounded GCI of one runner's saving at `level` in a study case, in points, or why there is none.
struct StudyGci {
    std::optional<double> points;
    std::string why;
};

StudyGci savingGci(const cases::study::ConvergenceFile::Case& studyCase, const std::string& body, const std::string& level) {
    if (!studyCase.savings || !studyCase.savings->count(body)) return {std::nullopt, "has no saving of " + body};
    const auto& atLevel = studyCase.savings->at(body).atLevel;
    const auto at = atLevel.find(level);
    if (at == atLevel.end()) return {std::nullopt, "has no triplet with results at level " + level};
    if (std::isfinite(at->second.gciBounded)) return {at->second.gciBounded, ""};
    return {std::nullopt, "has no saving GCI at level " + level + " (" + at->second.behaviour + ")"};
}

}  // namespace

void SavingsTable::attachNoGci(const std::string& why, const std::string& studyName) {
    gciStudy_ = studyName;
    for (auto& row : rows_) {
        if (row.status != "ok" || !row.dragLead) continue;
        row.savingGciPct = std::nullopt;
        row.savingGciSource = "none: " + why;
        for (auto& b : row.bodies) {
            b.savingGciPct = std::nullopt;
            b.savingGciSource = row.savingGciSource;
        }
    }
    updateTotals();
}

int SavingsTable::attachGci(const cases::study::ConvergenceFile& convergence, const std::string& studyName) {
    gciStudy_ = studyName;
    const std::string study = "study " + studyName;
    // One reason for every row when the study cannot apply to this sweep at all.
    std::string none;
    std::string finer;  // the level above a sweep at the study's coarsest: what the study says there
    const auto& levels = convergence.levels;
    const auto at = std::find(levels.begin(), levels.end(), level_);
    if (level_.empty())
        none = "none: the sweep's manifest names no mesh.level";
    else if (at == levels.end())
        none = "none: level " + level_ + " not in " + study;
    else if (at == levels.begin()) {
        none = "none: level " + level_ + " is the coarsest of " + study + " (no GCI of its own)";
        if (levels.size() > 1) finer = levels[1];
    }

    int attached = 0;
    for (auto& row : rows_) {
        if (row.status != "ok" || !row.dragLead) continue;
        auto setAll = [&](std::optional<double> gci, const std::string& source) {
            row.savingGciPct = gci;
            row.savingGciSource = source;
            for (auto& b : row.bodies) {
                b.savingGciPct = gci;
                b.savingGciSource = source;
            }
        };
        if (!none.empty()) {
            std::string said;
            // At the coarsest level: the same case's saving one level up, when the study has it (a
            // divergent triplet there says the coarse figure's error is not bounded either).
            if (!finer.empty() && row.formation != "solo")
                if (const auto* c = convergence.find(row.caseName, row.formation)) {
                    const auto g = savingGci(*c, "lead", finer);
                    char text[160];
                    if (g.points)
                        std::snprintf(text, sizeof(text), "; at %s its bounded GCI is %.2f points", finer.c_str(), *g.points);
                    said = g.points ? std::string(text) : "; its case there " + g.why;
                }
            setAll(std::nullopt, none + said);
            continue;
        }
        if (convergence.templateVersion && !row.templateVersion.empty() && row.templateVersion != *convergence.templateVersion) {
            setAll(std::nullopt, "none: case template " + row.templateVersion + ", " + study + " template " +
                                     *convergence.templateVersion + " (the cases differ: run the study again)");
            continue;
        }
        if (row.formation == "solo") {
            setAll(0.0, "solo baseline: its saving is 0 by definition");
            continue;
        }
        // This case in the study, else the largest GCI among the study's cases of its formation.
        const cases::study::ConvergenceFile::Case* chosen = convergence.find(row.caseName, row.formation);
        std::string transfer;
        if (!chosen) {
            // Carried over only when every case of the formation has one: a divergent one says the
            // formation's GCI is not known.
            int candidates = 0;
            double largest = -1.0;
            std::string unknown;
            for (const auto& c : convergence.cases) {
                if (c.formation != row.formation) continue;
                const auto g = savingGci(c, "lead", level_);
                if (!g.points) {
                    if (unknown.empty()) unknown = c.name + " " + g.why;
                    continue;
                }
                ++candidates;
                if (*g.points > largest) largest = *g.points, chosen = &c;
            }
            if (!unknown.empty()) {
                setAll(std::nullopt, "none: this case is not in " + study + ", and its " + row.formation + " case " +
                                         unknown);
                continue;
            }
            if (!chosen) {
                setAll(std::nullopt, "none: no " + row.formation + " case with a saving GCI at level " + level_ +
                                         " in " + study);
                continue;
            }
            transfer = " (this case is not in the study: the largest of its " + std::to_string(candidates) + " " +
                       row.formation + " case(s))";
        }
        const std::string& studyCase = chosen->name;
        const std::string source = study + " level " + level_ + ", case " + studyCase + transfer;
        const auto lead = savingGci(*chosen, "lead", level_);
        row.savingGciPct = lead.points;
        row.savingGciSource = lead.points ? source : "none: " + study + " case " + studyCase + " " + lead.why;
        if (lead.points) ++attached;
        for (auto& b : row.bodies) {
            const auto g = savingGci(*chosen, b.body, level_);
            b.savingGciPct = g.points;
            b.savingGciSource = g.points ? source : "none: " + study + " case " + studyCase + " " + g.why;
        }
    }
    updateTotals();
    return attached;
}

void SavingsTable::writeCsv(const std::string& path) const {
    std::ostringstream out;
    {
        out << "case,formation,front_gap_m,back_gap_m,lateral_m,speed_mps,drag_lead_N,drag_solo_N,saving_pct,"
               "cda_lead_m2,converged,status,reason,frontal_area_m2,cd_lead,cd_solo,cells,y_plus_lead,drag_lead_ci95_N,"
               "saving_ci95_pct,saving_gci_pct,drag_lead_drift_N,saving_iter_pct,saving_gci_source,saving_total_pct,"
               "saving_model_pct,saving_model_source,saving_all_pct,pacer_height_m\n";
        for (const auto& r : rows_) {
            out << TableText::csvField(r.caseName) << ',' << TableText::csvField(r.formation) << ',' << TableText::csvNumber(r.frontGap) << ','
                << TableText::csvNumber(r.backGap) << ',' << TableText::csvNumber(r.lateral) << ',' << TableText::csvNumber(r.speed) << ',' << TableText::csvNumber(r.dragLead)
                << ',' << TableText::csvNumber(r.dragSolo) << ',' << TableText::csvNumber(r.savingPct) << ',' << TableText::csvNumber(r.cdaLead) << ','
                << (r.converged ? "true" : "false") << ',' << r.status << ',' << TableText::csvField(r.reason) << ','
                << TableText::csvNumber(r.frontalArea) << ',' << TableText::csvNumber(r.cdLead) << ',' << TableText::csvNumber(r.cdSolo) << ',' << TableText::csvNumber(r.cells) << ','
                << TableText::csvNumber(r.yPlusLead) << ',' << TableText::csvNumber(r.dragLeadCi95) << ',' << TableText::csvNumber(r.savingCi95Pct) << ','
                << TableText::csvNumber(r.savingGciPct) << ',' << TableText::csvNumber(r.dragLeadDrift) << ','
                << TableText::csvNumber(r.savingIterPct) << ',' << TableText::csvField(r.savingGciSource) << ','
                << TableText::csvNumber(r.savingTotalPct) << ',' << TableText::csvNumber(r.savingModelPct) << ','
                << TableText::csvField(r.savingModelSource) << ',' << TableText::csvNumber(r.savingAllPct) << ','
                << TableText::csvNumber(r.pacerHeight) << '\n';
        }
    }
    try {
        common::AtomicFile::write(path, out.str());  // never through a link, never half a file
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
}

void SavingsTable::writeBodiesCsv(const std::string& path) const {
    std::ostringstream out;
    {
        out << "case,formation,front_gap_m,back_gap_m,lateral_m,body,drag_N,drag_ci95_N,drag_solo_N,saving_pct,"
               "saving_ci95_pct,saving_gci_pct,side_N,cd,cda_m2,y_plus_mean,status,reason,drag_drift_N,saving_iter_pct,"
               "saving_gci_source,saving_total_pct,saving_model_pct,saving_model_source,saving_all_pct,height_m,"
               "stride_phase\n";
        for (const auto& r : rows_) {
            const std::string head = TableText::csvField(r.caseName) + ',' + TableText::csvField(r.formation) + ',' + TableText::csvNumber(r.frontGap) + ',' +
                                     TableText::csvNumber(r.backGap) + ',' + TableText::csvNumber(r.lateral) + ',';
            if (r.status != "ok") {  // one row naming the failure, no numbers
                out << head << ",,,,,,,,,,," << r.status << ',' << TableText::csvField(r.reason) << ",,,,,,,,,\n";
                continue;
            }
            for (const auto& b : r.bodies) {
                out << head << TableText::csvField(b.body) << ',' << TableText::csvNumber(b.dragN) << ',' << TableText::csvNumber(b.dragCi95N) << ','
                    << TableText::csvNumber(r.dragSolo) << ',' << TableText::csvNumber(b.savingPct) << ',' << TableText::csvNumber(b.savingCi95Pct) << ','
                    << TableText::csvNumber(b.savingGciPct) << ',' << TableText::csvNumber(b.sideN) << ',' << TableText::csvNumber(b.cd) << ',' << TableText::csvNumber(b.cdaM2) << ','
                    << TableText::csvNumber(b.yPlusMean) << ',' << r.status << ',' << TableText::csvField(r.reason) << ','
                    << TableText::csvNumber(b.dragDriftN) << ',' << TableText::csvNumber(b.savingIterPct) << ','
                    << TableText::csvField(b.savingGciSource) << ',' << TableText::csvNumber(b.savingTotalPct) << ','
                    << TableText::csvNumber(b.savingModelPct) << ',' << TableText::csvField(b.savingModelSource) << ','
                    << TableText::csvNumber(b.savingAllPct) << ',' << TableText::csvNumber(b.ownHeightM) << ','
                    << TableText::csvNumber(b.ownStridePhase) << '\n';
            }
        }
    }
    try {
        common::AtomicFile::write(path, out.str());  // never through a link, never half a file
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
}

nlohmann::json SavingsTable::toJson() const {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : rows_) {
        rows.push_back({{"case", r.caseName},
                        {"formation", r.formation},
                        {"front_gap_m", TableText::jsonNumber(r.frontGap)},
                        {"back_gap_m", TableText::jsonNumber(r.backGap)},
                        {"lateral_m", TableText::jsonNumber(r.lateral)},
                        {"pacer_height_m", TableText::jsonNumber(r.pacerHeight)},
                        {"speed_mps", r.speed},
                        {"drag_lead_N", TableText::jsonNumber(r.dragLead)},
                        {"drag_solo_N", TableText::jsonNumber(r.dragSolo)},
                        {"saving_pct", TableText::jsonNumber(r.savingPct)},
                        {"cda_lead_m2", TableText::jsonNumber(r.cdaLead)},
                        {"frontal_area_m2", TableText::jsonNumber(r.frontalArea)},
                        {"cd_lead", TableText::jsonNumber(r.cdLead)},
                        {"cd_solo", TableText::jsonNumber(r.cdSolo)},
                        {"cells", TableText::jsonNumber(r.cells)},
                        {"y_plus_lead", TableText::jsonNumber(r.yPlusLead)},
                        {"drag_lead_ci95_N", TableText::jsonNumber(r.dragLeadCi95)},
                        {"saving_ci95_pct", TableText::jsonNumber(r.savingCi95Pct)},
                        {"saving_gci_pct", TableText::jsonNumber(r.savingGciPct)},
                        {"drag_lead_drift_N", TableText::jsonNumber(r.dragLeadDrift)},
                        {"saving_iter_pct", TableText::jsonNumber(r.savingIterPct)},
                        {"saving_gci_source", r.savingGciSource},
                        {"saving_total_pct", TableText::jsonNumber(r.savingTotalPct)},
                        {"saving_model_pct", TableText::jsonNumber(r.savingModelPct)},
                        {"saving_model_lower_bound", r.savingModelPartial},
                        {"saving_model_source", r.savingModelSource},
                        {"saving_all_pct", TableText::jsonNumber(r.savingAllPct)},
                        {"bodies", bodiesJson(r.bodies)},
                        {"converged", r.converged},
                        {"status", r.status},
                        {"reason", r.reason}});
    }
    return {{"drag_solo_N", soloDrag_},
            {"level", level_},
            {"gap_definition", gapDefinition_},
            {"discretisation_study", gciStudy_.empty() ? nlohmann::json() : nlohmann::json(gciStudy_)},
            {"model_form_study", modelFormStudy_.empty() ? nlohmann::json() : nlohmann::json(modelFormStudy_)},
            {"rows", rows}};
}

}  // namespace drafting::post
