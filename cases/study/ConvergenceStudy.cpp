#include "cases/study/ConvergenceStudy.hpp"

#include "cases/files/CaseFile.hpp"

#include "cases/files/CaseResult.hpp"
#include "cases/writer/CaseWriter.hpp"
#include "common/Error.hpp"
#include "cases/study/GridConvergence.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "cases/files/MeshCheckFile.hpp"
#include "common/Printable.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/Saving.hpp"
#include "common/AtomicFile.hpp"
#include "meshes/MeshLevel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::cases::study {

namespace {

// A level or a case with no verdict yet: its levels are still to run.
constexpr const char* kPending = "pending";


using Scale = GridConvergence::Scale;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One case at one level.
struct LevelResult {
    files::CaseResult result;
    double cells = kNaN;  // meshCheck.json's count, else results.json's
    int dimension = 0;    // 0: unknown
    std::string templateVersion;
};

// The refinement ratios of one case's triplet, from its cells, or why there are none.
struct Ratios {
    double r21 = kNaN, r32 = kNaN;
    std::string reason;
};

std::string tripletLabel(const std::vector<std::string>& levels, std::size_t j) {
    return levels[j] + "/" + levels[j + 1] + "/" + levels[j + 2];
}

ConvergenceFile::Triplet tripletOf(const std::vector<std::string>& levels, std::size_t j) {
    return {levels[j], levels[j + 1], levels[j + 2]};
}

LevelResult readLevel(const fs::path& caseDir, const nlohmann::json& manifestParameters, int configDimension) {
    LevelResult out;
    files::CaseResult& r = out.result;
    const fs::path path = caseDir / files::SweepLayout::kResults;
    if (fs::exists(path)) {
        try {
            r = files::CaseResult::fromJson(common::JsonFile::read(path.string()), path.string());
            // The same gate as the savings table: non-physical forces, another case's results (a
            // copied file), a runner missing or pushed forward fail the level and never enter an
            // extrapolation.
            r.checkReducible(caseDir.filename().string(), manifestParameters, path.string());
        } catch (const std::runtime_error& e) {
            r.status = "failed";  // a damaged results.json fails its level, not the study
            r.reason = e.what();
        }
    } else {
        r.status = kPending;  // not run yet, or running: no verdict either way
        r.reason = "not run";
    }
    if (r.mesh && r.mesh->cells > 0) out.cells = static_cast<double>(r.mesh->cells);
    // draftCheckMesh's count is the mesh the solver saw: it wins where it was written.
    try {
        const fs::path check = caseDir / files::MeshCheckFile::kFileName;
        if (fs::exists(check)) {
            const long cells = files::MeshCheckFile::read(check.string()).cells;
            if (cells > 0) out.cells = static_cast<double>(cells);
        }
    } catch (const std::runtime_error&) {
        // A damaged meshCheck.json leaves the count of results.json.
    }
    out.dimension = r.mesh && r.mesh->dimension != 0 ? r.mesh->dimension : configDimension;
    try {
        const fs::path spec = caseDir / files::SweepLayout::kCaseFile;
        if (fs::exists(spec)) out.templateVersion = files::CaseFile::read(spec.string()).templateVersion.value_or("");
    } catch (const std::runtime_error&) {
    }
    return out;
}

// What the table and the CSV show of a triplet without an estimate: no number at all.
GridConvergence::Estimate undefinedEstimate() {
    GridConvergence::Estimate e;
    e.r21 = e.r32 = e.order = e.extrapolated = kNaN;
    e.gciFine = e.gciMedium = e.gciFineBounded = e.gciMediumBounded = e.asymptoticRatio = kNaN;
    e.gciFineAbs = e.gciMediumAbs = e.gciFineBoundedAbs = e.gciMediumBoundedAbs = e.asymptoticRatioAbs = kNaN;
    return e;
}

std::string behaviourOf(const ConvergenceFile::TripletEstimate& t) {
    return t.estimate ? GridConvergence::name(t.estimate->behaviour) : std::string("undefined");
}

// Calls visit(body, drag, quantity, j, estimate) for every triplet j of every body's drag (drag)
// and every saving of a study case that has an estimate, or a reason other than a missing value.
template <class Visit>
void forEachTriplet(const ConvergenceFile::Case& row, Visit&& visit) {
    const auto each = [&](const std::map<std::string, ConvergenceFile::Quantity>& quantities, bool drag) {
        for (const auto& [body, q] : quantities)
            for (std::size_t j = 0; j < q.triplets.size(); ++j) {
                const auto& t = q.triplets[j];
                if (!t.estimate && t.undefinedReason.rfind("no value", 0) == 0) continue;  // nothing at some level
                visit(body, drag, q, j, t);
            }
    };
    each(row.bodies, true);
    if (row.savings) each(*row.savings, false);
}

Ratios ratiosOf(const std::vector<LevelResult>& at, const std::vector<std::string>& levels, std::size_t j) {
    Ratios out;
    const LevelResult &coarse = at[j], &medium = at[j + 1], &fine = at[j + 2];
    for (std::size_t k = j; k < j + 3; ++k)
        if (!(at[k].cells > 0)) {
            out.reason = "cells unknown at " + levels[k];
            return out;
        }
    const int dim = fine.dimension;
    if (dim != 2 && dim != 3) {
        out.reason = "mesh dimension unknown";
        return out;
    }
    if (coarse.dimension != dim || medium.dimension != dim) {
        out.reason = "mesh dimension differs between levels";
        return out;
    }
    out.r21 = GridConvergence::ratioFromCells(fine.cells, medium.cells, dim);
    out.r32 = GridConvergence::ratioFromCells(medium.cells, coarse.cells, dim);
    if (!(out.r21 > 1.0) || !(out.r32 > 1.0)) {
        char text[160];
        std::snprintf(text, sizeof(text), "the cells do not grow with the level (r21 %.4f, r32 %.4f)", out.r21, out.r32);
        out.reason = text;
    }
    return out;
}

// One quantity of one case (a body's drag, or its saving) over every level it has a value at:
// the values, every triplet's estimate, and the GCI at each level that has one.
ConvergenceFile::Quantity reduceQuantity(const std::map<std::string, double>& values,
                                         const std::vector<std::string>& levels, const std::vector<Ratios>& ratios,
                                         Scale scale) {
    ConvergenceFile::Quantity q;
    q.values = values;

    // Estimates of the triplets with a value at all three levels, by their first level's index.
    std::map<std::size_t, GridConvergence::Estimate> reduced;
    for (std::size_t j = 0; j + 2 < levels.size(); ++j) {
        ConvergenceFile::TripletEstimate t;
        t.triplet = tripletOf(levels, j);
        const bool have = values.count(levels[j]) && values.count(levels[j + 1]) && values.count(levels[j + 2]);
        if (!have) {
            t.undefinedReason = "no value at every level of the triplet";
        } else if (!ratios[j].reason.empty()) {
            t.undefinedReason = ratios[j].reason;
        } else {
            try {
                t.estimate = GridConvergence::estimate(values.at(levels[j + 2]), values.at(levels[j + 1]),
                                                       values.at(levels[j]), ratios[j].r21, ratios[j].r32);
                reduced.emplace(j, *t.estimate);
            } catch (const std::invalid_argument& e) {
                t.undefinedReason = e.what();
            }
        }
        q.triplets.push_back(t);
    }

    // The GCI at each level: GCI_fine of a triplet where it is the finest, GCI_medium (GCI32)
    // where it is the middle; from the finest reduced triplet holding it, the others listed.
    for (std::size_t i = 1; i < levels.size(); ++i) {
        std::vector<ConvergenceFile::LevelGci> entries;
        for (std::size_t j : {i, i - 1}) {  // j = i - 1: L is the middle; j = i - 2: the finest
            if (j == 0) continue;
            const std::size_t first = j - 1;
            const auto it = reduced.find(first);
            if (it == reduced.end()) continue;
            const auto& e = it->second;
            const bool middle = first + 1 == i;
            ConvergenceFile::LevelGci entry;
            entry.triplet = tripletOf(levels, first);
            entry.role = middle ? "medium" : "fine";
            entry.behaviour = GridConvergence::name(e.behaviour);
            entry.order = e.order;
            entry.ratioBelowMinimum = e.ratioBelowMinimum;
            if (scale == Scale::relative) {
                entry.gci = middle ? e.gciMedium : e.gciFine;
                entry.gciBounded = middle ? e.gciMediumBounded : e.gciFineBounded;
            } else {
                entry.gci = middle ? e.gciMediumAbs : e.gciFineAbs;
                entry.gciBounded = middle ? e.gciMediumBoundedAbs : e.gciFineBoundedAbs;
            }
            entries.push_back(entry);
        }
        if (entries.empty()) continue;
        ConvergenceFile::LevelGci chosen = entries.front();
        chosen.others.assign(entries.begin() + 1, entries.end());
        q.atLevel[levels[i]] = chosen;
    }
    return q;
}

}  // namespace

