#pragma once
#include <array>
#include <string>
#include <vector>

namespace drafting::meshes {

/// ASCII STL of an indexed triangle surface: one facet per triangle, its normal from the
/// right-hand rule, so an outward-ordered surface gets outward normals. Shared by the reference
/// bodies (SphereSurface, AhmedBody).
class StlText {
public:
    using Point = std::array<double, 3>;
    using Triangle = std::array<int, 3>;

    static std::string ascii(const std::string& solidName, const std::vector<Point>& points,
                             const std::vector<Triangle>& triangles);
};

}  // namespace drafting::meshes
