#include "meshes/SectionMesh.hpp"

#include "meshes/FoamDictionary.hpp"
#include "meshes/FoamFile.hpp"
#include "meshes/SnappyDict.hpp"
#include "meshes/GeometryError.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace drafting::meshes {

SectionMesh::SectionMesh(std::vector<Body> bodies, double halfDepth, double halfWidth, double span, MeshLevel level,
                         double wakeSlope)
    : bodies_(std::move(bodies)), halfDepth_(halfDepth), halfWidth_(halfWidth), span_(span), wakeSlope_(wakeSlope), level_(level) {
    if (bodies_.empty()) throw GeometryError("formation: no runners");
    const double h = backgroundCell();
    bodyXMin_ = bodyXMax_ = bodies_[0].x;
    bodyYMin_ = bodyYMax_ = bodies_[0].y;
    for (const auto& b : bodies_) {
        bodyXMin_ = std::min(bodyXMin_, b.x);
        bodyXMax_ = std::max(bodyXMax_, b.x);
        bodyYMin_ = std::min(bodyYMin_, b.y);
        bodyYMax_ = std::max(bodyYMax_, b.y);
    }
    xMin_ = std::floor((bodyXMin_ - kDownstream) / h) * h;
    xMax_ = std::ceil((bodyXMax_ + kUpstream) / h) * h;
    yMin_ = std::floor((bodyYMin_ - kSide) / h) * h;
    yMax_ = std::ceil((bodyYMax_ + kSide) / h) * h;
}

double SectionMesh::backgroundCell() const {
    return kCoarseCell * level_.cellScale();
}

std::string SectionMesh::stl(const Body& b) const {
    // A closed prism: side wall plus both caps, normals pointing out, reaching past the slab
    // (z from -h to 2h) so snappyHexMesh sees a clean cut through the one-cell slab.
    const double h = backgroundCell();
    const double zlo = -h, zhi = 2.0 * h;
    std::ostringstream out;
    out << "solid " << b.name << '\n';
    auto facet = [&out](const double* p, const double* q, const double* r) {
        const double u[3] = {q[0] - p[0], q[1] - p[1], q[2] - p[2]};
        const double v[3] = {r[0] - p[0], r[1] - p[1], r[2] - p[2]};
        double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        for (double& c : n) c /= (len > 0 ? len : 1.0);
        out << "  facet normal " << FoamFile::number(n[0]) << ' ' << FoamFile::number(n[1]) << ' ' << FoamFile::number(n[2]) << "\n    outer loop\n";
        for (const double* pt : {p, q, r}) out << "      vertex " << FoamFile::number(pt[0]) << ' ' << FoamFile::number(pt[1]) << ' ' << FoamFile::number(pt[2]) << '\n';
        out << "    endloop\n  endfacet\n";
    };
    const double halfDepth = b.halfDepth > 0.0 ? b.halfDepth : halfDepth_;
    const double halfWidth = b.halfWidth > 0.0 ? b.halfWidth : halfWidth_;
    for (int i = 0; i < kSegments; ++i) {
        const double a0 = 2.0 * M_PI * i / kSegments, a1 = 2.0 * M_PI * (i + 1) / kSegments;
        const double x0 = b.x + halfDepth * std::cos(a0), y0 = b.y + halfWidth * std::sin(a0);
        const double x1 = b.x + halfDepth * std::cos(a1), y1 = b.y + halfWidth * std::sin(a1);
        const double p00[3] = {x0, y0, zlo}, p10[3] = {x1, y1, zlo}, p01[3] = {x0, y0, zhi}, p11[3] = {x1, y1, zhi};
        const double cLo[3] = {b.x, b.y, zlo}, cHi[3] = {b.x, b.y, zhi};
        facet(p00, p10, p11);
        facet(p00, p11, p01);
        facet(cLo, p10, p00);
        facet(cHi, p01, p11);
    }
    out << "endsolid " << b.name << '\n';
    return out.str();
}

std::string SectionMesh::blockMeshDict() const {
    const double h = backgroundCell();
    const long nx = std::lround((xMax_ - xMin_) / h), ny = std::lround((yMax_ - yMin_) / h);
    const auto point = &FoamDictionary::vector;
    return FoamDictionary()
        .entry("scale", 1)
        .comment("One cubic cell thick in z: snappyHexMesh refines it, extrudeMesh then makes it 2D.")
        .listEntry("vertices", {point(xMin_, yMin_, 0), point(xMax_, yMin_, 0), point(xMax_, yMax_, 0), point(xMin_, yMax_, 0),
                                point(xMin_, yMin_, h), point(xMax_, yMin_, h), point(xMax_, yMax_, h), point(xMin_, yMax_, h)})
        .listEntry("blocks", {"hex (0 1 2 3 4 5 6 7) (" + std::to_string(nx) + ' ' + std::to_string(ny) + " 1) simpleGrading (1 1 1)"})
        .entry("boundary", {{"inlet", SnappyDict::backgroundPatch("patch", "((2 6 5 1))", "x = xMax: the air comes in")},
                            {"outlet", SnappyDict::backgroundPatch("patch", "((0 4 7 3))", "x = xMin")},
                            {"sides", SnappyDict::backgroundPatch("patch", "((3 7 6 2) (1 5 4 0))")},
                            {"back", SnappyDict::backgroundPatch("symmetryPlane", "((0 3 2 1))", "z = 0, extruded later")},
                            {"front", SnappyDict::backgroundPatch("symmetryPlane", "((4 5 6 7))")}})
        .file("blockMeshDict", "system");
}