const std::vector<std::string>& ConvergenceStudy::defaultLevels() {
    static const std::vector<std::string> levels{"coarse", "medium", "fine"};
    return levels;
}

std::vector<std::string> ConvergenceStudy::parseLevels(const std::string& text) {
    const std::string shown = "--levels = " + common::Printable::quote(text);
    const auto& known = meshes::MeshLevel::names();
    std::vector<std::string> levels;
    std::vector<std::size_t> index;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const auto first = item.find_first_not_of(" \t"), last = item.find_last_not_of(" \t");
        item = first == std::string::npos ? "" : item.substr(first, last - first + 1);
        const auto it = std::find(known.begin(), known.end(), item);
        if (it == known.end())
            throw common::InputError(shown + ": " + common::Printable::quote(item, 40) +
                              " is not a mesh level (coarse|medium|fine|extra-fine)");
        levels.push_back(item);
        index.push_back(static_cast<std::size_t>(it - known.begin()));
    }
    if (!text.empty() && text.back() == ',') throw common::InputError(shown + ": empty level after the last comma");
    for (std::size_t k = 1; k < index.size(); ++k)
        if (index[k] != index[k - 1] + 1)
            throw common::InputError(shown + ": levels must be consecutive, coarsest first (e.g. medium,fine,extra-fine)");
    if (levels.size() < 3) throw common::InputError(shown + ": a study needs at least three levels (one triplet)");
    return levels;
}

