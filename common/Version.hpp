#pragma once
#include <string>

// Generated in the build tree at every build (cmake/BuildInfo.cmake); DRAFTING_VERSION and
// DRAFTING_OPENFOAM_VERSION come from CMakeLists.txt (drafting_version_info).
#include "common/GitCommit.hpp"

#if !defined(DRAFTING_VERSION) || !defined(DRAFTING_OPENFOAM_VERSION) || !defined(DRAFTING_GIT_COMMIT)
#error "common/Version.hpp needs the build's definitions (CMakeLists.txt, drafting_version_info)"
#endif

namespace drafting::common {

/// What a tool is: `TOOL VERSION (git COMMIT, OpenFOAM V)`, the line --version prints. COMMIT is
/// `git describe --dirty` of the source tree at build time ("unknown" outside git).
inline std::string versionLine(const std::string& tool) {
    return tool + " " + DRAFTING_VERSION + " (git " + DRAFTING_GIT_COMMIT + ", OpenFOAM " + DRAFTING_OPENFOAM_VERSION +
           ")";
}

}  // namespace drafting::common
