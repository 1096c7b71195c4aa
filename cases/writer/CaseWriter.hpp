#pragma once
#include <string>

#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"

namespace drafting::cases::writer {

/// Writes one OpenFOAM case for a CaseSpec: mesh dictionaries (meshes::SectionMesh in 2D,
/// meshes::FormationMesh and the runner surfaces in 3D, with runner.json), initial
/// and boundary fields in the runner's frame, solver settings with the runnerDrag function
/// object, a ParaView marker, and case.json listing the steps CaseRunner executes.
///
/// Only numbers and names checked by common::SafeName reach the dictionaries.
class CaseWriter {
public:
    static void write(const config::SweepConfig& config, const config::CaseSpec& spec, const std::string& caseDir,
                      const std::string& fingerprint);

    /// Bumped whenever the generated files change meaning, so finished cases are re-run.
    /// 5: converged needs residuals and each runner's own mean drag settled; the settled stop's
    /// absolute allowance is 2 % of its relative one (validation.md, "Iterative convergence").
    /// 6: 3D levels approximate a uniform refinement (layers and buffer cells grow with the
    /// level, the layer stack keeps its thickness); inflow from the eddy-viscosity ratio.
    static constexpr const char* kTemplateVersion = "6";

    /// Relative drift of each runner's mean drag allowed in a converged case when the settled
    /// stop is off (solver.settled_tolerance = 0): 0.5 % of its own drag.
    static constexpr double kConvergenceTolerance = 0.005;

    /// Wall-clock seconds between the solver's checkpoints (runnerDrag checkpointInterval): a
    /// killed or time-limited run continues from its last one and loses at most this much.
    /// Not a setting of the case's physics, so not in its fingerprint or template version.
    static constexpr double kCheckpointSeconds = 600;
};

}  // namespace drafting::cases::writer