ConvergenceFile ConvergenceStudy::run(const config::SweepConfig& config, const std::vector<config::CaseSpec>& plan,
                                     const std::string& dir, const std::vector<std::string>& levels,
                                     const run::SweepRunner& runner, int jobs, bool force, std::ostream& log,
                                     const run::SweepRunner::RunOptions& options) {
    for (const auto& level : levels) {
        config::SweepConfig atLevel = config;
        atLevel.level = level;
        const std::string sweepDir = (fs::path(dir) / level).string();
        fs::create_directories(sweepDir);
        log << "== level " << level << " ==\n";
        runner.generate(atLevel, plan, sweepDir, log, force, level);
        runner.run(sweepDir, jobs, force, log, options);
    }
    return reduce(dir, levels);
}

ConvergenceFile ConvergenceStudy::reduce(const std::string& dir, const std::vector<std::string>& levels) {
    // Each level's manifest; a level not generated yet has none, and its cases count as not run.
    std::vector<std::optional<files::Manifest>> manifests;
    for (const auto& level : levels) {
        const fs::path sweep = fs::path(dir) / level;
        manifests.push_back(fs::exists(sweep / files::Manifest::kFileName) ? std::optional<files::Manifest>(files::Manifest::read(sweep.string()))
                                                                    : std::nullopt);
    }
    // The cases are those of the coarsest level that has a sweep (every level has the same plan).
    const files::Manifest* first = nullptr;
    for (const auto& m : manifests)
        if (!first && m) first = &*m;
    if (!first)
        throw common::InputError("-o " + common::Printable::quote(dir) + ": no level of the study has a manifest.json (nothing to reduce)");
    const int configDimension = first->config.dimension;

    // Every case at every level, read once.
    std::vector<std::vector<LevelResult>> results;
    std::string soloName;
    std::set<std::string> templates;
    for (const auto& entry : first->cases) {
        std::vector<LevelResult> at;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            if (!manifests[i]) {
                at.emplace_back();
                at.back().result.status = kPending;
                at.back().result.reason = "not run (no " + levels[i] + " sweep)";
                continue;
            }
            at.push_back(readLevel(fs::path(dir) / levels[i] / entry.name, entry.parameters, configDimension));
            if (!at.back().templateVersion.empty()) templates.insert(at.back().templateVersion);
        }
        results.push_back(std::move(at));
        if (entry.parameters.is_object() && entry.parameters.value("formation", "") == "solo") soloName = entry.name;
    }
    const std::vector<LevelResult>* solo = nullptr;
    for (std::size_t c = 0; c < first->cases.size(); ++c)
        if (first->cases[c].name == soloName) solo = &results[c];

    ConvergenceFile study;
    study.levels = levels;
    if (templates.size() == 1) study.templateVersion = *templates.begin();
    study.templates.assign(templates.begin(), templates.end());
    study.toolTemplate = writer::CaseWriter::kTemplateVersion;
    if (!soloName.empty()) study.soloCase = soloName;
    for (std::size_t c = 0; c < first->cases.size(); ++c) {
        const auto& entry = first->cases[c];
        const auto& at = results[c];
        ConvergenceFile::Case row;
        row.name = entry.name;
        row.formation = entry.parameters.is_object() ? entry.parameters.value("formation", "") : "";
        row.parameters = entry.parameters;
        std::string failure;
        bool anyFailed = false;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const files::CaseResult& r = at[i].result;
            ConvergenceFile::CaseLevel& level = row.levels[levels[i]];
            level.status = r.status;
            level.reason = r.reason;
            if (at[i].cells > 0) level.cells = static_cast<long>(at[i].cells);
            if (at[i].dimension) level.dimension = at[i].dimension;
            if (!at[i].templateVersion.empty()) level.templateVersion = at[i].templateVersion;
            if (!r.ok()) failure += (failure.empty() ? "" : "; ") + levels[i] + ": " + r.reason;
            anyFailed = anyFailed || (!r.ok() && r.status != kPending);
        }
        std::vector<Ratios> ratios;
        bool anyTriplet = false;
        for (std::size_t j = 0; j + 2 < levels.size(); ++j) {
            const bool ok = at[j].result.ok() && at[j + 1].result.ok() && at[j + 2].result.ok();
            anyTriplet = anyTriplet || ok;
            Ratios r = ok ? ratiosOf(at, levels, j) : Ratios{kNaN, kNaN, "not ok at every level of the triplet"};
            ConvergenceFile::CaseTriplet t;
            t.triplet = tripletOf(levels, j);
            t.r21 = r.r21;
            t.r32 = r.r32;
            t.ratioBelowMinimum = r.reason.empty() && (r.r21 < GridConvergence::kMinRatio || r.r32 < GridConvergence::kMinRatio);
            t.reason = r.reason;
            row.triplets.push_back(t);
            ratios.push_back(r);
        }
        // ok: every level; partial: a triplet but not every level; pending: no triplet yet and
        // nothing failed (levels still to run); failed: no triplet and a level failed.
        row.status = failure.empty() ? "ok" : anyTriplet ? "partial" : anyFailed ? "failed" : kPending;
        row.reason = failure;

        // Each body's drag, at the levels where the case is ok.
        std::set<std::string> bodies;
        for (const auto& l : at)
            if (l.result.ok())
                for (const auto& [body, forces] : l.result.bodies) bodies.insert(body);
        for (const auto& body : bodies) {
            std::map<std::string, double> drag;
            for (std::size_t i = 0; i < levels.size(); ++i)
                if (at[i].result.ok() && at[i].result.bodies.count(body))
                    drag[levels[i]] = at[i].result.bodies.at(body).dragN;
            row.bodies[body] = reduceQuantity(drag, levels, ratios, Scale::relative);
        }
        // Each body's saving against the solo runner of the same level (not for the solo case).
        if (row.formation != "solo") {
            row.savings.emplace();
            for (const auto& body : bodies) {
                std::map<std::string, double> saving;
                for (std::size_t i = 0; solo && i < levels.size(); ++i) {
                    const files::CaseResult &r = at[i].result, &s = (*solo)[i].result;
                    if (!r.ok() || !s.ok() || !r.bodies.count(body) || !s.bodies.count("lead")) continue;
                    const double soloDrag = s.bodies.at("lead").dragN;
                    if (soloDrag > 0.0) saving[levels[i]] = common::savingPct(r.bodies.at(body).dragN, soloDrag);
                }
                (*row.savings)[body] = reduceQuantity(saving, levels, ratios, Scale::absolute);
            }
        }
        study.cases.push_back(std::move(row));
    }
    common::JsonFile::writeAtomic((fs::path(dir) / files::SweepLayout::kConvergence).string(), study.toJson());

    std::ostringstream csv;
    csv << "case,quantity,body,triplet,value_coarse,value_medium,value_fine,cells_coarse,cells_medium,cells_fine,"
           "r32,r21,ratio_below_minimum,behaviour,order,extrapolated,gci_fine,gci_medium,gci_fine_bounded,"
           "gci_medium_bounded,asymptotic_ratio,gci_unit\n";
    // A number as the CSV has it (an empty field where there is none).
    auto num = [](double v, double scale = 1.0) { return std::isfinite(v) ? std::to_string(v * scale) : std::string(); };
    for (const auto& row : study.cases) {
        forEachTriplet(row, [&](const std::string& body, bool drag, const ConvergenceFile::Quantity& q, std::size_t j,
                                const ConvergenceFile::TripletEstimate& t) {
            auto at = [&](std::size_t k) {
                const auto it = q.values.find(levels[j + k]);
                return it == q.values.end() ? kNaN : it->second;
            };
            auto cells = [&](std::size_t k) {
                const auto& c = row.levels.at(levels[j + k]).cells;
                return c ? std::to_string(static_cast<double>(*c)) : std::string();
            };
            const GridConvergence::Estimate e = t.estimate.value_or(undefinedEstimate());
            const double scale = drag ? 100.0 : 1.0;
            csv << row.name << ',' << (drag ? "drag_N" : "saving_pct") << ',' << body << ',' << tripletLabel(levels, j)
                << ',' << num(at(0)) << ',' << num(at(1)) << ',' << num(at(2)) << ',' << cells(0) << ','
                << cells(1) << ',' << cells(2) << ',' << num(e.r32) << ',' << num(e.r21) << ','
                << (e.ratioBelowMinimum ? "true" : "false") << ',' << behaviourOf(t) << ',' << num(e.order) << ','
                << num(e.extrapolated) << ',' << num(drag ? e.gciFine : e.gciFineAbs, scale) << ','
                << num(drag ? e.gciMedium : e.gciMediumAbs, scale) << ','
                << num(drag ? e.gciFineBounded : e.gciFineBoundedAbs, scale) << ','
                << num(drag ? e.gciMediumBounded : e.gciMediumBoundedAbs, scale) << ','
                << num(drag ? e.asymptoticRatio : e.asymptoticRatioAbs) << ',' << (drag ? "percent" : "points")
                << '\n';
        });
    }
    const fs::path csvPath = fs::path(dir) / "convergence.csv";
    try {
        common::AtomicFile::write(csvPath.string(), csv.str());  // never through a link, never half a file
    } catch (const std::system_error& e) {
        throw common::RunError(e.what());
    }
    return study;
}

