#include "cases/files/SweepLayout.hpp"

#include "cases/files/CaseResult.hpp"
#include "common/JsonFile.hpp"
#include "common/TimeFolder.hpp"

#include <algorithm>
#include <iterator>

namespace drafting::cases::files {

const std::vector<std::string>& SweepLayout::postOutputs() {
    static const std::vector<std::string> names = {
        "savings.csv", "savings.json", "bodies.csv",  "fit.json",    "pacing.csv",  "pacing.json",
        "race.json",   "report.html",  "savings.png", "savings.svg", "pacers.png",  "pacers.svg",
        "history.png", "history.svg",  "flow",
    };
    return names;
}

bool SweepLayout::isCaseEntry(const std::string& name, bool isDirectory) {
    static const std::vector<std::string> files = {kCaseFile, kCaseFoam,    kRunner, kAllrun,        kAllclean,
                                                   kResults,  kMeshCheck,   kTiming, kRunningPgid,   "PyFoamHistory",
                                                   kContinuedResults, kContinueJournal};
    static const std::vector<std::string> folders = {"0", "constant", "system", "postProcessing", "dynamicCode"};
    if (isDirectory) {
        if (std::find(folders.begin(), folders.end(), name) != folders.end()) return true;
        if (isProcessorFolder(name)) return true;
        return common::TimeFolder::timeOf(name).has_value();  // solution times: 100, 0.25, 1e-05
    }
    if (std::find(files.begin(), files.end(), name) != files.end()) return true;
    if (name.rfind("log.", 0) == 0) return true;
    // Temporaries of an atomic write that a killed process left behind.
    return name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0;
}

bool SweepLayout::isProcessorFolder(const std::string& name) {
    return name.size() > 9 && name.rfind("processor", 0) == 0 && name.find_first_not_of("0123456789", 9) == std::string::npos;
}

bool SweepLayout::isRunOutput(const std::filesystem::path& relative) {
    const auto first = relative.begin();
    if (first == relative.end()) return false;
    const std::string top = first->string();
    const std::string name = relative.filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) return true;
    if (std::next(first) == relative.end()) return isCaseEntry(top, false);
    if (top == "postProcessing" || top == "dynamicCode" || isProcessorFolder(top)) return true;
    if (top != "0" && common::TimeFolder::timeOf(top)) return true;  // a solution time
    const std::string path = relative.generic_string();
    return path.rfind("constant/polyMesh/", 0) == 0 || path.rfind("constant/extendedFeatureEdgeMesh/", 0) == 0 ||
           path == "system/decomposeParDict";
}

bool SweepLayout::isRunLink(const std::filesystem::path& relative, const std::filesystem::path& target) {
    const std::vector<std::string> parts(relative.begin(), relative.end());
    if (parts.size() != 3 || parts[2] != "uniform" || !isProcessorFolder(parts[0])) return false;
    const std::string& time = parts[1];
    return common::TimeFolder::timeOf(time) && target.generic_string() == "../../" + time + "/uniform";
}

bool SweepLayout::hasFinishedResults(const std::string& caseDir) {
    const std::string path = caseDir + "/" + kResults;
    if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path))) return false;
    nlohmann::json j;
    try {
        j = common::JsonFile::read(path);
    } catch (const std::exception&) {
        return false;  // unreadable: not a result
    }
    // A newer tool's finished result is one this version cannot read but must not run again (a
    // run clears the case first): the readers say why it cannot be reduced.
    if (solver::monitoring::SolverResults::isNewerSchema(j)) return j.value("status", nlohmann::json()) == "ok";
    try {
        return CaseResult::fromJson(j, path).ok();
    } catch (const std::exception&) {
        return false;  // damaged: not a result, run again
    }
}

}  // namespace drafting::cases::files
