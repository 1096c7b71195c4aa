#pragma once
#include <map>
#include <string>

namespace drafting::cases::files {

/// Where the project's own programs and OpenFOAM live, found from the running executable
/// (build/bin/draft-cases → build/bin/draftFoam, build/lib/libdraftFunctionObjects.so).
class ToolPaths {
public:
    static ToolPaths discover();

    std::string binDir;   // draftFoam, draft-post
    std::string libDir;   // libdraftFunctionObjects.so
    std::string foamProjectDir;

    /// Program to run for an OpenFOAM application: our draftFoam from binDir, stock ones by name.
    std::string application(const std::string& name) const;

    /// Environment every OpenFOAM child needs (WM_PROJECT_DIR, LD_LIBRARY_PATH with libDir).
    std::map<std::string, std::string> foamEnvironment() const;
};

}  // namespace drafting::cases::files
