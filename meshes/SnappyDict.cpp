#include "meshes/SnappyDict.hpp"

namespace drafting::meshes {

FoamDictionary SnappyDict::surfaces(const std::vector<std::string>& runners) {
    FoamDictionary d;
    for (const auto& name : runners)
        d.entry(name, FoamDictionary().entry("type", "triSurfaceMesh").entry("file", "\"" + name + ".stl\""));
    return d;
}

FoamDictionary SnappyDict::refinementSurfaces(const std::vector<std::string>& runners, int minLevel, int maxLevel) {
    FoamDictionary d;
    for (const auto& name : runners)
        d.entry(name, FoamDictionary()
                          .entry("level", "(" + std::to_string(minLevel) + ' ' + std::to_string(maxLevel) + ")")
                          .entry("patchInfo", FoamDictionary().entry("type", "wall").entry("inGroups", "(runners)")));
    return d;
}

FoamDictionary SnappyDict::layerGrowth(int relaxIterations, std::optional<int> relaxedAfter) {
    FoamDictionary d;
    d.entry("nGrow", 0)
        .entry("featureAngle", 130)
        .entry("slipFeatureAngle", 30)
        .entry("nRelaxIter", relaxIterations)
        .entry("nSmoothSurfaceNormals", 1)
        .entry("nSmoothNormals", 3)
        .entry("nSmoothThickness", 10)
        .entry("maxFaceThicknessRatio", 0.5)
        .entry("maxThicknessToMedialRatio", 0.3)
        .entry("minMedialAxisAngle", 90)
        .entry("nBufferCellsNoExtrude", 0)
        .entry("nLayerIter", 50);
    if (relaxedAfter) d.entry("nRelaxedIter", *relaxedAfter);
    return d;
}

FoamDictionary SnappyDict::meshQuality(int maxBoundarySkewness, std::optional<int> relaxedMaxNonOrtho, bool thinLayers) {
    FoamDictionary q;
    q.entry("maxNonOrtho", 65)
        .entry("maxBoundarySkewness", maxBoundarySkewness)
        .entry("maxInternalSkewness", 4)
        .entry("maxConcave", 80)
        .entry("minVol", 1e-13)
        .entry("minTetQuality", 1e-15)
        .entry("minArea", -1)
        .entry("minTwist", 0.02)
        .entry("minDeterminant", 0.001)
        .entry("minFaceWeight", 0.05)
        .entry("minVolRatio", 0.01)
        .entry("minTriangleTwist", -1)
        .entry("nSmoothScale", 4)
        .entry("errorReduction", 0.75);
    if (relaxedMaxNonOrtho) {
        FoamDictionary relaxed;
        relaxed.entry("maxNonOrtho", *relaxedMaxNonOrtho);
        if (thinLayers)
            relaxed.entry("minTetQuality", -1e30).entry("minDeterminant", 1e-6).entry("minTwist", -1).entry("minFaceWeight", 0.001)
                .entry("minVolRatio", 0.001);
        q.entry("relaxed", relaxed);
    }
    return FoamDictionary().entry("meshQualityControls", q).entry("mergeTolerance", 1e-6);
}

std::string SnappyDict::file(const FoamDictionary& geometry, const FoamDictionary& castellated, const FoamDictionary& snap,
                             const FoamDictionary& addLayers, const FoamDictionary& quality) {
    return FoamDictionary()
        .entry("castellatedMesh", "true")
        .entry("snap", "true")
        .entry("addLayers", "true")
        .entry("geometry", geometry)
        .entry("castellatedMeshControls", castellated)
        .entry("snapControls", snap)
        .entry("addLayersControls", addLayers)
        .merge(quality)
        .file("snappyHexMeshDict", "system");
}

FoamDictionary SnappyDict::backgroundPatch(const std::string& type, const std::string& faces, const std::string& note) {
    FoamDictionary p;
    if (!note.empty()) p.comment(note);
    return p.entry("type", type).entry("faces", faces);
}

}  // namespace drafting::meshes
