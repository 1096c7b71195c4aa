#include "cases/files/ToolPaths.hpp"

#include <cstdlib>
#include <filesystem>

// The OpenFOAM installation found at configure time (cmake/FindOpenFOAM.cmake); a guessed one
// would run the tools against another version without a word.
#ifndef DRAFTING_OPENFOAM_PROJECT_DIR
#error "DRAFTING_OPENFOAM_PROJECT_DIR must be defined by CMake (target draftingCasesFiles)"
#endif

namespace fs = std::filesystem;

namespace drafting::cases::files {

ToolPaths ToolPaths::discover() {
    ToolPaths t;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path bin = ec ? fs::current_path() : exe.parent_path();
    t.binDir = bin.string();
    t.libDir = (bin.parent_path() / "lib").string();
    const char* env = std::getenv("WM_PROJECT_DIR");
    t.foamProjectDir = (env != nullptr && *env != '\0') ? env : DRAFTING_OPENFOAM_PROJECT_DIR;
    return t;
}

std::string ToolPaths::application(const std::string& name) const {
    const fs::path own = fs::path(binDir) / name;
    if (fs::exists(own)) return own.string();
    return name;
}

std::map<std::string, std::string> ToolPaths::foamEnvironment() const {
    std::string ld = libDir;
    if (const char* old = std::getenv("LD_LIBRARY_PATH"); old != nullptr && *old != '\0') ld += ":" + std::string(old);
    return {{"WM_PROJECT_DIR", foamProjectDir}, {"LD_LIBRARY_PATH", ld}};
}

}  // namespace drafting::cases::files
