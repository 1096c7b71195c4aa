#include "meshes/FormationMesh.hpp"

#include "meshes/FoamDictionary.hpp"
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
std::string point(double x, double y, double z) { return FoamDictionary::vector(x, y, z); }
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
    bodyXMin_ = bodyYMin_ = 1e300;
    bodyXMax_ = bodyYMax_ = -1e300;
    for (const auto& b : bodies_) {
        const double halfDepth = 0.5 * shapeOf(b).depth(), halfWidth = 0.5 * shapeOf(b).width();
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
    zMax_ = std::ceil((tallest() + domain_.lift + domain_.above) / h) * h;
}

double FormationMesh::tallest() const {
    double top = 0.0;
    for (const auto& b : bodies_) top = std::max(top, shapeOf(b).height());
    return top;
}

double FormationMesh::blockage() const {
    // Lateral extents of the bodies, merged where they overlap: one frontal area per column, the
    // largest of the runners in it.
    struct Span {
        double lo, hi, area;
    };
    std::vector<Span> spans;
    for (const auto& b : bodies_)
        spans.push_back({b.y - 0.5 * shapeOf(b).width(), b.y + 0.5 * shapeOf(b).width(), shapeOf(b).frontalArea()});
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.lo < b.lo; });
    double blocked = 0.0, column = 0.0, reach = -1e300;
    for (const auto& s : spans) {
        if (s.lo >= reach) {
            blocked += column;
            column = 0.0;
        }
        column = std::max(column, s.area);
        reach = std::max(reach, s.hi);
    }
    blocked += column;
    const bool ownShapes = std::any_of(bodies_.begin(), bodies_.end(), [](const Body& b) { return b.shape != nullptr; });
    if (!ownShapes) {
        // Identical runners: columns × area, to the last bit as before runners had shapes of their own.
        int columns = 0;
        reach = -1e300;
        for (const auto& s : spans) {
            if (s.lo >= reach) ++columns;
            reach = std::max(reach, s.hi);
        }
        blocked = columns * runner_.frontalArea();
    }
    return blocked / ((yMax_ - yMin_) * zMax_);
}

int FormationMesh::bufferCellsAt(MeshLevel level) {
    return static_cast<int>(std::lround(kCoarseBufferCells * std::pow(MeshLevel::kRatio, level.index())));
}

double FormationMesh::surfaceCell() const { return backgroundCell() / std::pow(2.0, kCurvatureLevel); }

std::string FormationMesh::blockMeshDict() const {
    const double h = backgroundCell();
    const long nx = std::lround((xMax_ - xMin_) / h), ny = std::lround((yMax_ - yMin_) / h),
               nz = std::lround(zMax_ / h);
    return FoamDictionary()
        .entry("scale", 1)
        .comment("Background cubes of " + FoamFile::number(h) + " m; the ground is z = 0.")
        .listEntry("vertices", {point(xMin_, yMin_, 0), point(xMax_, yMin_, 0), point(xMax_, yMax_, 0), point(xMin_, yMax_, 0),
                                point(xMin_, yMin_, zMax_), point(xMax_, yMin_, zMax_), point(xMax_, yMax_, zMax_), point(xMin_, yMax_, zMax_)})
        .listEntry("blocks", {"hex (0 1 2 3 4 5 6 7) (" + std::to_string(nx) + ' ' + std::to_string(ny) + ' ' + std::to_string(nz) +
                             ") simpleGrading (1 1 1)"})
        .entry("boundary", {{"inlet", SnappyDict::backgroundPatch("patch", "((2 6 5 1))", "x = xMax: the air comes in")},
                            {"outlet", SnappyDict::backgroundPatch("patch", "((0 4 7 3))", "x = xMin")},
                            {"sides", SnappyDict::backgroundPatch("patch", "((3 7 6 2) (1 5 4 0))")},
                            {"top", SnappyDict::backgroundPatch("patch", "((4 5 6 7))")},
                            {"ground", SnappyDict::backgroundPatch("wall", "((0 3 2 1))", "moves with the air in the runner's frame")}})
        .file("blockMeshDict", "system");
}

std::vector<std::string> FormationMesh::runnerNames() const {
    std::vector<std::string> names;
    for (const auto& b : bodies_) names.push_back(b.name);
    return names;
}

