#include "meshes/SectionMesh.hpp"

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

SectionMesh::SectionMesh(std::vector<Body> bodies, double halfDepth, double halfWidth, double span, MeshLevel level)
    : bodies_(std::move(bodies)), halfDepth_(halfDepth), halfWidth_(halfWidth), span_(span), level_(level) {
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
    for (int i = 0; i < kSegments; ++i) {
        const double a0 = 2.0 * M_PI * i / kSegments, a1 = 2.0 * M_PI * (i + 1) / kSegments;
        const double x0 = b.x + halfDepth_ * std::cos(a0), y0 = b.y + halfWidth_ * std::sin(a0);
        const double x1 = b.x + halfDepth_ * std::cos(a1), y1 = b.y + halfWidth_ * std::sin(a1);
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
    std::ostringstream d;
    d << FoamFile::header("blockMeshDict", "dictionary", "system") << "scale 1;\n\n"
      << "// One cubic cell thick in z: snappyHexMesh refines it, extrudeMesh then makes it 2D.\n"
      << "vertices\n(\n"
      << "    (" << FoamFile::number(xMin_) << ' ' << FoamFile::number(yMin_) << " 0) (" << FoamFile::number(xMax_) << ' ' << FoamFile::number(yMin_) << " 0)\n"
      << "    (" << FoamFile::number(xMax_) << ' ' << FoamFile::number(yMax_) << " 0) (" << FoamFile::number(xMin_) << ' ' << FoamFile::number(yMax_) << " 0)\n"
      << "    (" << FoamFile::number(xMin_) << ' ' << FoamFile::number(yMin_) << ' ' << FoamFile::number(h) << ") (" << FoamFile::number(xMax_) << ' ' << FoamFile::number(yMin_)
      << ' ' << FoamFile::number(h) << ")\n"
      << "    (" << FoamFile::number(xMax_) << ' ' << FoamFile::number(yMax_) << ' ' << FoamFile::number(h) << ") (" << FoamFile::number(xMin_) << ' ' << FoamFile::number(yMax_)
      << ' ' << FoamFile::number(h) << ")\n);\n\n"
      << "blocks\n(\n    hex (0 1 2 3 4 5 6 7) (" << nx << ' ' << ny << " 1) simpleGrading (1 1 1)\n);\n\n"
      << "boundary\n(\n"
      << "    inlet  { type patch; faces ((2 6 5 1)); }   // x = xMax: the air comes in\n"
      << "    outlet { type patch; faces ((0 4 7 3)); }   // x = xMin\n"
      << "    sides  { type patch; faces ((3 7 6 2) (1 5 4 0)); }\n"
      << "    back   { type symmetryPlane; faces ((0 3 2 1)); }  // z = 0, extruded later\n"
      << "    front  { type symmetryPlane; faces ((4 5 6 7)); }\n"
      << ");\n";
    return d.str();
}

std::vector<std::string> SectionMesh::runnerNames() const {
    std::vector<std::string> names;
    for (const auto& b : bodies_) names.push_back(b.name);
    return names;
}

std::string SectionMesh::snappyHexMeshDict() const {
    const double h = backgroundCell();
    const double xlo = bodyXMin_, xhi = bodyXMax_, ylo = bodyYMin_, yhi = bodyYMax_;
    std::ostringstream d;
    d << FoamFile::header("snappyHexMeshDict", "dictionary", "system")
      << "castellatedMesh true;\nsnap            true;\naddLayers       true;\n\ngeometry\n{\n";
    d << SnappyDict::surfaces(runnerNames());
    d << "    wake\n    {\n        type searchableBox;\n"
      << "        min (" << FoamFile::number(xlo - 3.0) << ' ' << FoamFile::number(ylo - 0.6) << " -1);\n"
      << "        max (" << FoamFile::number(xhi + 0.6) << ' ' << FoamFile::number(yhi + 0.6) << " 1);\n    }\n}\n\n"
      << "castellatedMeshControls\n{\n"
      << "    maxLocalCells 1000000;\n    maxGlobalCells 2000000;\n    minRefinementCells 0;\n"
      << "    maxLoadUnbalance 0.1;\n    nCellsBetweenLevels 2;\n    features ();\n"
      << "    refinementSurfaces\n    {\n";
    d << SnappyDict::refinementSurfaces(runnerNames(), kSurfaceLevel, kSurfaceLevel);
    d << "    }\n    resolveFeatureAngle 30;\n    refinementRegions\n    {\n";
    // Graded refinement around each body: 0.06 m at the surface level, then one level less.
    const double near = 0.24 * kCoarseCell, far = 1.0 * kCoarseCell;
    for (const auto& b : bodies_)
        d << "        " << b.name << " { mode distance; levels ((" << FoamFile::number(near) << ' ' << kSurfaceLevel << ") ("
          << FoamFile::number(far) << ' ' << kSurfaceLevel - 1 << ")); }\n";
    d << "        wake { mode inside; levels ((1e15 " << kWakeLevel << ")); }\n    }\n"
      << "    locationInMesh (" << FoamFile::number(xMax_ - 0.37 * h) << ' ' << FoamFile::number(yMax_ - 0.41 * h) << ' ' << FoamFile::number(0.43 * h)
      << ");\n    allowFreeStandingZoneFaces false;\n}\n\n"
      << "snapControls\n{\n    nSmoothPatch 3;\n    tolerance 2.0;\n    nSolveIter 30;\n    nRelaxIter 5;\n"
      << "    nFeatureSnapIter 10;\n    implicitFeatureSnap false;\n    explicitFeatureSnap false;\n}\n\n"
      << "addLayersControls\n{\n    relativeSizes true;\n    layers\n    {\n";
    for (const auto& b : bodies_) d << "        " << b.name << " { nSurfaceLayers " << kLayers << "; }\n";
    d << "    }\n    expansionRatio 1.2;\n    finalLayerThickness 0.5;\n    minThickness 0.1;\n"
      << SnappyDict::layerGrowth(3, std::nullopt) << SnappyDict::meshQuality(20, std::nullopt);
    return d.str();
}

std::string SectionMesh::extrudeMeshDict() const {
    std::ostringstream d;
    d << FoamFile::header("extrudeMeshDict", "dictionary", "system")
      << "// The z = 0 face mesh becomes one cell of the athlete's height.\n"
      << "constructFrom patch;\nsourceCase \".\";\nsourcePatches (back);\nexposedPatchName front;\n"
      << "flipNormals true;  // back faces -z: flipped, the slab spans z in [0, height]\nextrudeModel linearNormal;\nnLayers 1;\nexpansionRatio 1.0;\n"
      << "linearNormalCoeffs\n{\n    thickness " << FoamFile::number(span_) << ";\n}\nmergeFaces false;\nmergeTol 0;\n";
    return d.str();
}

std::string SectionMesh::changeDictionaryDict() const {
    // extrudeMesh keeps the symmetryPlane type of the slab faces; a 2D case needs empty.
    std::ostringstream d;
    d << FoamFile::header("changeDictionaryDict", "dictionary", "system")
      << "boundary\n{\n    \"(front|back)\"\n    {\n        type empty;\n        inGroups (empty);\n    }\n}\n";
    return d.str();
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
