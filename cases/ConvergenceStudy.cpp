#include "cases/ConvergenceStudy.hpp"

#include "cases/CaseFile.hpp"

#include "cases/CaseResult.hpp"
#include "cases/CaseWriter.hpp"
#include "cases/ConfigError.hpp"
#include "cases/GridConvergence.hpp"
#include "common/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "cases/MeshCheckFile.hpp"
#include "common/Printable.hpp"
#include "cases/SweepLayout.hpp"
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

namespace drafting::cases {

namespace {

// A level or a case with no verdict yet: its levels are still to run.
constexpr const char* kPending = "pending";


using Scale = GridConvergence::Scale;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One case at one level.
struct LevelResult {
    CaseResult result;
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

nlohmann::json tripletJson(const std::vector<std::string>& levels, std::size_t j) {
    return nlohmann::json::array({levels[j], levels[j + 1], levels[j + 2]});
}

LevelResult readLevel(const fs::path& caseDir, const nlohmann::json& manifestParameters, int configDimension) {
    LevelResult out;
    CaseResult& r = out.result;
    const fs::path path = caseDir / SweepLayout::kResults;
    if (fs::exists(path)) {
        try {
            r = CaseResult::fromJson(common::JsonFile::read(path.string()), path.string());
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
        const fs::path check = caseDir / MeshCheckFile::kFileName;
        if (fs::exists(check)) {
            const long cells = MeshCheckFile::read(check.string()).cells;
            if (cells > 0) out.cells = static_cast<double>(cells);
        }
    } catch (const std::runtime_error&) {
        // A damaged meshCheck.json leaves the count of results.json.
    }
    out.dimension = r.mesh && r.mesh->dimension != 0 ? r.mesh->dimension : configDimension;
    try {
        const fs::path spec = caseDir / SweepLayout::kCaseFile;
        if (fs::exists(spec)) out.templateVersion = CaseFile::read(spec.string()).templateVersion.value_or("");
    } catch (const std::runtime_error&) {
    }
    return out;
}

// Calls visit(body, drag, values, j, estimate) for every triplet j of every body's drag (drag) and
// every saving of a study row, skipping a triplet with no value at one of its levels.
template <class Visit>
void forEachTriplet(const nlohmann::json& row, Visit&& visit) {
    for (const char* part : {"bodies", "savings"}) {
        if (!row.contains(part)) continue;
        const bool drag = std::string(part) == "bodies";
        for (const auto& [body, q] : row.at(part).items()) {
            const auto& values = q.at(drag ? "drag_N" : "saving_pct");
            for (std::size_t j = 0; j < q.at("triplets").size(); ++j) {
                const auto& e = q.at("triplets")[j].at("estimate");
                if (e.value("behaviour", "") == "undefined" && e.value("reason", "").rfind("no value", 0) == 0)
                    continue;  // nothing at some level: no row
                visit(body, drag, values, j, e);
            }
        }
    }
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
nlohmann::json reduceQuantity(const std::map<std::string, double>& values, const std::vector<std::string>& levels,
                              const std::vector<Ratios>& ratios, Scale scale) {
    const char* valueKey = scale == Scale::relative ? "drag_N" : "saving_pct";
    nlohmann::json q = {{valueKey, nlohmann::json::object()}, {"triplets", nlohmann::json::array()}};
    for (const auto& [level, v] : values) q[valueKey][level] = v;

    // Estimates of the triplets with a value at all three levels, by their first level's index.
    std::map<std::size_t, GridConvergence::Estimate> reduced;
    for (std::size_t j = 0; j + 2 < levels.size(); ++j) {
        nlohmann::json t = {{"triplet", tripletJson(levels, j)}};
        const bool have = values.count(levels[j]) && values.count(levels[j + 1]) && values.count(levels[j + 2]);
        if (!have) {
            t["estimate"] = {{"behaviour", "undefined"}, {"reason", "no value at every level of the triplet"}};
        } else if (!ratios[j].reason.empty()) {
            t["estimate"] = {{"behaviour", "undefined"}, {"reason", ratios[j].reason}};
        } else {
            try {
                const auto e = GridConvergence::estimate(values.at(levels[j + 2]), values.at(levels[j + 1]),
                                                         values.at(levels[j]), ratios[j].r21, ratios[j].r32);
                t["estimate"] = e.toJson(scale);
                reduced.emplace(j, e);
            } catch (const std::invalid_argument& e) {
                t["estimate"] = {{"behaviour", "undefined"}, {"reason", e.what()}};
            }
        }
        q["triplets"].push_back(t);
    }

    // The GCI at each level: GCI_fine of a triplet where it is the finest, GCI_medium (GCI32)
    // where it is the middle; from the finest reduced triplet holding it, the others listed.
    nlohmann::json atLevel = nlohmann::json::object();
    for (std::size_t i = 1; i < levels.size(); ++i) {
        std::vector<nlohmann::json> entries;
        for (std::size_t j : {i, i - 1}) {  // j = i - 1: L is the middle; j = i - 2: the finest
            if (j == 0) continue;
            const std::size_t first = j - 1;
            const auto it = reduced.find(first);
            if (it == reduced.end()) continue;
            const auto& e = it->second;
            const bool middle = first + 1 == i;
            auto num = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
            nlohmann::json entry = {{"triplet", tripletJson(levels, first)},
                                    {"role", middle ? "medium" : "fine"},
                                    {"behaviour", GridConvergence::name(e.behaviour)},
                                    {"order", num(e.order)},
                                    {"ratio_below_minimum", e.ratioBelowMinimum}};
            if (scale == Scale::relative) {
                entry["gci"] = num(middle ? e.gciMedium : e.gciFine);
                entry["gci_bounded"] = num(middle ? e.gciMediumBounded : e.gciFineBounded);
            } else {
                entry["gci_abs"] = num(middle ? e.gciMediumAbs : e.gciFineAbs);
                entry["gci_bounded_abs"] = num(middle ? e.gciMediumBoundedAbs : e.gciFineBoundedAbs);
            }
            entries.push_back(entry);
        }
        if (entries.empty()) continue;
        nlohmann::json chosen = entries.front();
        chosen["others"] = nlohmann::json::array();
        for (std::size_t k = 1; k < entries.size(); ++k) chosen["others"].push_back(entries[k]);
        atLevel[levels[i]] = chosen;
    }
    q["at_level"] = atLevel;
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
            throw ConfigError(shown + ": " + common::Printable::quote(item, 40) +
                              " is not a mesh level (coarse|medium|fine|extra-fine)");
        levels.push_back(item);
        index.push_back(static_cast<std::size_t>(it - known.begin()));
    }
    if (!text.empty() && text.back() == ',') throw ConfigError(shown + ": empty level after the last comma");
    for (std::size_t k = 1; k < index.size(); ++k)
        if (index[k] != index[k - 1] + 1)
            throw ConfigError(shown + ": levels must be consecutive, coarsest first (e.g. medium,fine,extra-fine)");
    if (levels.size() < 3) throw ConfigError(shown + ": a study needs at least three levels (one triplet)");
    return levels;
}

nlohmann::json ConvergenceStudy::run(const SweepConfig& config, const std::vector<CaseSpec>& plan,
                                     const std::string& dir, const std::vector<std::string>& levels,
                                     const SweepRunner& runner, int jobs, bool force, std::ostream& log,
                                     const SweepRunner::RunOptions& options) {
    for (const auto& level : levels) {
        SweepConfig atLevel = config;
        atLevel.level = level;
        const std::string sweepDir = (fs::path(dir) / level).string();
        fs::create_directories(sweepDir);
        log << "== level " << level << " ==\n";
        runner.generate(atLevel, plan, sweepDir, log, force, level);
        runner.run(sweepDir, jobs, force, log, options);
    }
    return reduce(dir, levels);
}

nlohmann::json ConvergenceStudy::reduce(const std::string& dir, const std::vector<std::string>& levels) {
    // Each level's manifest; a level not generated yet has none, and its cases count as not run.
    std::vector<std::optional<Manifest>> manifests;
    for (const auto& level : levels) {
        const fs::path sweep = fs::path(dir) / level;
        manifests.push_back(fs::exists(sweep / Manifest::kFileName) ? std::optional<Manifest>(Manifest::read(sweep.string()))
                                                                    : std::nullopt);
    }
    // The cases are those of the coarsest level that has a sweep (every level has the same plan).
    const Manifest* first = nullptr;
    for (const auto& m : manifests)
        if (!first && m) first = &*m;
    if (!first)
        throw ConfigError("-o " + common::Printable::quote(dir) + ": no level of the study has a manifest.json (nothing to reduce)");
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

    nlohmann::json cases = nlohmann::json::array();
    for (std::size_t c = 0; c < first->cases.size(); ++c) {
        const auto& entry = first->cases[c];
        const auto& at = results[c];
        const std::string formation = entry.parameters.is_object() ? entry.parameters.value("formation", "") : "";
        nlohmann::json row = {{"case", entry.name}, {"formation", formation}, {"parameters", entry.parameters}};
        std::string failure;
        bool anyFailed = false;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const CaseResult& r = at[i].result;
            row["levels"][levels[i]] = {
                {"status", r.status},
                {"reason", r.reason},
                {"cells", at[i].cells > 0 ? nlohmann::json(static_cast<long>(at[i].cells)) : nlohmann::json()},
                {"dimension", at[i].dimension ? nlohmann::json(at[i].dimension) : nlohmann::json()},
                {"template", at[i].templateVersion.empty() ? nlohmann::json() : nlohmann::json(at[i].templateVersion)}};
            if (!r.ok()) failure += (failure.empty() ? "" : "; ") + levels[i] + ": " + r.reason;
            anyFailed = anyFailed || (!r.ok() && r.status != kPending);
        }
        std::vector<Ratios> ratios;
        bool anyTriplet = false;
        row["triplets"] = nlohmann::json::array();
        for (std::size_t j = 0; j + 2 < levels.size(); ++j) {
            const bool ok = at[j].result.ok() && at[j + 1].result.ok() && at[j + 2].result.ok();
            anyTriplet = anyTriplet || ok;
            Ratios r = ok ? ratiosOf(at, levels, j) : Ratios{kNaN, kNaN, "not ok at every level of the triplet"};
            nlohmann::json t = {{"triplet", tripletJson(levels, j)}};
            if (r.reason.empty()) {
                t["r21"] = r.r21;
                t["r32"] = r.r32;
                t["ratio_below_minimum"] = r.r21 < GridConvergence::kMinRatio || r.r32 < GridConvergence::kMinRatio;
            } else {
                t["reason"] = r.reason;
            }
            row["triplets"].push_back(t);
            ratios.push_back(r);
        }
        // ok: every level; partial: a triplet but not every level; pending: no triplet yet and
        // nothing failed (levels still to run); failed: no triplet and a level failed.
        row["status"] = failure.empty() ? "ok" : anyTriplet ? "partial" : anyFailed ? "failed" : kPending;
        row["reason"] = failure;

        // Each body's drag, at the levels where the case is ok.
        std::set<std::string> bodies;
        for (const auto& l : at)
            if (l.result.ok())
                for (const auto& [body, forces] : l.result.bodies) bodies.insert(body);
        row["bodies"] = nlohmann::json::object();
        for (const auto& body : bodies) {
            std::map<std::string, double> drag;
            for (std::size_t i = 0; i < levels.size(); ++i)
                if (at[i].result.ok() && at[i].result.bodies.count(body))
                    drag[levels[i]] = at[i].result.bodies.at(body).dragN;
            row["bodies"][body] = reduceQuantity(drag, levels, ratios, Scale::relative);
        }
        // Each body's saving against the solo runner of the same level (not for the solo case).
        if (formation != "solo") {
            row["savings"] = nlohmann::json::object();
            for (const auto& body : bodies) {
                std::map<std::string, double> saving;
                for (std::size_t i = 0; solo && i < levels.size(); ++i) {
                    const CaseResult &r = at[i].result, &s = (*solo)[i].result;
                    if (!r.ok() || !s.ok() || !r.bodies.count(body) || !s.bodies.count("lead")) continue;
                    const double soloDrag = s.bodies.at("lead").dragN;
                    if (soloDrag > 0.0) saving[levels[i]] = common::savingPct(r.bodies.at(body).dragN, soloDrag);
                }
                row["savings"][body] = reduceQuantity(saving, levels, ratios, Scale::absolute);
            }
        }
        cases.push_back(row);
    }

    nlohmann::json triplets = nlohmann::json::array();
    for (std::size_t j = 0; j + 2 < levels.size(); ++j) triplets.push_back(tripletJson(levels, j));
    const nlohmann::json study = {
        {"format", kFormat},
        {"method", "Richardson extrapolation and GCI with non-constant ratios, Celik et al. (2008) J Fluids Eng "
                   "130:078001; Roache (1998)"},
        {"levels", levels},
        {"triplets", triplets},
        {"ratio_from", "cells of each case: r = (N_finer / N_coarser)^(1/dimension), meshCheck.json"},
        {"nominal_ratio", meshes::MeshLevel::kRatio},
        {"min_ratio", GridConvergence::kMinRatio},
        {"safety_factor", GridConvergence::kSafetyFactor},
        {"formal_order", GridConvergence::kFormalOrder},
        {"bounded", "p limited to the formal order 2; Fs 3 unless |p - 2| <= 0.2, then 1.25"},
        {"at_level", "the finest reduced triplet holding the level: its GCI_medium (GCI32) where the level is the "
                     "middle grid, its GCI_fine where it is the finest; the other triplet under 'others'"},
        {"quantities",
         {{"drag_N", "each body's drag; GCIs relative (fractions of the drag at that level)"},
          {"saving_pct", "each body's saving 100 (1 - D / D_solo) against the solo case at the same level; GCIs "
                         "absolute (_abs), in points of saving"}}},
        {"template", templates.size() == 1 ? nlohmann::json(*templates.begin()) : nlohmann::json()},
        {"templates", std::vector<std::string>(templates.begin(), templates.end())},
        {"tool_template", CaseWriter::kTemplateVersion},
        {"solo_case", soloName.empty() ? nlohmann::json() : nlohmann::json(soloName)},
        {"cases", cases}};
    common::JsonFile::writeAtomic((fs::path(dir) / SweepLayout::kConvergence).string(), study);

    std::ostringstream csv;
    csv << "case,quantity,body,triplet,value_coarse,value_medium,value_fine,cells_coarse,cells_medium,cells_fine,"
           "r32,r21,ratio_below_minimum,behaviour,order,extrapolated,gci_fine,gci_medium,gci_fine_bounded,"
           "gci_medium_bounded,asymptotic_ratio,gci_unit\n";
    auto num = [](const nlohmann::json& v, double scale = 1.0) {
        return v.is_number() ? std::to_string(v.get<double>() * scale) : std::string();
    };
    for (const auto& row : cases) {
        forEachTriplet(row, [&](const std::string& body, bool drag, const nlohmann::json& values, std::size_t j,
                                const nlohmann::json& e) {
            auto at = [&](std::size_t k) { return values.value(levels[j + k], nlohmann::json()); };
            auto cells = [&](std::size_t k) { return num(row["levels"][levels[j + k]]["cells"]); };
            auto gci = [&](const char* key) {
                return drag ? num(e.value(key, nlohmann::json()), 100.0)
                            : num(e.value(std::string(key) + "_abs", nlohmann::json()));
            };
            csv << row["case"].get<std::string>() << ',' << (drag ? "drag_N" : "saving_pct") << ',' << body
                << ',' << tripletLabel(levels, j) << ',' << num(at(0)) << ',' << num(at(1)) << ','
                << num(at(2)) << ',' << cells(0) << ',' << cells(1) << ',' << cells(2) << ','
                << num(e.value("r32", nlohmann::json())) << ',' << num(e.value("r21", nlohmann::json())) << ','
                << (e.value("ratio_below_minimum", false) ? "true" : "false") << ','
                << e.value("behaviour", "") << ',' << num(e.value("order", nlohmann::json())) << ','
                << num(e.value("extrapolated", nlohmann::json())) << ',' << gci("gci_fine") << ','
                << gci("gci_medium") << ',' << gci("gci_fine_bounded") << ',' << gci("gci_medium_bounded")
                << ',' << num(e.value("asymptotic_ratio", nlohmann::json())) << ','
                << (drag ? "percent" : "points") << '\n';
        });
    }
    const fs::path csvPath = fs::path(dir) / "convergence.csv";
    try {
        common::AtomicFile::write(csvPath.string(), csv.str());  // never through a link, never half a file
    } catch (const std::system_error& e) {
        throw RunError(e.what());
    }
    return study;
}

std::string ConvergenceStudy::table(const nlohmann::json& study) {
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
    auto val = [](const nlohmann::json& v) { return v.is_number() ? v.get<double>() : NAN; };
    const auto& levels = study["levels"];
    for (const auto& row : study["cases"]) {
        const std::string name = row["case"].get<std::string>();
        if (row["status"] == "failed") {
            out << name << ": failed (" << row["reason"].get<std::string>() << ")\n";
            continue;
        }
        if (row["status"] == "partial" || row["status"] == kPending)
            out << name << ": " << row["status"].get<std::string>() << " (" << row["reason"].get<std::string>() << ")\n";
        forEachTriplet(row, [&](const std::string& body, bool drag, const nlohmann::json& values, std::size_t j,
                                const nlohmann::json& e) {
            const std::string triplet = shortName(levels[j].get<std::string>()) + "/" +
                                        shortName(levels[j + 1].get<std::string>()) + "/" +
                                        shortName(levels[j + 2].get<std::string>());
            auto v = [&](std::size_t k) { return val(values.value(levels[j + k].get<std::string>(), nlohmann::json())); };
            auto g = [&](const char* key) {
                return drag ? 100.0 * val(e.value(key, nlohmann::json()))
                            : val(e.value(std::string(key) + "_abs", nlohmann::json()));
            };
            std::string behaviour = e.value("behaviour", "");
            if (e.value("ratio_below_minimum", false)) behaviour += ", r<1.3";
            if (e.contains("order_solved") && !e["order_solved"].get<bool>()) behaviour += ", p unsolved";
            if (e.contains("reason")) behaviour += " (" + e["reason"].get<std::string>() + ")";
            std::snprintf(line, sizeof(line),
                          drag ? "%-24s %-7s %-8s %-7s %9.4f %9.4f %9.4f %9.4f %6.2f %5.3f %5.3f %7.2f %7.2f %7.2f "
                                 "%7.2f %-6s %s\n"
                               : "%-24s %-7s %-8s %-7s %9.2f %9.2f %9.2f %9.2f %6.2f %5.3f %5.3f %7.2f %7.2f %7.2f "
                                 "%7.2f %-6s %s\n",
                          name.c_str(), body.c_str(), drag ? "drag N" : "saving", triplet.c_str(), v(0), v(1),
                          v(2), val(e.value("extrapolated", nlohmann::json())),
                          val(e.value("order", nlohmann::json())), val(e.value("r21", nlohmann::json())),
                          val(e.value("r32", nlohmann::json())), g("gci_fine"), g("gci_fine_bounded"),
                          g("gci_medium"), g("gci_medium_bounded"), drag ? "%" : "points", behaviour.c_str());
            out << line;
        });
    }
    return out.str();
}

}  // namespace drafting::cases
