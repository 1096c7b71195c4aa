#include "cases/run/CaseContinuation.hpp"

#include "cases/files/CaseFile.hpp"
#include "common/Printable.hpp"

#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/writer/RunnerDragDict.hpp"
#include "meshes/FoamDictionary.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/TimeFolder.hpp"
#include "common/AtomicFile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace drafting::cases::run {

namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw common::RunError(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeText(const std::string& path, const std::string& text) {
    try {
        common::AtomicFile::write(path, text);
    } catch (const std::system_error& e) {
        throw common::RunError(e.what());
    }
}

bool sameTime(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }

// Whether results.json is the new result of the continuation from `from`: CaseRunner wrote it with
// its "continued" record, and runnerDrag's part of it says it resumed there.
bool committed(const std::string& caseDir, double from) {
    const std::string path = caseDir + "/" + files::SweepLayout::kResults;
    if (!fs::exists(fs::symlink_status(path))) return false;
    files::CaseResult now;
    try {
        now = files::CaseResult::fromJson(common::JsonFile::read(path), path);
    } catch (const std::exception& e) {
        // Neither the earlier result nor the new one: undoing now could remove the only solution left.
        throw common::RunError(path + ": unreadable while a continuation's journal is there (" + e.what() +
                       "); look at the case before running it again");
    }
    return now.continued && sameTime(static_cast<double>(now.continued->fromTime), from) && now.resumedFrom &&
           sameTime(*now.resumedFrom, from);
}

// The raised controlDict as the case keeps it after a commit: runnerDrag writes results.json again,
// so that a fresh run (--force, Slurm, Allrun) finds its result where it looks.
std::string withoutSideResults(const std::string& controlDict) {
    std::istringstream in(controlDict);
    std::string out, line;
    while (std::getline(in, line)) {
        const std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
        if (trimmed.rfind("resultsFile ", 0) == 0 && trimmed.find(files::SweepLayout::kContinuedResults) != std::string::npos)
            continue;
        out += line + "\n";
    }
    return out;
}

// What the continuation from `from` may write that a user or an earlier run may already have made:
// the function objects' output folders for that start time, and MPI rank folders. Paths relative
// to the case, those that exist now.
std::vector<std::string> existingOutputs(const std::string& caseDir, const std::string& from) {
    std::vector<std::string> found;
    std::error_code ec;
    for (const auto& object : fs::directory_iterator(fs::path(caseDir) / "postProcessing", ec))
        if (object.is_directory() && !object.is_symlink() && fs::exists(object.path() / from))
            found.push_back("postProcessing/" + object.path().filename().string() + "/" + from);
    for (const auto& entry : fs::directory_iterator(caseDir, ec))
        if (files::SweepLayout::isProcessorFolder(entry.path().filename().string()))
            found.push_back(entry.path().filename().string());
    return found;
}

}  // namespace

std::string CaseContinuation::whyNot(const std::string& caseDir) {
    const std::string resultsPath = caseDir + "/" + files::SweepLayout::kResults;
    if (!files::SweepLayout::hasFinishedResults(caseDir)) return "not finished";
    const files::CaseResult result = files::CaseResult::fromJson(common::JsonFile::read(resultsPath), resultsPath);
    if (result.converged) return "converged";
    bool transient = false;
    try {
        transient = files::CaseFile::read(caseDir + "/" + files::SweepLayout::kCaseFile).transient();
    } catch (const common::RunError& e) {
        return e.what();  // a case.json that cannot be read: nothing to continue it with
    }
    if (transient)
        return "transient: its forces are averaged up to its end time (set solver.end_time and run it again)";
    const std::string& stop = result.stop;
    if (stop != "end")
        return "stopped by " + (stop.empty() ? std::string("an unknown reason") : common::Printable::quote(stop)) +
               ", not at its end time: it would stop again at once";
    if (CaseRunner::latestSavedTime(caseDir).empty()) return "no saved time with runnerDrag's history to go on from";
    return "";
}

