#include "cases/run/SweepStatus.hpp"

#include "cases/files/CaseResult.hpp"
#include "cases/run/CaseRunner.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "common/Printable.hpp"
#include "cases/files/SweepLayout.hpp"

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace drafting::cases::run {

namespace {

// Text from a manifest or results.json as a terminal shows it: whole and unquoted, but with control
// characters escaped as common::Printable::quote escapes them (\n, \xNN), so a reason cannot break the
// table's lines or drive the terminal.
std::string shown(const std::string& text) {
    const std::string quoted = common::Printable::quote(text, 4 * text.size() + 2);
    return quoted.substr(1, quoted.size() - 2);
}

// `text` left-aligned in `width` columns (never cut).
std::string padded(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

}  // namespace

nlohmann::json SweepStatus::read(const std::string& sweepDir) {
    const files::Manifest manifest = files::Manifest::read(sweepDir);
    nlohmann::json cases = nlohmann::json::array();
    nlohmann::json counts = {{"pending", 0}, {"ok", 0}, {"failed", 0}};
    for (const auto& e : manifest.cases) {
        nlohmann::json row = {{"name", e.name},       {"status", e.status}, {"reason", e.reason},
                              {"iterations", nullptr}, {"converged", nullptr}, {"lead_drag_N", nullptr},
                              {"checkpoint", nullptr}};
        const std::string results = sweepDir + "/" + e.name + "/" + files::SweepLayout::kResults;
        if (std::filesystem::exists(results)) {
            try {
                auto r = files::CaseResult::fromJson(common::JsonFile::read(results), results);
                r.checkBelongsTo(e.name, e.parameters, results);
                row["status"] = r.status;
                row["reason"] = r.reason;
                row["iterations"] = r.iterations;
                row["converged"] = r.converged;
                if (const auto lead = r.bodies.find("lead"); lead != r.bodies.end() && r.ok())
                    row["lead_drag_N"] = lead->second.dragN;
            } catch (const common::RunError& err) {
                row["status"] = "failed";
                row["reason"] = err.what();
            }
        } else if (const std::string from = CaseRunner::checkpoint(sweepDir + "/" + e.name); !from.empty()) {
            row["checkpoint"] = from;  // where the next run goes on from
        }
        counts[row["status"].get<std::string>()] = counts.value(row["status"].get<std::string>(), 0) + 1;
        cases.push_back(row);
    }
    return {{"sweep", manifest.sweepName}, {"counts", counts}, {"cases", cases}};
}

std::string SweepStatus::table(const nlohmann::json& s) {
    std::ostringstream out;
    for (const auto& c : s["cases"]) {
        std::string detail;
        if (c["lead_drag_N"].is_number()) {
            char buf[96];
            std::snprintf(buf, sizeof(buf), "lead drag %.3f N, %d iterations%s", c["lead_drag_N"].get<double>(),
                          c["iterations"].get<int>(), c["converged"].get<bool>() ? "" : " (not converged)");
            detail = buf;
        } else {
            detail = shown(c["reason"].get<std::string>());
            if (c.contains("checkpoint") && c["checkpoint"].is_string())
                detail += std::string(detail.empty() ? "" : "; ") + "continues from its checkpoint at time " +
                          shown(c["checkpoint"].get<std::string>());
        }
        // Built, not printed into a fixed buffer: a long reason is never cut before its newline.
        out << "  " << padded(shown(c["name"].get<std::string>()), 32) << ' '
            << padded(shown(c["status"].get<std::string>()), 8) << ' ' << detail << '\n';
    }
    out << "sweep " << shown(s["sweep"].get<std::string>()) << ": " << s["counts"]["ok"] << " ok, " << s["counts"]["failed"]
        << " failed, " << s["counts"]["pending"] << " pending\n";
    return out.str();
}

}  // namespace drafting::cases::run
