#pragma once
#include <string>
#include <vector>

#include "meshes/TriangleSurface.hpp"

namespace drafting::meshes {

/// A closed sphere surface for the 3D reference flow: an icosahedron whose triangles are split
/// in four `subdivisions` times, each new vertex pushed out onto the sphere. All vertices lie on
/// the sphere and the triangles are nearly equal (no poles), 20 × 4^subdivisions of them.
class SphereSurface : public TriangleSurface {
public:
    /// Diameter [m] centred on the origin; subdivisions in [0, kMaxSubdivisions]
    /// (GeometryError otherwise).
    SphereSurface(double diameter, int subdivisions);

    static constexpr int kMaxSubdivisions = 7;  // 327 680 triangles, below RunnerBody's bound
};

}  // namespace drafting::meshes
