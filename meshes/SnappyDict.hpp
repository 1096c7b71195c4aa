#pragma once
#include <optional>
#include <string>
#include <vector>

namespace drafting::meshes {

/// The parts of a snappyHexMeshDict the 2D sections (SectionMesh) and the 3D formations
/// (FormationMesh) share, written once. What differs between them (boxes, levels, layer sizing,
/// snapping) stays with each mesh.
class SnappyDict {
public:
    /// geometry entries: each runner's surface from constant/triSurface/NAME.stl.
    static std::string surfaces(const std::vector<std::string>& runners);
    /// refinementSurfaces entries: each runner a wall patch in the group `runners`.
    static std::string refinementSurfaces(const std::vector<std::string>& runners, int minLevel, int maxLevel);
    /// addLayersControls from nGrow to its end: the layer-growth settings both meshes share.
    /// `relaxedAfter` adds nRelaxedIter N (the relaxed quality checks from layer iteration N on).
    static std::string layerGrowth(int relaxIterations, std::optional<int> relaxedAfter);
    /// meshQualityControls and mergeTolerance. `relaxedMaxNonOrtho` adds a relaxed block;
    /// `thinLayers` relaxes in it, too, the checks that refuse wall-resolved layers (tet quality,
    /// determinant, twist, face weight, volume ratio: LayerStack::wallResolved).
    static std::string meshQuality(int maxBoundarySkewness, std::optional<int> relaxedMaxNonOrtho,
                                   bool thinLayers = false);
};

}  // namespace drafting::meshes
