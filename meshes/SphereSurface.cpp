#include "meshes/SphereSurface.hpp"

#include "meshes/GeometryError.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace drafting::meshes {

SphereSurface::SphereSurface(double diameter, int subdivisions) {
    if (!(diameter > 0.0) || !std::isfinite(diameter))
        throw GeometryError("sphere: diameter must be positive and finite");
    if (subdivisions < 0 || subdivisions > kMaxSubdivisions)
        throw GeometryError("sphere: subdivisions outside [0, " + std::to_string(kMaxSubdivisions) + "]");
    const double r = 0.5 * diameter;
    auto onSphere = [r](Point p) {
        const double n = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
        return Point{r * p[0] / n, r * p[1] / n, r * p[2] / n};
    };
    // Icosahedron: the corners of three orthogonal golden rectangles.
    const double t = 0.5 * (1.0 + std::sqrt(5.0));
    for (const Point& p : {Point{-1, t, 0}, Point{1, t, 0}, Point{-1, -t, 0}, Point{1, -t, 0}, Point{0, -1, t},
                           Point{0, 1, t}, Point{0, -1, -t}, Point{0, 1, -t}, Point{t, 0, -1}, Point{t, 0, 1},
                           Point{-t, 0, -1}, Point{-t, 0, 1}})
        points_.push_back(onSphere(p));
    triangles_ = {{0, 11, 5}, {0, 5, 1},  {0, 1, 7},   {0, 7, 10}, {0, 10, 11}, {1, 5, 9}, {5, 11, 4},
                  {11, 10, 2}, {10, 7, 6}, {7, 1, 8},  {3, 9, 4},  {3, 4, 2},   {3, 2, 6}, {3, 6, 8},
                  {3, 8, 9},  {4, 9, 5},  {2, 4, 11}, {6, 2, 10}, {8, 6, 7},   {9, 8, 1}};
    for (int level = 0; level < subdivisions; ++level) {
        // One midpoint per edge, shared by its two triangles, so the surface stays closed.
        std::map<std::pair<int, int>, int> midpoint;
        auto mid = [&](int a, int b) {
            const auto key = std::minmax(a, b);
            const auto found = midpoint.find(key);
            if (found != midpoint.end()) return found->second;
            const Point& p = points_[a];
            const Point& q = points_[b];
            points_.push_back(onSphere({p[0] + q[0], p[1] + q[1], p[2] + q[2]}));
            return midpoint[key] = static_cast<int>(points_.size()) - 1;
        };
        std::vector<Triangle> finer;
        finer.reserve(4 * triangles_.size());
        for (const auto& [a, b, c] : triangles_) {
            const int ab = mid(a, b), bc = mid(b, c), ca = mid(c, a);
            finer.push_back({a, ab, ca});
            finer.push_back({b, bc, ab});
            finer.push_back({c, ca, bc});
            finer.push_back({ab, bc, ca});
        }
        triangles_ = std::move(finer);
    }
}


}  // namespace drafting::meshes