std::string FormationMesh::snappyHexMeshDict() const {
    const double h = backgroundCell();
    const double top = tallest() + domain_.lift, bottom = domain_.lift - 1;
    const auto box = [](const std::string& min, const std::string& max) {
        return FoamDictionary().entry("type", "searchableBox").entry("min", min).entry("max", max);
    };
    // Near wake: every runner and 1.5 m behind the last; far wake: 4 m behind, wider and taller.
    FoamDictionary geometry = SnappyDict::surfaces(runnerNames());
    // In a crosswind a wake drifts to the lee side by the slope times its length from the first
    // runner: the box reaches that much further on that side (-y for a wind from the left).
    const auto drift = [&](double behind) {
        const double d = domain_.wakeSlope * (bodyXMax_ - bodyXMin_ + behind);
        return std::pair<double, double>{std::max(0.0, d), std::max(0.0, -d)};  // more at -y, more at +y
    };
    const auto [nearMinus, nearPlus] = drift(kNearWake);
    const auto [farMinus, farPlus] = drift(kFarWake);
    geometry.entry("nearWake", box(point(bodyXMin_ - kNearWake, bodyYMin_ - 0.25 - nearMinus, bottom),
                                   point(bodyXMax_ + 0.3, bodyYMax_ + 0.25 + nearPlus, top + 0.15)))
        .entry("farWake", box(point(bodyXMin_ - kFarWake, bodyYMin_ - 0.6 - farMinus, bottom),
                              point(bodyXMax_ + 0.8, bodyYMax_ + 0.6 + farPlus, top + 0.5)));
    FoamDictionary regions;
    for (const auto& b : bodies_)
        regions.entry(b.name, FoamDictionary().entry("mode", "distance").entry(
                                  "levels", "((" + FoamFile::number(kShellDistance) + ' ' + std::to_string(kShellLevel) + "))"));
    regions.entry("nearWake", FoamDictionary().entry("mode", "inside").entry("levels", "((1e15 " + std::to_string(kWakeLevel) + "))"))
        .entry("farWake", FoamDictionary().entry("mode", "inside").entry("levels", "((1e15 " + std::to_string(kFarWakeLevel) + "))"));
    const FoamDictionary castellated =
        FoamDictionary()
            .entry("maxLocalCells", 20000000)
            .entry("maxGlobalCells", 40000000)
            .entry("minRefinementCells", 0)
            .entry("maxLoadUnbalance", 0.1)
            .entry("nCellsBetweenLevels", bufferCellsAt(level_))
            .entry("features", "()")
            .entry("refinementSurfaces", SnappyDict::refinementSurfaces(runnerNames(), kSurfaceLevel, kCurvatureLevel))
            .entry("resolveFeatureAngle", 30)
            .entry("refinementRegions", regions)
            .entry("locationInMesh", point(xMax_ - 0.37 * h, yMax_ - 0.41 * h, zMax_ - 0.43 * h))
            .entry("allowFreeStandingZoneFaces", "false");
    const FoamDictionary snap = FoamDictionary()
                                    .entry("nSmoothPatch", 3)
                                    .entry("tolerance", 2.0)
                                    .entry("nSolveIter", 50)
                                    .entry("nRelaxIter", 5)
                                    .entry("nFeatureSnapIter", 10)
                                    .entry("implicitFeatureSnap", "true")
                                    .entry("explicitFeatureSnap", "false")
                                    .entry("multiRegionFeatureSnap", "false");
    // A stack of fixed thickness split into more, thinner layers at each level: the first
    // cell and y+ shrink with the level as they would if the coarse layers were split.
    FoamDictionary layers;
    for (const auto& b : bodies_) layers.entry(b.name, FoamDictionary().entry("nSurfaceLayers", layers_.layers));
    FoamDictionary addLayers = FoamDictionary()
                                   .entry("relativeSizes", "false")
                                   .entry("layers", layers)
                                   .entry("thickness", layers_.thickness)
                                   .entry("expansionRatio", layers_.expansion)
                                   .entry("minThickness", layers_.thickness / 8.0);
    // Wall-resolved layers get the relaxed checks from the first layer iteration: with them
    // only after 20, the layers were removed before the relaxed checks ever applied.
    addLayers.merge(SnappyDict::layerGrowth(5, layers_.wallResolved ? 0 : 20));
    // checkMesh's own limits where they are stricter, so a snapped mesh passes draftCheckMesh.
    return SnappyDict::file(geometry, castellated, snap, addLayers, SnappyDict::meshQuality(4, 75, layers_.wallResolved));
}

void FormationMesh::write(const std::string& caseDir) const {
    const fs::path root(caseDir);
    for (const auto& b : bodies_)
        FoamFile::write(root / "constant" / "triSurface" / (b.name + ".stl"),
                        shapeOf(b).stl(b.name, b.x, b.y, domain_.lift > 0.0 ? domain_.lift : -kGroundSink));
    FoamFile::write(root / "system" / "blockMeshDict", blockMeshDict());
    FoamFile::write(root / "system" / "snappyHexMeshDict", snappyHexMeshDict());
}

}  // namespace drafting::meshes
