#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/ToolPaths.hpp"

namespace drafting::cases {

/// The reference flows draftFoam and runnerDrag are validated on (cases/reference/NAME):
///   st-2d1            Schäfer–Turek 2D-1, steady laminar channel flow past a cylinder, Re 20
///   cylinder-re100    unconfined cylinder, Re 100, periodic shedding (transient)
///   tandem-cylinders  two cylinders at Re 100, centre spacing 2 D and 5 D (transient)
/// Meshes are blockMesh O-grids around each cylinder inside a block layout; every case runs
/// runnerDrag and OpenFOAM's stock forces (named stockForces) on the same patches.
class ReferenceCase {
public:
    static const std::vector<std::string>& names();

    /// Writes, runs and checks reference NAME in DIR: DIR/results.json holds the bodies (for a
    /// one-case reference) or one entry per sub-case, the checks against
    /// cases/reference/NAME/expected.json, and the runnerDrag/stock-forces agreement.
    /// Returns that JSON; "pass" says whether every check held.
    static nlohmann::json run(const std::string& name, const std::string& dir, const ToolPaths& tools, int jobs);

    /// Folder holding NAME/expected.json (DRAFTING_REFERENCE_DIR overrides the source tree).
    static std::string referenceDir();
};

}  // namespace drafting::cases
