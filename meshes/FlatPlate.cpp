#include "meshes/FlatPlate.hpp"


#include <cmath>
#include <map>

namespace drafting::meshes {

FlatPlate::FlatPlate() {
    // The surface points of a lattice over the plate's box, one index each, so that faces that
    // meet share their edge points and the surface is closed.
    const int n[3] = {static_cast<int>(std::ceil(kThickness / kFacet - 1e-9)),
                      static_cast<int>(std::ceil(kSide / kFacet - 1e-9)),
                      static_cast<int>(std::ceil(kSide / kFacet - 1e-9))};
    const double size[3] = {kThickness, kSide, kSide}, origin[3] = {0.0, -0.5 * kSide, 0.0};
    std::map<std::array<int, 3>, int> index;
    auto point = [&](const std::array<int, 3>& ijk) {
        const auto found = index.find(ijk);
        if (found != index.end()) return found->second;
        Point p;
        for (int a = 0; a < 3; ++a) p[a] = origin[a] + size[a] * ijk[a] / n[a];
        points_.push_back(p);
        index.emplace(ijk, static_cast<int>(points_.size()) - 1);
        return static_cast<int>(points_.size()) - 1;
    };
    // Each face: the axis it is normal to, at its low or high end. Its quads run over the other two
    // axes (u, v) = (axis + 1, axis + 2) mod 3, so u × v points along +axis.
    for (int axis = 0; axis < 3; ++axis) {
        const int u = (axis + 1) % 3, v = (axis + 2) % 3;
        for (const bool high : {false, true}) {
            for (int i = 0; i < n[u]; ++i) {
                for (int j = 0; j < n[v]; ++j) {
                    auto at = [&](int di, int dj) {
                        std::array<int, 3> ijk{};
                        ijk[axis] = high ? n[axis] : 0;
                        ijk[u] = i + di;
                        ijk[v] = j + dj;
                        return point(ijk);
                    };
                    const int a = at(0, 0), b = at(1, 0), c = at(1, 1), d = at(0, 1);
                    if (high) {
                        triangles_.push_back({a, b, c});
                        triangles_.push_back({a, c, d});
                    } else {
                        triangles_.push_back({a, c, b});
                        triangles_.push_back({a, d, c});
                    }
                }
            }
        }
    }
}


}  // namespace drafting::meshes