void CaseContinuation::recover(const std::string& caseDir) {
    const std::string journalPath = caseDir + "/" + kJournal;
    if (!fs::is_regular_file(fs::symlink_status(journalPath))) return;
    const auto journal = common::JsonFile::read(journalPath);
    if (!journal.contains("from") || !journal.at("from").is_string() || !journal.contains("control_dict") ||
        !journal.at("control_dict").is_string())
        throw common::RunError(common::ErrorSite::inFile(journalPath), "not a journal draft-cases wrote (from, control_dict)");
    const std::string from = journal.at("from").get<std::string>();
    const auto fromTime = common::TimeFolder::timeOf(from);
    if (!fromTime) throw common::RunError(common::ErrorSite::inFile(journalPath, "from", from), "not a solution time");
    std::set<std::string> before;  // outputs that were there before the continuation: not its to remove
    if (journal.contains("existing") && journal.at("existing").is_array())
        for (const auto& p : journal.at("existing"))
            if (p.is_string()) before.insert(p.get<std::string>());
    CaseRunner::stopStrays(caseDir);
    const std::string controlPath = caseDir + "/system/controlDict";
    if (committed(caseDir, *fromTime)) {
        CaseRunner::keepOnlyFinalTime(caseDir);
        writeText(controlPath, withoutSideResults(readText(controlPath)));
    } else {
        writeText(controlPath, journal.at("control_dict").get<std::string>());
        // What the continuation wrote: times after its start, MPI rank folders and the function
        // objects' output from its start (its force history), unless they were there before it.
        for (const auto& entry : fs::directory_iterator(caseDir)) {
            const std::string name = entry.path().filename().string();
            const auto t = common::TimeFolder::timeOf(name);
            if (entry.is_directory() && !entry.is_symlink() && t && *t > *fromTime && !sameTime(*t, *fromTime))
                fs::remove_all(entry.path());
            else if (files::SweepLayout::isProcessorFolder(name) && !before.count(name))
                fs::remove_all(entry.path());
        }
        for (const auto& made : existingOutputs(caseDir, from))
            if (made.rfind("postProcessing/", 0) == 0 && !before.count(made)) fs::remove_all(fs::path(caseDir) / made);
    }
    fs::remove(caseDir + "/" + files::SweepLayout::kContinuedResults);
    fs::remove(journalPath);  // last: until here a later run finds the journal and does this again
}

std::string CaseContinuation::raisedControlDict(const std::string& controlDict, long endTime, const std::string& origin) {
    std::istringstream in(controlDict);
    std::string out, line;
    bool end = false, interval = false, window = false, drag = false;
    const auto indentOf = [](const std::string& l) { return l.substr(0, l.find_first_not_of(' ')); };
    // A replaced entry is written by the dictionary builder at the depth of the line it replaces,
    // so it has the layout of the rest of the file.
    const auto entryLike = [&indentOf](const std::string& l, const std::string& key, long value) {
        const std::string text = meshes::FoamDictionary().entry(key, value).text(static_cast<int>(indentOf(l).size() / 4));
        return text.substr(0, text.size() - 1);  // without its line end
    };
    while (std::getline(in, line)) {
        const std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(' ')));
        // CaseWriter writes the top-level keys at the start of a line and runnerDrag's inside its entry.
        if (line.rfind("endTime ", 0) == 0) {
            line = entryLike(line, "endTime", endTime);
            end = true;
        } else if (line.rfind("writeInterval ", 0) == 0) {
            line = entryLike(line, "writeInterval", endTime);
            interval = true;
        } else if (trimmed.rfind("averagingWindow ", 0) == 0) {
            line = entryLike(line, "averagingWindow",
                             writer::RunnerDragDict::steadyAveragingWindow(static_cast<int>(std::min(endTime, 1000000000L))));
            window = true;
        } else if (trimmed.rfind("resultsFile ", 0) == 0) {
            continue;  // one of an earlier continuation: written again below
        }
        out += line + "\n";
        if (trimmed.rfind("type ", 0) == 0 && trimmed.find(" runnerDrag;") != std::string::npos) {
            const std::string text = meshes::FoamDictionary()
                                         .entry("resultsFile", files::SweepLayout::kContinuedResults)
                                         .text(static_cast<int>(indentOf(line).size() / 4));
            out += text;
            drag = true;
        }
    }
    const char* missing = !end ? "endTime" : !interval ? "writeInterval" : !window ? "averagingWindow" : !drag ? "runnerDrag" : nullptr;
    if (missing) throw common::RunError(origin + ": no " + missing + " entry: not a steady controlDict draft-cases wrote");
    return out;
}

CaseContinuation::Outcome CaseContinuation::run(const CaseRunner& runner, const std::string& caseDir, int iterations) {
    recover(caseDir);
    const std::string resultsPath = caseDir + "/" + files::SweepLayout::kResults;
    const files::CaseResult earlier = files::CaseResult::fromJson(common::JsonFile::read(resultsPath), resultsPath);
    files::CaseResult result;
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
        files::CaseResult::Continuation record;
        record.fromTime = start;
        record.iterationsBefore = earlier.iterations;
        record.convergedBefore = earlier.converged;
        record.stopBefore = earlier.stop;
        record.iterationsRequested = added;
        record.endTime = end;
        // The journal before the first change, so that a kill at any later point is undone.
        common::JsonFile::writeAtomic(caseDir + "/" + kJournal,
                              {{"from", from}, {"control_dict", control}, {"existing", existingOutputs(caseDir, from)}});
        writeText(controlPath, raised);
        result = runner.continueFrom(caseDir, from, record);
    } catch (const std::exception& e) {
        recover(caseDir);
        return {earlier, e.what()};
    }
    // Committed: only the final time stays; not: the case as it was. An error here is a run error,
    // and the journal stays for the next run to finish the work.
    recover(caseDir);
    if (!result.ok()) return {earlier, result.reason.empty() ? std::string("the continued run failed") : result.reason};
    return {result, ""};
}

}  // namespace drafting::cases::run
