#pragma once
#include <string>
#include <vector>

#include "meshes/MeshLevel.hpp"

namespace drafting::meshes {

/// The 2D mesh of a formation: each runner is an elliptical horizontal section. Meshed the
/// standard "2D snappyHexMesh" way: a one-cell slab from blockMesh, snappyHexMesh around the
/// extruded ellipses (one STL solid and one wall patch per runner, all in the group
/// "runners"), then extrudeMesh re-extrudes the z = 0 face mesh into one cell of the
/// athlete's height, so forces are those of a body of the athlete's height.
class SectionMesh {
public:
    struct Body {
        std::string name;  // patch name, safe (letters, digits, _-.)
        double x = 0.0;    // centre [m]
        double y = 0.0;
        /// The runner's own section (a pacer of another size) [m]; 0: the formation's.
        double halfDepth = 0.0, halfWidth = 0.0;
    };

    /// Background cell = kCoarseCell × level.cellScale(). `halfDepth` and `halfWidth` are every
    /// section's but those that bring their own; `span` is the one extrusion height of the slab.
    /// `wakeSlope`: how far the wakes drift sideways per metre downstream in a crosswind (dy/dx,
    /// as FormationDomain::wakeSlope); the wake box reaches that much further to the lee side.
    SectionMesh(std::vector<Body> bodies, double halfDepth, double halfWidth, double span, MeshLevel level,
                double wakeSlope = 0.0);

    /// Writes constant/triSurface/*.stl and system/{blockMesh,snappyHexMesh,extrudeMesh,
    /// changeDictionary}Dict into `caseDir`.
    void write(const std::string& caseDir) const;

    /// Background (level-0) cell size [m].
    double backgroundCell() const;

    /// Domain bounds [m] (snapped to the background cell).
    double xMin() const { return xMin_; }
    double xMax() const { return xMax_; }
    double yMin() const { return yMin_; }
    double yMax() const { return yMax_; }

    static constexpr double kCoarseCell = 0.25;  // m
    static constexpr double kUpstream = 4.0;     // m before the first runner
    static constexpr double kDownstream = 8.0;   // m behind the last runner
    static constexpr double kSide = 4.0;         // m beside the outermost runners
    static constexpr int kSurfaceLevel = 4;
    static constexpr int kWakeLevel = 2;
    static constexpr int kLayers = 2;
    static constexpr int kSegments = 96;         // STL polygon per ellipse

private:
    std::string stl(const Body& body) const;
    std::string blockMeshDict() const;
    std::string snappyHexMeshDict() const;
    std::string extrudeMeshDict() const;
    std::string changeDictionaryDict() const;
    std::vector<std::string> runnerNames() const;

    std::vector<Body> bodies_;
    double halfDepth_, halfWidth_, span_;
    double wakeSlope_ = 0.0;
    MeshLevel level_;
    double xMin_ = 0, xMax_ = 0, yMin_ = 0, yMax_ = 0;
    double bodyXMin_ = 0, bodyXMax_ = 0, bodyYMin_ = 0, bodyYMax_ = 0;  // the bodies' centres
};

}  // namespace drafting::meshes
