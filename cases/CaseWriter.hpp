#pragma once
#include <string>

#include "cases/SweepConfig.hpp"
#include "cases/SweepPlan.hpp"

namespace drafting::cases {

/// Writes one OpenFOAM case for a CaseSpec: mesh dictionaries (meshes::SectionMesh), initial
/// and boundary fields in the runner's frame, solver settings with the runnerDrag function
/// object, a ParaView marker, and case.json listing the steps CaseRunner executes.
///
/// Only numbers and names checked by SafeName reach the dictionaries.
class CaseWriter {
public:
    static void write(const SweepConfig& config, const CaseSpec& spec, const std::string& caseDir,
                      const std::string& fingerprint);

    /// Bumped whenever the generated files change meaning, so finished cases are re-run.
    static constexpr const char* kTemplateVersion = "2d-4";

    /// Dynamic viscosity of air at 25 °C [Pa s]; ν = μ / ρ follows the config's density.
    static constexpr double kAirViscosity = 1.84e-5;
};

}  // namespace drafting::cases
