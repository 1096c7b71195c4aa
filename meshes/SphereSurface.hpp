#pragma once
#include <array>
#include <string>
#include <vector>

namespace drafting::meshes {

/// A closed sphere surface for the 3D reference flow: an icosahedron whose triangles are split
/// in four `subdivisions` times, each new vertex pushed out onto the sphere. All vertices lie on
/// the sphere and the triangles are nearly equal (no poles), 20 × 4^subdivisions of them.
class SphereSurface {
public:
    using Point = std::array<double, 3>;
    using Triangle = std::array<int, 3>;  // outward by the right-hand rule

    /// Diameter [m] centred on the origin; subdivisions in [0, kMaxSubdivisions]
    /// (GeometryError otherwise).
    SphereSurface(double diameter, int subdivisions);

    const std::vector<Point>& points() const { return points_; }
    const std::vector<Triangle>& triangles() const { return triangles_; }

    /// ASCII STL whose solid is `solidName`, the body as it is (RunnerBody::fromStl places it).
    std::string stl(const std::string& solidName) const;

    static constexpr int kMaxSubdivisions = 7;  // 327 680 triangles, below RunnerBody's bound

private:
    std::vector<Point> points_;
    std::vector<Triangle> triangles_;
};

}  // namespace drafting::meshes
