#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/files/ToolPaths.hpp"

namespace drafting::cases::reference {

/// The reference flows draftFoam and runnerDrag are validated on (cases/reference/NAME):
///   st-2d1            Schäfer–Turek 2D-1, steady laminar channel flow past a cylinder, Re 20
///   cylinder-re100    unconfined cylinder, Re 100, periodic shedding (transient)
///   tandem-cylinders  two cylinders at Re 100, centre spacing 2 D and 5 D (transient)
///   sphere-re1e5      3D: a free-standing sphere at Re 1e5 (subcritical), steady SST
///   sphere-re5e6      3D: the same sphere at Re 5e6 (transcritical: turbulent before it separates)
///   ahmed-25          3D: the Ahmed body, 25 deg slant, Re 2.78e6, over a stationary floor
///   plate-normal      3D: a square flat plate normal to the flow, Re 2e5, sharp-edged separation
///   suboff-bare-hull  3D: the DARPA SUBOFF bare hull, Re 1.2e7 on its length, drag mostly friction
/// The 2D meshes are blockMesh O-grids around each cylinder inside a block layout; the 3D bodies
/// are meshed and solved by the runners' own pipeline (CaseWriter, FormationMesh). Every case runs
/// runnerDrag and OpenFOAM's stock forces (named stockForces) on the same patches.
class ReferenceCase {
public:
    /// A 3D reference's box where it differs from the reference's own (a domain-sensitivity run):
    /// the config keys mesh.upstream, mesh.downstream, mesh.side and mesh.above, checked as
    /// SweepConfig checks them. Unset: the reference's own.
    struct Box {
        std::optional<double> upstream, downstream, side, above;
        bool empty() const { return !upstream && !downstream && !side && !above; }
    };

    static const std::vector<std::string>& names();
    /// 2 or 3.
    static int dimension(const std::string& name);
    /// One line per reference: name, "2D" or "3D", and the title from its expected.json.
    static std::string listing();
    /// Throws common::InputError naming NAME and the valid names unless NAME is a reference.
    static void checkName(const std::string& name);

    /// Writes, runs and checks reference NAME in DIR: DIR/results.json holds the bodies (for a
    /// one-case reference) or one entry per sub-case, the checks against
    /// cases/reference/NAME/expected.json, and the runnerDrag/stock-forces agreement.
    /// Returns that JSON; "pass" says whether every check held.
    /// `level` (mesh.level) and `box` apply to the 3D references only; the 2D ones take "coarse"
    /// and their own box (their meshes are fixed) and refuse anything else.
    static nlohmann::json run(const std::string& name, const std::string& dir, const files::ToolPaths& tools, int jobs,
                              const std::string& level = "coarse", const Box& box = {});

    /// Folder holding NAME/expected.json (DRAFTING_REFERENCE_DIR overrides the source tree).
    static std::string referenceDir();

    /// Reynolds numbers of the sphere on its diameter: subcritical (laminar separation, which
    /// fully turbulent SST cannot represent) and transcritical (turbulent before separation, as
    /// the model assumes); and the icosphere's subdivisions (20 × 4^5 = 20 480 triangles, edges
    /// about 2 cm: below the coarsest surface cell).
    static constexpr double kSphereReynolds = 1e5;
    static constexpr double kSphereTranscriticalReynolds = 5e6;
    static constexpr int kSphereSubdivisions = 5;

    /// Reynolds number of the Ahmed body on its length: Lienhart & Becker's (2003) 40 m/s over
    /// 1.044 m; with the runners' air it is 41.5 m/s.
    static constexpr double kAhmedReynolds = 2.78e6;

    /// Reynolds number of the flat plate on its side: well above the 1e4 from which a sharp-edged
    /// plate's drag no longer depends on it.
    static constexpr double kPlateReynolds = 2e5;

    /// Reynolds number of the SUBOFF bare hull on its length: the towing tank's 3.046 m/s over
    /// 4.356 m (Liu & Huang 1998); with the runners' air it is 42.96 m/s (Mach 0.13).
    static constexpr double kSuboffReynolds = 1.2e7;
};

}  // namespace drafting::cases::reference
