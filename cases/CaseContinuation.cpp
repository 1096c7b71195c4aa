#include "cases/CaseContinuation.hpp"

#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "meshes/AtomicFile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::cases {

namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RunError(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const std::string& path, const std::string& text) {
    try {
        meshes::AtomicFile::write(path, text);
    } catch (const std::system_error& e) {
        throw RunError(e.what());
    }
}

}  // namespace

std::string CaseContinuation::whyNot(const std::string& caseDir) {
    const std::string resultsPath = caseDir + "/" + SweepLayout::kResults;
    if (!SweepLayout::hasFinishedResults(caseDir)) return "not finished";
    const CaseResult result = CaseResult::fromJson(JsonFile::read(resultsPath), resultsPath);
    if (result.converged) return "converged";
    const auto spec = JsonFile::read(caseDir + "/" + SweepLayout::kCaseFile);
    if (spec.contains("parameters") && spec.at("parameters").contains("transient"))
        return "transient: its forces are averaged up to its end time (set solver.end_time and run it again)";
    if (CaseRunner::latestSavedTime(caseDir).empty()) return "no saved time with runnerDrag's history to go on from";
    return "";
}

void CaseContinuation::recover(const std::string& caseDir) {
    const std::string earlierPath = caseDir + "/" + kEarlierResults;
    const std::string resultsPath = caseDir + "/" + SweepLayout::kResults;
    if (!fs::is_regular_file(fs::symlink_status(earlierPath))) return;
    const auto earlier = JsonFile::read(earlierPath);
    bool committed = false;
    try {
        // Committed: results.json is CaseRunner's new result, with a "continued" record the
        // earlier one does not have (runnerDrag's own file has none).
        const auto now = JsonFile::read(resultsPath);
        committed = now.contains("continued") && (!earlier.contains("continued") || earlier.at("continued") != now.at("continued"));
    } catch (const std::exception&) {
        committed = false;  // missing or damaged: the earlier result goes back
    }
    if (committed) {
        fs::remove(earlierPath);
        return;
    }
    std::error_code ec;
    fs::rename(earlierPath, resultsPath, ec);
    if (ec) throw RunError(earlierPath + ": cannot be put back as " + SweepLayout::kResults + ": " + ec.message());
}

std::string CaseContinuation::withEndTime(const std::string& controlDict, long endTime, const std::string& origin) {
    std::istringstream in(controlDict);
    std::string out, line;
    bool end = false, interval = false;
    const std::string value = std::to_string(endTime);
    while (std::getline(in, line)) {
        // CaseWriter writes both as "key value;" at the start of a line of the top level.
        if (line.rfind("endTime ", 0) == 0) {
            line = "endTime " + value + ";";
            end = true;
        } else if (line.rfind("writeInterval ", 0) == 0) {
            line = "writeInterval " + value + ";";
            interval = true;
        }
        out += line + "\n";
    }
    if (!end || !interval)
        throw RunError(origin + ": no " + std::string(end ? "writeInterval" : "endTime") +
                       " entry at the start of a line: not a controlDict draft-cases wrote");
    return out;
}

CaseContinuation::Outcome CaseContinuation::run(const CaseRunner& runner, const std::string& caseDir, int iterations) {
    recover(caseDir);
    const std::string resultsPath = caseDir + "/" + SweepLayout::kResults;
    const std::string earlierPath = caseDir + "/" + kEarlierResults;
    const auto earlierJson = JsonFile::read(resultsPath);
    const CaseResult earlier = CaseResult::fromJson(earlierJson, resultsPath);
    if (const std::string why = whyNot(caseDir); !why.empty()) return {earlier, why};

    // A steady case's time is its iteration count.
    const std::string from = CaseRunner::latestSavedTime(caseDir);
    const long start = std::lround(std::strtod(from.c_str(), nullptr));
    const long added = iterations > 0 ? iterations : std::max(1L, start);
    const long end = start + added;
    const std::string controlPath = caseDir + "/system/controlDict";
    const std::string control = readText(controlPath);
    const std::string raised = withEndTime(control, end, controlPath);

    const nlohmann::json record = {{"from_time", start},
                                   {"iterations_before", earlier.iterations},
                                   {"converged_before", earlier.converged},
                                   {"stop_before", earlier.source.value("stop", "")},
                                   {"iterations_requested", added},
                                   {"end_time", end}};
    JsonFile::writeAtomic(earlierPath, earlierJson);
    // The earlier result and end time come back unless the new result is written.
    const auto undo = [&] {
        writeText(controlPath, control);
        recover(caseDir);
    };
    CaseResult result;
    try {
        writeText(controlPath, raised);
        result = runner.continueFrom(caseDir, from, record);
    } catch (...) {
        undo();
        throw;
    }
    if (!result.ok()) {
        undo();
        return {earlier, result.reason.empty() ? std::string("the continued run failed") : result.reason};
    }
    fs::remove(earlierPath);
    return {result, ""};
}

}  // namespace drafting::cases
