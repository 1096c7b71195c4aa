#pragma once
#include <array>
#include <string>
#include <vector>

namespace drafting::meshes {

/// An indexed triangle surface, the form every reference body is built in (SphereSurface,
/// AhmedBody, FlatPlate, SuboffHull): closed, its triangles ordered outwards by the right-hand
/// rule, written as ASCII STL for snappyHexMesh and RunnerBody::fromReferenceStl.
class TriangleSurface {
public:
    using Point = std::array<double, 3>;
    using Triangle = std::array<int, 3>;  // outward by the right-hand rule

    const std::vector<Point>& points() const { return points_; }
    const std::vector<Triangle>& triangles() const { return triangles_; }

    /// ASCII STL whose solid is `solidName`: one facet per triangle, its normal from the
    /// right-hand rule, so the outward order gives outward normals.
    std::string stl(const std::string& solidName) const;

protected:
    TriangleSurface() = default;

    std::vector<Point> points_;
    std::vector<Triangle> triangles_;
};

}  // namespace drafting::meshes
