#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "meshes/FormationDomain.hpp"
#include "meshes/LayerStack.hpp"
#include "meshes/MeshLevel.hpp"
#include "meshes/RunnerBody.hpp"

namespace drafting::meshes {

/// The 3D mesh of a formation: a blockMesh box over moving ground, snappyHexMesh around one
/// runner surface per body (its own STL solid and wall patch, all in the group "runners"),
/// surface refinement with a curvature level for the limbs, a refined shell around each body,
/// two nested wake boxes reaching well behind the last runner, and prism layers for wall
/// functions.
///
/// The levels approximate a uniform refinement of the coarse mesh by MeshLevel::kRatio per
/// level: every region is fixed in space (the box, the shell around each body, the wake boxes,
/// the thickness of the prism-layer stack) while every size counted in cells follows the level:
/// the background cell shrinks by the ratio, and the buffer between refinement levels and the
/// number of prism layers grow by it (bufferCellsAt, LayerStack::wallFunctions). So the layer
/// stack's first cell, and with it y+, shrinks level by level as it would if each coarse cell were
/// split. A wall-resolved stack (LayerStack::lowRe) is the same at every level.
class FormationMesh {
public:
    struct Body {
        std::string name;  // patch name, safe (letters, digits, _-.)
        double x = 0.0;    // bounding-box centre [m]
        double y = 0.0;
        /// The runner's own body (a pacer of another size); none: the formation's runner.
        std::shared_ptr<const RunnerBody> shape = nullptr;
    };

    using Domain = FormationDomain;

    /// `runner` is every body's shape but those that bring their own; `layers` defaults to
    /// LayerStack::wallFunctions(level).
    FormationMesh(std::vector<Body> bodies, const RunnerBody& runner, MeshLevel level, Domain domain = {},
                  std::optional<LayerStack> layers = std::nullopt);

    /// Writes constant/triSurface/<body>.stl and system/{blockMesh,snappyHexMesh}Dict.
    void write(const std::string& caseDir) const;

    double backgroundCell() const { return kCoarseCell * level_.cellScale(); }
    /// Finest surface cell [m] (curvature level).
    double surfaceCell() const;

    double xMin() const { return xMin_; }
    double xMax() const { return xMax_; }
    double yMin() const { return yMin_; }
    double yMax() const { return yMax_; }
    double zMax() const { return zMax_; }
    const Domain& domain() const { return domain_; }

    /// Blocked fraction of the box's cross-section: each column of runners (bodies whose lateral
    /// extents overlap) blocks the frontal area of its largest runner, an upper bound where
    /// columns only partly overlap.
    double blockage() const;

    const LayerStack& layers() const { return layers_; }

    /// Cells between two refinement levels: kCoarseBufferCells × ratio^index, rounded.
    static int bufferCellsAt(MeshLevel level);

    static constexpr double kCoarseCell = 0.25;   // m, background cell at the coarse level
    /// The feet are sunk this far into the ground: a body tangent to the ground would leave
    /// cells of zero thickness under the stance foot.
    static constexpr double kGroundSink = 0.015;  // m
    static constexpr int kSurfaceLevel = 3;       // everywhere on a body
    static constexpr int kCurvatureLevel = 4;     // where the surface turns by > 30° per cell
    static constexpr int kShellLevel = 3;         // within kShellDistance of a body
    static constexpr double kShellDistance = 0.08;
    static constexpr int kWakeLevel = 2;          // near wake box
    static constexpr int kFarWakeLevel = 1;       // far wake box
    static constexpr double kNearWake = 1.5;      // m behind the last runner
    static constexpr double kFarWake = 4.0;
    static constexpr int kCoarseBufferCells = 3;

private:
    std::string blockMeshDict() const;
    std::string snappyHexMeshDict() const;
    std::vector<std::string> runnerNames() const;
    const RunnerBody& shapeOf(const Body& b) const { return b.shape ? *b.shape : runner_; }
    /// The tallest runner's height [m].
    double tallest() const;

    std::vector<Body> bodies_;
    const RunnerBody& runner_;
    MeshLevel level_;
    Domain domain_;
    LayerStack layers_;
    double xMin_ = 0, xMax_ = 0, yMin_ = 0, yMax_ = 0, zMax_ = 0;
    double bodyXMin_ = 0, bodyXMax_ = 0, bodyYMin_ = 0, bodyYMax_ = 0;
};

}  // namespace drafting::meshes
