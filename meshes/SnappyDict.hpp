#pragma once
#include <optional>
#include <string>
#include <vector>

#include "meshes/FoamDictionary.hpp"

namespace drafting::meshes {

/// The parts of a snappyHexMeshDict the 2D sections (SectionMesh) and the 3D formations
/// (FormationMesh) share, written once. What differs between them (boxes, levels, layer sizing,
/// snapping) stays with each mesh.
class SnappyDict {
public:
    /// geometry entries: each runner's surface from constant/triSurface/NAME.stl.
    static FoamDictionary surfaces(const std::vector<std::string>& runners);
    /// refinementSurfaces entries: each runner a wall patch in the group `runners`.
    static FoamDictionary refinementSurfaces(const std::vector<std::string>& runners, int minLevel, int maxLevel);
    /// addLayersControls from nGrow to its end: the layer-growth settings both meshes share.
    /// `relaxedAfter` adds nRelaxedIter N (the relaxed quality checks from layer iteration N on).
    static FoamDictionary layerGrowth(int relaxIterations, std::optional<int> relaxedAfter);
    /// meshQualityControls and mergeTolerance, the dictionary's last entries. `relaxedMaxNonOrtho`
    /// adds a relaxed block; `thinLayers` relaxes in it, too, the checks that refuse wall-resolved
    /// layers (tet quality, determinant, twist, face weight, volume ratio: LayerStack::wallResolved).
    static FoamDictionary meshQuality(int maxBoundarySkewness, std::optional<int> relaxedMaxNonOrtho,
                                      bool thinLayers = false);
    /// The whole snappyHexMeshDict: all three stages on, then each stage's controls and the quality
    /// (meshQuality's entries).
    static std::string file(const FoamDictionary& geometry, const FoamDictionary& castellated, const FoamDictionary& snap,
                            const FoamDictionary& addLayers, const FoamDictionary& quality);
    /// A patch of the background block's boundary (blockMeshDict): its type, faces and a note.
    static FoamDictionary backgroundPatch(const std::string& type, const std::string& faces, const std::string& note = "");
};

}  // namespace drafting::meshes
