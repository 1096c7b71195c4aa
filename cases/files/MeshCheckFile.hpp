#pragma once
#include <limits>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "cases/files/SweepLayout.hpp"

namespace drafting::cases::files {

/// The contract of a case's meshCheck.json, draftCheckMesh's verdict on the mesh the solver
/// sees (solver/draftCheckMesh, docs/results.md). Every reader goes through it: the runner's
/// checkpoint and failure reason, the cell count results.json and the convergence study report.
struct MeshCheckFile {
    static constexpr const char* kFileName = SweepLayout::kMeshCheck;

    bool ok = false;
    std::string failed;   // the checks that failed, comma-separated ("" when ok)
    long cells = -1;      // -1: not in the file
    long faces = -1;
    long points = -1;
    double maxNonOrthogonalityDeg = std::numeric_limits<double>::quiet_NaN();
    double maxSkewness = std::numeric_limits<double>::quiet_NaN();
    std::map<std::string, bool> checks;  // each check by name: passed

    /// Reads the verdict; throws common::RunError naming `origin`, the field and its value when `ok` is
    /// missing or a key has the wrong type. Absent counts and measures stay unknown.
    static MeshCheckFile fromJson(const nlohmann::json& json, const std::string& origin = kFileName);
    /// The file at `path` (common::JsonFile::read's errors when it cannot be read or is not JSON).
    static MeshCheckFile read(const std::string& path);
    /// As draftCheckMesh writes it; unknown counts and measures are null.
    nlohmann::json toJson() const;
};

}  // namespace drafting::cases::files
