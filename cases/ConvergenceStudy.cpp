#include "cases/ConvergenceStudy.hpp"

#include "cases/CaseResult.hpp"
#include "cases/ConfigError.hpp"
#include "cases/GridConvergence.hpp"
#include "cases/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "meshes/AtomicFile.hpp"
#include "meshes/MeshLevel.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::cases {

nlohmann::json ConvergenceStudy::run(const SweepConfig& config, const std::vector<CaseSpec>& plan,
                                     const std::string& dir, const SweepRunner& runner, int jobs, bool force,
                                     std::ostream& log) {
    for (const char* level : kLevels) {
        SweepConfig atLevel = config;
        atLevel.level = level;
        const std::string sweepDir = (fs::path(dir) / level).string();
        fs::create_directories(sweepDir);
        log << "== level " << level << " ==\n";
        runner.generate(atLevel, plan, sweepDir, log, force);
        runner.run(sweepDir, jobs, force, log);
    }
    return reduce(dir);
}

nlohmann::json ConvergenceStudy::reduce(const std::string& dir) {
    const double ratio = meshes::MeshLevel::kRatio;
    std::vector<Manifest> manifests;
    for (const char* level : kLevels) manifests.push_back(Manifest::read((fs::path(dir) / level).string()));

    nlohmann::json cases = nlohmann::json::array();
    for (const auto& entry : manifests[0].cases) {
        nlohmann::json row = {{"case", entry.name}, {"parameters", entry.parameters}};
        std::vector<CaseResult> results;
        std::string failure;
        for (std::size_t i = 0; i < 3; ++i) {
            const fs::path path = fs::path(dir) / kLevels[i] / entry.name / "results.json";
            CaseResult r;
            if (fs::exists(path)) {
                try {
                    r = CaseResult::fromJson(JsonFile::read(path.string()));
                } catch (const std::runtime_error& e) {
                    r.status = "failed";  // a damaged results.json fails its level, not the study
                    r.reason = e.what();
                }
            } else {
                r.reason = "not run";
            }
            row["levels"][kLevels[i]] = {{"status", r.status},
                                         {"reason", r.reason},
                                         {"cells", r.extra.contains("mesh") ? r.extra["mesh"].value("cells", -1L) : -1L}};
            if (!r.ok() && failure.empty()) failure = std::string(kLevels[i]) + ": " + r.reason;
            results.push_back(std::move(r));
        }
        if (!failure.empty()) {
            row["status"] = "failed";
            row["reason"] = failure;
            cases.push_back(row);
            continue;
        }
        row["status"] = "ok";
        for (const auto& [body, forces] : results[0].bodies) {
            if (!results[1].bodies.count(body) || !results[2].bodies.count(body)) continue;
            const double coarse = forces.dragN, medium = results[1].bodies.at(body).dragN,
                         fine = results[2].bodies.at(body).dragN;
            nlohmann::json b = {{"drag_N", {{"coarse", coarse}, {"medium", medium}, {"fine", fine}}}};
            try {
                b["estimate"] = GridConvergence::estimate(fine, medium, coarse, ratio).toJson();
            } catch (const std::invalid_argument& e) {
                b["estimate"] = {{"behaviour", "undefined"}, {"reason", e.what()}};
            }
            row["bodies"][body] = b;
        }
        cases.push_back(row);
    }
    const nlohmann::json study = {{"ratio", ratio},
                                  {"safety_factor", 1.25},
                                  {"quantity", "drag_N"},
                                  {"method", "Richardson extrapolation and GCI, Roache (1998); Celik et al. (2008)"},
                                  {"cases", cases}};
    JsonFile::writeAtomic((fs::path(dir) / "convergence.json").string(), study);

    std::ostringstream csv;
    csv << "case,body,drag_coarse_N,drag_medium_N,drag_fine_N,cells_coarse,cells_medium,cells_fine,behaviour,order,"
           "drag_extrapolated_N,gci_fine_pct,gci_medium_pct,asymptotic_ratio,gci_fine_bounded_pct\n";
    auto num = [](const nlohmann::json& v, double scale = 1.0) {
        return v.is_number() ? std::to_string(v.get<double>() * scale) : std::string();
    };
    for (const auto& row : cases) {
        if (row["status"] != "ok") continue;
        for (const auto& [body, b] : row["bodies"].items()) {
            const auto& e = b["estimate"];
            csv << row["case"].get<std::string>() << ',' << body << ',' << num(b["drag_N"]["coarse"]) << ','
                << num(b["drag_N"]["medium"]) << ',' << num(b["drag_N"]["fine"]) << ','
                << row["levels"]["coarse"]["cells"] << ',' << row["levels"]["medium"]["cells"] << ','
                << row["levels"]["fine"]["cells"] << ',' << e.value("behaviour", "") << ','
                << num(e.value("order", nlohmann::json())) << ',' << num(e.value("extrapolated", nlohmann::json()))
                << ',' << num(e.value("gci_fine", nlohmann::json()), 100.0) << ','
                << num(e.value("gci_medium", nlohmann::json()), 100.0) << ','
                << num(e.value("asymptotic_ratio", nlohmann::json())) << ','
                << num(e.value("gci_fine_bounded", nlohmann::json()), 100.0) << '\n';
        }
    }
    const fs::path csvPath = fs::path(dir) / "convergence.csv";
    try {
        meshes::AtomicFile::write(csvPath.string(), csv.str());  // never through a link, never half a file
    } catch (const std::system_error& e) {
        throw RunError(e.what());
    }
    return study;
}

std::string ConvergenceStudy::table(const nlohmann::json& study) {
    std::ostringstream out;
    char line[256];
    std::snprintf(line, sizeof(line), "%-28s %-8s %9s %9s %9s %9s %6s %8s %9s  %s\n", "case", "body", "coarse N",
                  "medium N", "fine N", "extrap N", "p", "GCI %", "bounded %", "behaviour");
    out << line;
    auto val = [](const nlohmann::json& v) { return v.is_number() ? v.get<double>() : NAN; };
    for (const auto& row : study["cases"]) {
        if (row["status"] != "ok") {
            out << row["case"].get<std::string>() << ": failed (" << row["reason"].get<std::string>() << ")\n";
            continue;
        }
        for (const auto& [body, b] : row["bodies"].items()) {
            const auto& e = b["estimate"];
            std::snprintf(line, sizeof(line), "%-28s %-8s %9.4f %9.4f %9.4f %9.4f %6.2f %8.2f %9.2f  %s\n",
                          row["case"].get<std::string>().c_str(), body.c_str(), val(b["drag_N"]["coarse"]),
                          val(b["drag_N"]["medium"]), val(b["drag_N"]["fine"]),
                          val(e.value("extrapolated", nlohmann::json())), val(e.value("order", nlohmann::json())),
                          100.0 * val(e.value("gci_fine", nlohmann::json())),
                          100.0 * val(e.value("gci_fine_bounded", nlohmann::json())), e.value("behaviour", "").c_str());
            out << line;
        }
    }
    return out.str();
}

}  // namespace drafting::cases