std::vector<std::string> SectionMesh::runnerNames() const {
    std::vector<std::string> names;
    for (const auto& b : bodies_) names.push_back(b.name);
    return names;
}

std::string SectionMesh::snappyHexMeshDict() const {
    const double h = backgroundCell();
    const double xlo = bodyXMin_, xhi = bodyXMax_, ylo = bodyYMin_, yhi = bodyYMax_;
    FoamDictionary geometry = SnappyDict::surfaces(runnerNames());
    // In a crosswind the wakes drift to the lee side over the box's length (-y for a wind from the left).
    const double drift = wakeSlope_ * (xhi - xlo + 3.0);
    geometry.entry("wake", FoamDictionary()
                               .entry("type", "searchableBox")
                               .entry("min", FoamDictionary::vector(xlo - 3.0, ylo - 0.6 - std::max(0.0, drift), -1))
                               .entry("max", FoamDictionary::vector(xhi + 0.6, yhi + 0.6 + std::max(0.0, -drift), 1)));
    // Graded refinement around each body: 0.06 m at the surface level, then one level less.
    const double near = 0.24 * kCoarseCell, far = 1.0 * kCoarseCell;
    FoamDictionary regions;
    for (const auto& b : bodies_)
        regions.entry(b.name, FoamDictionary().entry("mode", "distance").entry(
                                  "levels", "((" + FoamFile::number(near) + ' ' + std::to_string(kSurfaceLevel) + ") (" +
                                                FoamFile::number(far) + ' ' + std::to_string(kSurfaceLevel - 1) + "))"));
    regions.entry("wake", FoamDictionary().entry("mode", "inside").entry("levels", "((1e15 " + std::to_string(kWakeLevel) + "))"));
    const FoamDictionary castellated =
        FoamDictionary()
            .entry("maxLocalCells", 1000000)
            .entry("maxGlobalCells", 2000000)
            .entry("minRefinementCells", 0)
            .entry("maxLoadUnbalance", 0.1)
            .entry("nCellsBetweenLevels", 2)
            .entry("features", "()")
            .entry("refinementSurfaces", SnappyDict::refinementSurfaces(runnerNames(), kSurfaceLevel, kSurfaceLevel))
            .entry("resolveFeatureAngle", 30)
            .entry("refinementRegions", regions)
            .entry("locationInMesh", FoamDictionary::vector(xMax_ - 0.37 * h, yMax_ - 0.41 * h, 0.43 * h))
            .entry("allowFreeStandingZoneFaces", "false");
    const FoamDictionary snap = FoamDictionary()
                                    .entry("nSmoothPatch", 3)
                                    .entry("tolerance", 2.0)
                                    .entry("nSolveIter", 30)
                                    .entry("nRelaxIter", 5)
                                    .entry("nFeatureSnapIter", 10)
                                    .entry("implicitFeatureSnap", "false")
                                    .entry("explicitFeatureSnap", "false");
    FoamDictionary layers;
    for (const auto& b : bodies_) layers.entry(b.name, FoamDictionary().entry("nSurfaceLayers", kLayers));
    FoamDictionary addLayers = FoamDictionary()
                                   .entry("relativeSizes", "true")
                                   .entry("layers", layers)
                                   .entry("expansionRatio", 1.2)
                                   .entry("finalLayerThickness", 0.5)
                                   .entry("minThickness", 0.1);
    addLayers.merge(SnappyDict::layerGrowth(3, std::nullopt));
    return SnappyDict::file(geometry, castellated, snap, addLayers, SnappyDict::meshQuality(20, std::nullopt));
}

std::string SectionMesh::extrudeMeshDict() const {
    // The z = 0 face mesh becomes one cell of the athlete's height. The back faces -z: flipped,
    // the slab spans z in [0, height].
    return FoamDictionary()
        .entry("constructFrom", "patch")
        .entry("sourceCase", "\".\"")
        .entry("sourcePatches", "(back)")
        .entry("exposedPatchName", "front")
        .entry("flipNormals", "true")
        .entry("extrudeModel", "linearNormal")
        .entry("nLayers", 1)
        .entry("expansionRatio", 1.0)
        .entry("linearNormalCoeffs", FoamDictionary().entry("thickness", span_))
        .entry("mergeFaces", "false")
        .entry("mergeTol", 0)
        .file("extrudeMeshDict", "system");
}

std::string SectionMesh::changeDictionaryDict() const {
    // extrudeMesh keeps the symmetryPlane type of the slab faces; a 2D case needs empty.
    return FoamDictionary()
        .entry("boundary", FoamDictionary().entry("\"(front|back)\"", FoamDictionary().entry("type", "empty").entry("inGroups", "(empty)")))
        .file("changeDictionaryDict", "system");
}

void SectionMesh::write(const std::string& caseDir) const {
    const fs::path root(caseDir);
    fs::create_directories(root / "constant" / "triSurface");
    fs::create_directories(root / "system");
    for (const auto& b : bodies_) FoamFile::write(root / "constant" / "triSurface" / (b.name + ".stl"), stl(b));
    FoamFile::write(root / "system" / "blockMeshDict", blockMeshDict());
    FoamFile::write(root / "system" / "snappyHexMeshDict", snappyHexMeshDict());
    FoamFile::write(root / "system" / "extrudeMeshDict", extrudeMeshDict());
    FoamFile::write(root / "system" / "changeDictionaryDict", changeDictionaryDict());
}

}  // namespace drafting::meshes
