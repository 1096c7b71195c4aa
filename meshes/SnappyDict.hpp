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
    /// `relaxedIterations` adds nRelaxedIter 20 (relaxed quality after 20 layer iterations).
    static std::string layerGrowth(int relaxIterations, bool relaxedIterations);
    /// meshQualityControls and mergeTolerance. `relaxedMaxNonOrtho` adds a relaxed block.
    static std::string meshQuality(int maxBoundarySkewness, std::optional<int> relaxedMaxNonOrtho);
};

}  // namespace drafting::meshes
