#pragma once
#include <string>
#include <vector>

#include "cases/files/CaseFile.hpp"
#include "cases/files/ToolPaths.hpp"

namespace drafting::cases::writer {

/// A case folder's Allrun and Allclean, as OpenFOAM's tutorials have them: Allrun runs the steps of
/// case.json one after the other with the tools of the build that generated the case (serially,
/// each into log.STEP, stopping at the first that fails); Allclean removes what a run made, the
/// same entries `draft-cases run` clears before it starts (CaseRunner::clearRunArtefacts), and
/// nothing the case writer wrote. draft-cases itself never runs them.
class CaseScripts {
public:
    /// `steps`: case.json's steps (CaseFile), as the case writers make them.
    static std::string allrun(const std::vector<files::CaseFile::Step>& steps, const files::ToolPaths& tools);
    static std::string allclean(const files::ToolPaths& tools);

    /// Writes both into `caseDir`, executable.
    static void write(const std::string& caseDir, const std::vector<files::CaseFile::Step>& steps, const files::ToolPaths& tools);
};

}  // namespace drafting::cases::writer