std::string ConvergenceStudy::table(const ConvergenceFile& study) {
    std::ostringstream out;
    char line[320];
    // Short level names keep a triplet in one column: c/m/f, m/f/xf.
    auto shortName = [](const std::string& level) { return level == "extra-fine" ? std::string("xf") : level.substr(0, 1); };
    std::snprintf(line, sizeof(line), "%-24s %-7s %-8s %-7s %9s %9s %9s %9s %6s %5s %5s %7s %7s %7s %7s %-6s %s\n",
                  "case", "body", "quantity", "triplet", "coarse", "medium", "fine", "extrap", "p", "r21", "r32",
                  "GCI21", "bound21", "GCI32", "bound32", "unit", "behaviour");
    out << "Each row is one triplet (coarse/medium/fine of it); GCI21 is the GCI of its finest grid, GCI32 of its\n"
           "middle one; 'bound' is the bounded GCI to quote (p <= 2, Fs 3 unless p within 10 % of 2).\n"
        << line;
    const auto& levels = study.levels;
    for (const auto& row : study.cases) {
        if (row.status == "failed") {
            out << row.name << ": failed (" << row.reason << ")\n";
            continue;
        }
        if (row.status == "partial" || row.status == kPending) out << row.name << ": " << row.status << " (" << row.reason << ")\n";
        forEachTriplet(row, [&](const std::string& body, bool drag, const ConvergenceFile::Quantity& q, std::size_t j,
                                const ConvergenceFile::TripletEstimate& t) {
            const std::string triplet = shortName(levels[j]) + "/" + shortName(levels[j + 1]) + "/" + shortName(levels[j + 2]);
            auto v = [&](std::size_t k) {
                const auto it = q.values.find(levels[j + k]);
                return it == q.values.end() ? kNaN : it->second;
            };
            const GridConvergence::Estimate e = t.estimate.value_or(undefinedEstimate());
            const double scale = drag ? 100.0 : 1.0;
            std::string behaviour = behaviourOf(t);
            if (e.ratioBelowMinimum) behaviour += ", r<1.3";
            if (t.estimate && !e.orderSolved) behaviour += ", p unsolved";
            if (!t.estimate) behaviour += " (" + t.undefinedReason + ")";
            std::snprintf(line, sizeof(line),
                          drag ? "%-24s %-7s %-8s %-7s %9.4f %9.4f %9.4f %9.4f %6.2f %5.3f %5.3f %7.2f %7.2f %7.2f "
                                 "%7.2f %-6s %s\n"
                               : "%-24s %-7s %-8s %-7s %9.2f %9.2f %9.2f %9.2f %6.2f %5.3f %5.3f %7.2f %7.2f %7.2f "
                                 "%7.2f %-6s %s\n",
                          row.name.c_str(), body.c_str(), drag ? "drag N" : "saving", triplet.c_str(), v(0), v(1),
                          v(2), e.extrapolated, e.order, e.r21, e.r32,
                          scale * (drag ? e.gciFine : e.gciFineAbs), scale * (drag ? e.gciFineBounded : e.gciFineBoundedAbs),
                          scale * (drag ? e.gciMedium : e.gciMediumAbs),
                          scale * (drag ? e.gciMediumBounded : e.gciMediumBoundedAbs), drag ? "%" : "points",
                          behaviour.c_str());
            out << line;
        });
    }
    return out.str();
}

}  // namespace drafting::cases::study
