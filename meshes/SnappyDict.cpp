#include "meshes/SnappyDict.hpp"

#include <sstream>

namespace drafting::meshes {

std::string SnappyDict::surfaces(const std::vector<std::string>& runners) {
    std::ostringstream d;
    for (const auto& name : runners) d << "    " << name << " { type triSurfaceMesh; file \"" << name << ".stl\"; }\n";
    return d.str();
}

std::string SnappyDict::refinementSurfaces(const std::vector<std::string>& runners, int minLevel, int maxLevel) {
    std::ostringstream d;
    for (const auto& name : runners)
        d << "        " << name << " { level (" << minLevel << ' ' << maxLevel
          << "); patchInfo { type wall; inGroups (runners); } }\n";
    return d.str();
}

std::string SnappyDict::layerGrowth(int relaxIterations, std::optional<int> relaxedAfter) {
    std::ostringstream d;
    d << "    nGrow 0;\n"
      << "    featureAngle 130;\n    slipFeatureAngle 30;\n    nRelaxIter " << relaxIterations
      << ";\n    nSmoothSurfaceNormals 1;\n"
      << "    nSmoothNormals 3;\n    nSmoothThickness 10;\n    maxFaceThicknessRatio 0.5;\n"
      << "    maxThicknessToMedialRatio 0.3;\n    minMedialAxisAngle 90;\n    nBufferCellsNoExtrude 0;\n"
      << "    nLayerIter 50;\n";
    if (relaxedAfter) d << "    nRelaxedIter " << *relaxedAfter << ";\n";
    d << "}\n\n";
    return d.str();
}

std::string SnappyDict::meshQuality(int maxBoundarySkewness, std::optional<int> relaxedMaxNonOrtho, bool thinLayers) {
    std::ostringstream d;
    d << "meshQualityControls\n{\n    maxNonOrtho 65;\n    maxBoundarySkewness " << maxBoundarySkewness
      << ";\n    maxInternalSkewness 4;\n"
      << "    maxConcave 80;\n    minVol 1e-13;\n    minTetQuality 1e-15;\n    minArea -1;\n    minTwist 0.02;\n"
      << "    minDeterminant 0.001;\n    minFaceWeight 0.05;\n    minVolRatio 0.01;\n    minTriangleTwist -1;\n"
      << "    nSmoothScale 4;\n    errorReduction 0.75;\n";
    if (relaxedMaxNonOrtho) {
        d << "    relaxed { maxNonOrtho " << *relaxedMaxNonOrtho << ";";
        if (thinLayers)
            d << " minTetQuality -1e30; minDeterminant 1e-6; minTwist -1; minFaceWeight 0.001; minVolRatio 0.001;";
        d << " }\n";
    }
    d << "}\n\nmergeTolerance 1e-6;\n";
    return d.str();
}

}  // namespace drafting::meshes
