#include "cases/writer/CaseScripts.hpp"

#include "common/Error.hpp"
#include "cases/files/MeshCheckFile.hpp"
#include "common/ShellWord.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/AtomicFile.hpp"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::cases::writer {

std::string CaseScripts::allrun(const std::vector<files::CaseFile::Step>& steps, const files::ToolPaths& tools) {
    std::string s =
        "#!/bin/sh\n"
        "# Allrun, written by draft-cases: this case's steps (case.json \"steps\") one after the other,\n"
        "# serially, each into log.STEP. `draft-cases run` runs the same steps and also retries, keeps\n"
        "# checkpoints, runs on MPI ranks and completes results.json with the case's parameters.\n"
        "# With another build of the tools: DRAFTING_BIN=/path/to/build/bin ./Allrun\n"
        "# Start again from the generated case: ./Allclean\n"
        "cd \"$(dirname \"$0\")\" || exit 1\n"
        // Unquoted assignments: the single quotes of a common::ShellWord keep their meaning (inside double
        // quotes they would be literal characters and a $(...) in the path would run).
        "bin=${DRAFTING_BIN:-" +
        common::ShellWord::quote(tools.binDir) +
        "}\n"
        "WM_PROJECT_DIR=${WM_PROJECT_DIR:-" +
        common::ShellWord::quote(tools.foamProjectDir) +
        "}\n"
        "export WM_PROJECT_DIR\n"
        "# runnerDrag's library (controlDict: libs (\"libdraftFunctionObjects.so\")), also for a stock solver\n"
        "export LD_LIBRARY_PATH=\"$bin/../lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}\"\n"
        "step() {\n"
        "    name=$1\n"
        "    shift\n"
        "    echo \"Running $name\"\n"
        "    \"$@\" > \"log.$name\" 2>&1 || { echo \"Allrun: $name failed (see log.$name)\" >&2; exit 1; }\n"
        "}\n";
    for (const auto& step : steps) {
        if (step.isRemoval()) {
            s += "rm -rf";
            for (const auto& entry : step.remove) s += " " + common::ShellWord::quote("./" + entry);
            s += "\n";
            continue;
        }
        const std::vector<std::string>& argv = step.argv;
        const std::string& name = step.name;
        // The project's own programs come from the build ($bin, so DRAFTING_BIN can move it);
        // OpenFOAM's from the PATH, as in any tutorial.
        const bool own = fs::exists(fs::path(tools.binDir) / argv.front());
        s += "step " + common::ShellWord::quote(name) + " " + (own ? "\"$bin\"/" : "") + common::ShellWord::quote(argv.front());
        for (std::size_t i = 1; i < argv.size(); ++i) s += " " + common::ShellWord::quote(argv[i]);
        s += "\n";
    }
    return s;
}

std::string CaseScripts::allclean(const files::ToolPaths& tools) {
    // The entries CaseRunner::clearRunArtefacts clears before a run, and no others.
    const std::string results = std::string("./") + files::SweepLayout::kResults;
    std::string s =
        "#!/bin/sh\n"
        "# Allclean, written by draft-cases: removes what a run of this case made, the entries\n"
        "# `draft-cases run` clears before it starts: the mesh (constant/polyMesh), solution times other\n"
        "# than 0, MPI rank folders, postProcessing, log.* files and the run's results. What draft-cases\n"
        "# wrote (case.json \"files\") stays.\n"
        "cd \"$(dirname \"$0\")\" || exit 1\n"
        "WM_PROJECT_DIR=${WM_PROJECT_DIR:-" +
        common::ShellWord::quote(tools.foamProjectDir) +
        "}\n"
        "export WM_PROJECT_DIR\n"
        "command -v foamListTimes > /dev/null || { echo \"Allclean: foamListTimes not found (OpenFOAM on the PATH?)\" >&2; exit 1; }\n"
        "foamListTimes -rm > /dev/null || exit 1  # OpenFOAM's rule for a time folder; 0 stays\n"
        "for d in ./processor[0-9]*; do  # an MPI rank's folder: processor and digits only\n"
        "    case ${d#./processor} in *[!0-9]*) ;; *) rm -rf \"$d\" ;; esac\n"
        "done\n"
        "[ -L constant ] || rm -rf ./constant/polyMesh  # never through a linked constant/\n"
        "rm -rf ./postProcessing\n"
        "for f in ./log.*; do [ -f \"$f\" ] && [ ! -L \"$f\" ] && rm -f \"$f\"; done\n"
        "rm -f " + results + ".tmp " + results + ".????????????????.tmp";
    for (const char* file : {files::SweepLayout::kResults, files::SweepLayout::kContinuedResults, files::SweepLayout::kContinueJournal,
                             files::SweepLayout::kMeshCheck, files::SweepLayout::kTiming})
        s += std::string(" ./") + file;
    return s + "\n";
}

void CaseScripts::write(const std::string& caseDir, const std::vector<files::CaseFile::Step>& steps, const files::ToolPaths& tools) {
    try {
        common::AtomicFile::write((fs::path(caseDir) / files::SweepLayout::kAllrun).string(), allrun(steps, tools), 0755);
        common::AtomicFile::write((fs::path(caseDir) / files::SweepLayout::kAllclean).string(), allclean(tools), 0755);
    } catch (const std::system_error& e) {
        throw common::RunError(e.what());
    }
}

}  // namespace drafting::cases::writer
