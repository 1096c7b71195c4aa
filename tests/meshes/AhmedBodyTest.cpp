// The Ahmed reference body: closed and outward, the model's sizes, its frontal area and its slant.
#include "meshes/AhmedBody.hpp"
#include "meshes/GeometryError.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <utility>

using drafting::meshes::AhmedBody;
using drafting::meshes::GeometryError;

namespace {

using Vec = AhmedBody::Point;

Vec cross(const Vec& u, const Vec& v) {
    return {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
}
Vec minus(const Vec& a, const Vec& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }

// Twice the area times the unit normal of each triangle, by the right-hand rule.
Vec areaVector(const AhmedBody& b, const AhmedBody::Triangle& t) {
    const auto& p = b.points();
    return cross(minus(p[t[1]], p[t[0]]), minus(p[t[2]], p[t[0]]));
}

// Enclosed volume by the divergence theorem: positive only if the triangles face outwards.
double signedVolume(const AhmedBody& b) {
    double v = 0.0;
    for (const auto& t : b.triangles()) {
        const auto& p = b.points();
        const Vec c = cross(p[t[1]], p[t[2]]);
        v += p[t[0]][0] * c[0] + p[t[0]][1] * c[1] + p[t[0]][2] * c[2];
    }
    return v / 6.0;
}

// Total area of the facets whose unit normal is n.
double areaFacing(const AhmedBody& b, const Vec& n) {
    double area = 0.0;
    for (const auto& t : b.triangles()) {
        const Vec a = areaVector(b, t);
        const double len = std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        if (std::fabs(a[0] / len - n[0]) < 1e-9 && std::fabs(a[1] / len - n[1]) < 1e-9 &&
            std::fabs(a[2] / len - n[2]) < 1e-9)
            area += 0.5 * len;
    }
    return area;
}

// The model's volume from its sections: W H along the straight part, the slant's wedge taken
// off, the nose integrated finely over its inset i(x) = R - sqrt(R^2 - (R - x)^2).
double modelVolume(double slantDeg) {
    const double R = AhmedBody::kNoseRadius, W = AhmedBody::kWidth, H = AhmedBody::kHeight;
    const double a = slantDeg * M_PI / 180.0;
    const double run = AhmedBody::kSlantLength * std::cos(a), drop = AhmedBody::kSlantLength * std::sin(a);
    double v = W * H * (AhmedBody::kLength - R) - 0.5 * W * run * drop;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double x = R * (i + 0.5) / n;
        const double inset = R - std::sqrt(R * R - (R - x) * (R - x));
        v += (W - 2 * inset) * (H - 2 * inset) * R / n;
    }
    return v;
}

}  // namespace

TEST(AhmedBody, EveryEdgeJoinsTwoTrianglesInOppositeDirectionsAndTheyFaceOutwards) {
    const AhmedBody body;
    std::map<std::pair<int, int>, int> directed;
    for (const auto& t : body.triangles())
        for (int k = 0; k < 3; ++k) ++directed[{t[k], t[(k + 1) % 3]}];
    for (const auto& [edge, count] : directed) {
        ASSERT_EQ(count, 1) << "edge " << edge.first << "-" << edge.second << " used twice in one direction";
        ASSERT_EQ(directed.count({edge.second, edge.first}), 1u) << "open edge " << edge.first << "-" << edge.second;
    }
    // Closed and oriented: Euler's V - E + F = 2 for one shell, and a positive enclosed volume.
    const long V = static_cast<long>(body.points().size()), F = static_cast<long>(body.triangles().size());
    EXPECT_EQ(V - static_cast<long>(directed.size()) / 2 + F, 2);
    // The nose arc is cut in 16 chords that sag 0.12 mm inside it: about 1.2e-4 of the volume.
    EXPECT_NEAR(signedVolume(body), modelVolume(25.0), 3e-4 * modelVolume(25.0));
    EXPECT_LT(signedVolume(body), modelVolume(25.0));  // chords lie inside the arc
}

TEST(AhmedBody, HasTheModelsLengthWidthAndHeightWithTheNoseTowardsPlusX) {
    const AhmedBody body;
    double lo[3] = {1e9, 1e9, 1e9}, hi[3] = {-1e9, -1e9, -1e9};
    for (const auto& p : body.points())
        for (int d = 0; d < 3; ++d) lo[d] = std::min(lo[d], p[d]), hi[d] = std::max(hi[d], p[d]);
    EXPECT_NEAR(lo[0], 0.0, 1e-12);
    EXPECT_NEAR(hi[0], 1.044, 1e-12);
    EXPECT_NEAR(hi[1] - lo[1], 0.389, 1e-12);
    EXPECT_NEAR(lo[2], 0.0, 1e-12);
    EXPECT_NEAR(hi[2], 0.288, 1e-12);
    // The flat nose face: W - 2R wide and H - 2R tall at x = L; the base: W wide, under the slant.
    EXPECT_NEAR(areaFacing(body, {1, 0, 0}), (0.389 - 0.2) * (0.288 - 0.2), 1e-9);
    EXPECT_NEAR(areaFacing(body, {-1, 0, 0}), 0.389 * body.baseHeight(), 1e-9);
}

TEST(AhmedBody, FrontalAreaIsWidthTimesHeight) {
    const AhmedBody body;
    // A closed surface projects onto the y-z plane twice: half the sum of |n_x| areas.
    double projected = 0.0;
    for (const auto& t : body.triangles()) projected += 0.25 * std::fabs(areaVector(body, t)[0]);
    EXPECT_NEAR(projected, 0.389 * 0.288, 1e-9);
    EXPECT_NEAR(AhmedBody::frontalArea(), 0.112032, 1e-9);
}

TEST(AhmedBody, TheSlantIs222mmLongAtItsAngleAndEndsAtTheRoof) {
    for (const double deg : {25.0, 12.5, 35.0}) {
        const AhmedBody body(deg);
        const double a = deg * M_PI / 180.0;
        // All of the slant, and only the slant, faces up and back at the angle.
        EXPECT_NEAR(areaFacing(body, {-std::sin(a), 0, std::cos(a)}), 0.222 * 0.389, 1e-9) << deg;
        EXPECT_NEAR(body.baseHeight(), 0.288 - 0.222 * std::sin(a), 1e-12);
        // The roof is flat from the top of the slant to the start of the nose's rounding.
        EXPECT_NEAR(areaFacing(body, {0, 0, 1}), 0.389 * (1.044 - 0.1 - 0.222 * std::cos(a)), 1e-9) << deg;
    }
}

TEST(AhmedBody, RefusesASlantOutsideAhmedsRange) {
    EXPECT_THROW(AhmedBody(-1.0), GeometryError);
    EXPECT_THROW(AhmedBody(41.0), GeometryError);
    EXPECT_THROW(AhmedBody(NAN), GeometryError);
    EXPECT_NO_THROW(AhmedBody(0.0));
    try {
        AhmedBody(41.0);
    } catch (const GeometryError& e) {
        EXPECT_STREQ(e.what(), "Ahmed body: slant angle 41 deg outside [0, 40] deg");  // names the value
    }
}
