#include "meshes/FormationMesh.hpp"

#include "meshes/FoamFile.hpp"
#include "meshes/SnappyDict.hpp"
#include "meshes/GeometryError.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace drafting::meshes {

namespace {
std::string point(double x, double y, double z) {
    return "(" + FoamFile::number(x) + ' ' + FoamFile::number(y) + ' ' + FoamFile::number(z) + ")";
}
}  // namespace

FormationMesh::FormationMesh(std::vector<Body> bodies, const RunnerBody& runner, MeshLevel level, Domain domain,
                             std::optional<LayerStack> layers)
    : bodies_(std::move(bodies)),
      runner_(runner),
      level_(level),
      domain_(domain),
      layers_(layers ? *layers : LayerStack::wallFunctions(level)) {
    if (bodies_.empty()) throw GeometryError("formation: no runners");
    const double h = backgroundCell();
    const double halfDepth = 0.5 * runner_.depth(), halfWidth = 0.5 * runner_.width();
    bodyXMin_ = bodyYMin_ = 1e300;
    bodyXMax_ = bodyYMax_ = -1e300;
    for (const auto& b : bodies_) {
        bodyXMin_ = std::min(bodyXMin_, b.x - halfDepth);
        bodyXMax_ = std::max(bodyXMax_, b.x + halfDepth);
        bodyYMin_ = std::min(bodyYMin_, b.y - halfWidth);
        bodyYMax_ = std::max(bodyYMax_, b.y + halfWidth);
    }
    // Snapped to whole background cells, so every level's box is made of cubes.
    // Snapped outwards: the air given is the least there is at every level.
    xMin_ = std::floor((bodyXMin_ - domain_.downstream) / h) * h;
    xMax_ = std::ceil((bodyXMax_ + domain_.upstream) / h) * h;
    yMin_ = std::floor((bodyYMin_ - domain_.side) / h) * h;
    yMax_ = std::ceil((bodyYMax_ + domain_.side) / h) * h;
    zMax_ = std::ceil((runner_.height() + domain_.lift + domain_.above) / h) * h;
}

double FormationMesh::blockage() const {
    // Lateral extents of the bodies, merged where they overlap: one frontal area per column.
    std::vector<std::pair<double, double>> spans;
    for (const auto& b : bodies_) spans.emplace_back(b.y - 0.5 * runner_.width(), b.y + 0.5 * runner_.width());
    std::sort(spans.begin(), spans.end());
    int columns = 0;
    double reach = -1e300;
    for (const auto& [lo, hi] : spans) {
        if (lo >= reach) ++columns;
        reach = std::max(reach, hi);
    }
    return columns * runner_.frontalArea() / ((yMax_ - yMin_) * zMax_);
}

int FormationMesh::bufferCellsAt(MeshLevel level) {
    return static_cast<int>(std::lround(kCoarseBufferCells * std::pow(MeshLevel::kRatio, level.index())));
}

double FormationMesh::surfaceCell() const { return backgroundCell() / std::pow(2.0, kCurvatureLevel); }

std::string FormationMesh::blockMeshDict() const {
    const double h = backgroundCell();
    const long nx = std::lround((xMax_ - xMin_) / h), ny = std::lround((yMax_ - yMin_) / h),
               nz = std::lround(zMax_ / h);
    std::ostringstream d;
    d << FoamFile::header("blockMeshDict", "dictionary", "system") << "scale 1;\n\n"
      << "// Background cubes of " << FoamFile::number(h) << " m; the ground is z = 0.\n"
      << "vertices\n(\n"
      << "    " << point(xMin_, yMin_, 0) << ' ' << point(xMax_, yMin_, 0) << ' ' << point(xMax_, yMax_, 0) << ' '
      << point(xMin_, yMax_, 0) << "\n"
      << "    " << point(xMin_, yMin_, zMax_) << ' ' << point(xMax_, yMin_, zMax_) << ' '
      << point(xMax_, yMax_, zMax_) << ' ' << point(xMin_, yMax_, zMax_) << "\n);\n\n"
      << "blocks\n(\n    hex (0 1 2 3 4 5 6 7) (" << nx << ' ' << ny << ' ' << nz << ") simpleGrading (1 1 1)\n);\n\n"
      << "boundary\n(\n"
      << "    inlet  { type patch; faces ((2 6 5 1)); }   // x = xMax: the air comes in\n"
      << "    outlet { type patch; faces ((0 4 7 3)); }   // x = xMin\n"
      << "    sides  { type patch; faces ((3 7 6 2) (1 5 4 0)); }\n"
      << "    top    { type patch; faces ((4 5 6 7)); }\n"
      << "    ground { type wall; faces ((0 3 2 1)); }     // moves with the air in the runner's frame\n"
      << ");\n";
    return d.str();
}

