// The flat-plate reference body: closed and outward, its sizes, and its frontal area.
#include "meshes/FlatPlate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

using drafting::meshes::FlatPlate;

namespace {

using Vec = FlatPlate::Point;

Vec cross(const Vec& u, const Vec& v) {
    return {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
}
Vec minus(const Vec& a, const Vec& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }

}  // namespace

TEST(FlatPlate, EveryEdgeJoinsTwoTrianglesInOppositeDirectionsAndTheyFaceOutwards) {
    const FlatPlate plate;
    std::map<std::pair<int, int>, int> directed;
    for (const auto& t : plate.triangles())
        for (int k = 0; k < 3; ++k) ++directed[{t[k], t[(k + 1) % 3]}];
    for (const auto& [edge, count] : directed) {
        ASSERT_EQ(count, 1) << "edge " << edge.first << "-" << edge.second << " used twice in one direction";
        ASSERT_EQ(directed.count({edge.second, edge.first}), 1u) << "open edge " << edge.first << "-" << edge.second;
    }
    // Enclosed volume by the divergence theorem: positive only if every triangle faces outwards.
    double volume = 0.0;
    for (const auto& t : plate.triangles()) {
        const auto& p = plate.points();
        const Vec c = cross(p[t[1]], p[t[2]]);
        volume += (p[t[0]][0] * c[0] + p[t[0]][1] * c[1] + p[t[0]][2] * c[2]) / 6.0;
    }
    EXPECT_NEAR(volume, FlatPlate::kThickness * FlatPlate::kSide * FlatPlate::kSide, 1e-12);
}

TEST(FlatPlate, ItsSizesFrameAndFrontalArea) {
    const FlatPlate plate;
    Vec low{1e9, 1e9, 1e9}, high{-1e9, -1e9, -1e9};
    for (const auto& p : plate.points())
        for (int a = 0; a < 3; ++a) {
            low[a] = std::min(low[a], p[a]);
            high[a] = std::max(high[a], p[a]);
        }
    EXPECT_DOUBLE_EQ(low[0], 0.0);
    EXPECT_DOUBLE_EQ(high[0], FlatPlate::kThickness);
    EXPECT_DOUBLE_EQ(low[1], -0.5 * FlatPlate::kSide);
    EXPECT_DOUBLE_EQ(high[1], 0.5 * FlatPlate::kSide);
    EXPECT_DOUBLE_EQ(low[2], 0.0);
    EXPECT_DOUBLE_EQ(high[2], FlatPlate::kSide);
    // The face into the wind (+x) is the frontal area; no facet is wider than kFacet.
    double facing = 0.0, widest = 0.0;
    for (const auto& t : plate.triangles()) {
        const auto& p = plate.points();
        const Vec a = cross(minus(p[t[1]], p[t[0]]), minus(p[t[2]], p[t[0]]));
        if (a[0] > 0) facing += 0.5 * a[0];
        for (int k = 0; k < 3; ++k) {
            const Vec e = minus(p[t[(k + 1) % 3]], p[t[k]]);
            widest = std::max(widest, std::sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]));
        }
    }
    EXPECT_NEAR(facing, FlatPlate::frontalArea(), 1e-12);
    EXPECT_LE(widest, std::sqrt(2.0) * FlatPlate::kFacet + 1e-12);  // a facet's diagonal
    const std::string stl = plate.stl("plate");
    EXPECT_EQ(stl.rfind("solid plate", 0), 0u);
}
