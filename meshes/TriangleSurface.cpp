#include "meshes/TriangleSurface.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace drafting::meshes {

std::string TriangleSurface::stl(const std::string& solidName) const {
    const auto& points = points_;
    const auto& triangles = triangles_;
    std::ostringstream s;
    char line[160];
    s << "solid " << solidName << '\n';
    for (const auto& tri : triangles) {
        const Point& a = points[tri[0]];
        const Point& b = points[tri[1]];
        const Point& c = points[tri[2]];
        const Point u{b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v{c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        Point n{u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        for (double& x : n) x /= len;
        std::snprintf(line, sizeof(line), "  facet normal %.9g %.9g %.9g\n    outer loop\n", n[0], n[1], n[2]);
        s << line;
        for (const Point* p : {&a, &b, &c}) {
            std::snprintf(line, sizeof(line), "      vertex %.12g %.12g %.12g\n", (*p)[0], (*p)[1], (*p)[2]);
            s << line;
        }
        s << "    endloop\n  endfacet\n";
    }
    s << "endsolid " << solidName << '\n';
    return s.str();
}

}  // namespace drafting::meshes