std::vector<std::string> FormationMesh::runnerNames() const {
    std::vector<std::string> names;
    for (const auto& b : bodies_) names.push_back(b.name);
    return names;
}

std::string FormationMesh::snappyHexMeshDict() const {
    const double h = backgroundCell();
    const double top = runner_.height() + domain_.lift, bottom = domain_.lift - 1;
    std::ostringstream d;
    d << FoamFile::header("snappyHexMeshDict", "dictionary", "system")
      << "castellatedMesh true;\nsnap            true;\naddLayers       true;\n\ngeometry\n{\n";
    d << SnappyDict::surfaces(runnerNames());
    // Near wake: every runner and 1.5 m behind the last; far wake: 4 m behind, wider and taller.
    d << "    nearWake\n    {\n        type searchableBox;\n"
      << "        min " << point(bodyXMin_ - kNearWake, bodyYMin_ - 0.25, bottom) << ";\n"
      << "        max " << point(bodyXMax_ + 0.3, bodyYMax_ + 0.25, top + 0.15) << ";\n    }\n"
      << "    farWake\n    {\n        type searchableBox;\n"
      << "        min " << point(bodyXMin_ - kFarWake, bodyYMin_ - 0.6, bottom) << ";\n"
      << "        max " << point(bodyXMax_ + 0.8, bodyYMax_ + 0.6, top + 0.5) << ";\n    }\n}\n\n";

    d << "castellatedMeshControls\n{\n"
      << "    maxLocalCells 20000000;\n    maxGlobalCells 40000000;\n    minRefinementCells 0;\n"
      << "    maxLoadUnbalance 0.1;\n    nCellsBetweenLevels " << bufferCellsAt(level_) << ";\n    features ();\n"
      << "    refinementSurfaces\n    {\n";
    d << SnappyDict::refinementSurfaces(runnerNames(), kSurfaceLevel, kCurvatureLevel);
    d << "    }\n    resolveFeatureAngle 30;\n    refinementRegions\n    {\n";
    for (const auto& b : bodies_)
        d << "        " << b.name << " { mode distance; levels ((" << FoamFile::number(kShellDistance) << ' '
          << kShellLevel << ")); }\n";
    d << "        nearWake { mode inside; levels ((1e15 " << kWakeLevel << ")); }\n"
      << "        farWake { mode inside; levels ((1e15 " << kFarWakeLevel << ")); }\n    }\n"
      << "    locationInMesh " << point(xMax_ - 0.37 * h, yMax_ - 0.41 * h, zMax_ - 0.43 * h) << ";\n"
      << "    allowFreeStandingZoneFaces false;\n}\n\n"
      << "snapControls\n{\n    nSmoothPatch 3;\n    tolerance 2.0;\n    nSolveIter 50;\n    nRelaxIter 5;\n"
      << "    nFeatureSnapIter 10;\n    implicitFeatureSnap true;\n    explicitFeatureSnap false;\n"
      << "    multiRegionFeatureSnap false;\n}\n\n"
      // A stack of fixed thickness split into more, thinner layers at each level: the first
      // cell and y+ shrink with the level as they would if the coarse layers were split.
      << "addLayersControls\n{\n    relativeSizes false;\n    layers\n    {\n";
    for (const auto& b : bodies_) d << "        " << b.name << " { nSurfaceLayers " << layers_.layers << "; }\n";
    d << "    }\n    thickness " << FoamFile::number(layers_.thickness) << ";\n    expansionRatio "
      << FoamFile::number(layers_.expansion) << ";\n    minThickness " << FoamFile::number(layers_.thickness / 8.0)
      // Wall-resolved layers get the relaxed checks from the first layer iteration: with them
      // only after 20, the layers were removed before the relaxed checks ever applied.
      << ";\n" << SnappyDict::layerGrowth(5, layers_.wallResolved ? 0 : 20)
      // checkMesh's own limits where they are stricter, so a snapped mesh passes draftCheckMesh.
      << SnappyDict::meshQuality(4, 75, layers_.wallResolved);
    return d.str();
}

void FormationMesh::write(const std::string& caseDir) const {
    const fs::path root(caseDir);
    for (const auto& b : bodies_)
        FoamFile::write(root / "constant" / "triSurface" / (b.name + ".stl"),
                        runner_.stl(b.name, b.x, b.y, domain_.lift > 0.0 ? domain_.lift : -kGroundSink));
    FoamFile::write(root / "system" / "blockMeshDict", blockMeshDict());
    FoamFile::write(root / "system" / "snappyHexMeshDict", snappyHexMeshDict());
}

}  // namespace drafting::meshes
