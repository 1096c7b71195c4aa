#include "cases/CaseContinuation.hpp"

#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "cases/RunnerDragDict.hpp"
#include "cases/SweepLayout.hpp"
#include "cases/TimeFolder.hpp"
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

bool sameTime(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

// Whether results.json is the new result of the continuation from `from`: CaseRunner wrote it with
// its "continued" record, and runnerDrag's part of it says it resumed there.
bool committed(const std::string& caseDir, double from) {
    try {
        const auto now = JsonFile::read(caseDir + "/" + SweepLayout::kResults);
        const auto continued = now.find("continued");
        const auto resumed = now.find("resumed_from");
        return continued != now.end() && continued->is_object() && continued->contains("from_time") &&
               continued->at("from_time").is_number() && sameTime(continued->at("from_time").get<double>(), from) &&
               resumed != now.end() && resumed->is_number() && sameTime(resumed->get<double>(), from);
    } catch (const std::exception&) {
        return false;
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
    const std::string stop = result.source.value("stop", "");
    if (stop != "end")
        return "stopped by " + (stop.empty() ? std::string("an unknown reason") : "'" + stop + "'") +
               ", not at its end time: it would stop again at once";
    if (CaseRunner::latestSavedTime(caseDir).empty()) return "no saved time with runnerDrag's history to go on from";
    return "";
}

void CaseContinuation::recover(const std::string& caseDir) {
    const std::string journalPath = caseDir + "/" + kJournal;
    if (!fs::is_regular_file(fs::symlink_status(journalPath))) return;
    const auto journal = JsonFile::read(journalPath);
    if (!journal.contains("from") || !journal.at("from").is_string() || !journal.contains("control_dict") ||
        !journal.at("control_dict").is_string())
        throw RunError(journalPath + ": not a journal draft-cases wrote (from, control_dict)");
    const std::string from = journal.at("from").get<std::string>();
    const auto fromTime = TimeFolder::timeOf(from);
    if (!fromTime) throw RunError(journalPath + ": from = '" + from + "': not a solution time");
    CaseRunner::stopStrays(caseDir);
    if (committed(caseDir, *fromTime)) {
        CaseRunner::keepOnlyFinalTime(caseDir);
    } else {
        writeText(caseDir + "/system/controlDict", journal.at("control_dict").get<std::string>());
        // What the continuation wrote: times after its start (in the case and on the MPI ranks) and
        // the function objects' output from its start (its force history).
        for (const auto& entry : fs::directory_iterator(caseDir)) {
            const std::string name = entry.path().filename().string();
            const auto t = TimeFolder::timeOf(name);
            if ((entry.is_directory() && !entry.is_symlink() && t && *t > *fromTime && !sameTime(*t, *fromTime)) ||
                SweepLayout::isProcessorFolder(name))
                fs::remove_all(entry.path());
        }
        // Every function object writes its output of a run under a folder named after its start.
        std::error_code ec;
        for (const auto& object : fs::directory_iterator(fs::path(caseDir) / "postProcessing", ec))
            if (object.is_directory() && !object.is_symlink()) fs::remove_all(object.path() / from);
    }
    fs::remove(caseDir + "/" + SweepLayout::kContinuedResults);
    fs::remove(journalPath);  // last: until here a later run finds the journal and does this again
}

std::string CaseContinuation::raisedControlDict(const std::string& controlDict, long endTime, const std::string& origin) {
    std::istringstream in(controlDict);
    std::string out, line;
    bool end = false, interval = false, window = false, drag = false;
    const std::string value = std::to_string(endTime);
    const auto indentOf = [](const std::string& l) { return l.substr(0, l.find_first_not_of(' ')); };
    while (std::getline(in, line)) {
        const std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
        // CaseWriter writes the top-level keys at the start of a line and runnerDrag's inside its entry.
        if (line.rfind("endTime ", 0) == 0) {
            line = "endTime " + value + ";";
            end = true;
        } else if (line.rfind("writeInterval ", 0) == 0) {
            line = "writeInterval " + value + ";";
            interval = true;
        } else if (trimmed.rfind("averagingWindow ", 0) == 0) {
            line = indentOf(line) + "averagingWindow " +
                   std::to_string(RunnerDragDict::steadyAveragingWindow(static_cast<int>(std::min(endTime, 1000000000L)))) + ";";
            window = true;
        } else if (trimmed.rfind("resultsFile ", 0) == 0) {
            continue;  // one of an earlier continuation: written again below
        }
        out += line + "\n";
        if (trimmed.rfind("type ", 0) == 0 && trimmed.find(" runnerDrag;") != std::string::npos) {
            out += indentOf(line) + "resultsFile     " + SweepLayout::kContinuedResults + ";\n";
            drag = true;
        }
    }
    const char* missing = !end ? "endTime" : !interval ? "writeInterval" : !window ? "averagingWindow" : !drag ? "runnerDrag" : nullptr;
    if (missing) throw RunError(origin + ": no " + missing + " entry: not a steady controlDict draft-cases wrote");
    return out;
}

CaseContinuation::Outcome CaseContinuation::run(const CaseRunner& runner, const std::string& caseDir, int iterations) {
    recover(caseDir);
    const std::string resultsPath = caseDir + "/" + SweepLayout::kResults;
    const CaseResult earlier = CaseResult::fromJson(JsonFile::read(resultsPath), resultsPath);
    try {
        if (const std::string why = whyNot(caseDir); !why.empty()) return {earlier, why};
        // A steady case's time is its iteration count.
        const std::string from = CaseRunner::latestSavedTime(caseDir);
        const long start = std::lround(std::strtod(from.c_str(), nullptr));
        const long added = iterations > 0 ? iterations : std::max(1L, start);
        const long end = start + added;
        const std::string controlPath = caseDir + "/system/controlDict";
        const std::string control = readText(controlPath);
        const std::string raised = raisedControlDict(control, end, controlPath);
        const nlohmann::json record = {{"from_time", start},
                                       {"iterations_before", earlier.iterations},
                                       {"converged_before", earlier.converged},
                                       {"stop_before", earlier.source.value("stop", "")},
                                       {"iterations_requested", added},
                                       {"end_time", end}};
        // The journal before the first change, so that a kill at any later point is undone.
        JsonFile::writeAtomic(caseDir + "/" + kJournal, {{"from", from}, {"control_dict", control}});
        writeText(controlPath, raised);
        const CaseResult result = runner.continueFrom(caseDir, from, record);
        recover(caseDir);  // committed: only the final time stays; not: as it was before
        if (!result.ok()) return {earlier, result.reason.empty() ? std::string("the continued run failed") : result.reason};
        return {result, ""};
    } catch (const std::exception& e) {
        recover(caseDir);
        return {earlier, e.what()};
    }
}

}  // namespace drafting::cases
