#pragma once
#include <string>
#include <vector>

#include "meshes/TriangleSurface.hpp"

namespace drafting::meshes {

/// A square flat plate held normal to the wind, in metres: kSide × kSide across the flow (y, z)
/// and kThickness along it, every edge sharp, so the flow separates at the edges whatever the
/// Reynolds number and the wall treatment (the reference a steady RANS model should reproduce
/// best; cases::reference::ReferenceCase "plate-normal"). Frame: the face into the wind at x = kThickness
/// (runners face +x), the back face at x = 0, the lower edge on z = 0, centred on y = 0. A closed
/// surface, triangles ordered outwards, facets at most kFacet wide.
class FlatPlate : public TriangleSurface {
public:
    FlatPlate();

    /// Projected area on the y-z plane.
    static constexpr double frontalArea() { return kSide * kSide; }

    static constexpr double kSide = 1.0;
    /// 5 % of the side: thin next to the side (the measured plates were thin; a square plate's
    /// drag barely depends on a thickness this small), yet three of the coarse level's finest
    /// surface cells (15.6 mm), so snappyHexMesh resolves both faces.
    static constexpr double kThickness = 0.05;
    /// The lower edge above the ground: 1.5 sides, so the ground (moving with the air, a slip
    /// wall in effect) is far from the wake.
    static constexpr double kGroundClearance = 1.5;
    static constexpr double kFacet = 0.02;
};

}  // namespace drafting::meshes
