// The DARPA SUBOFF bare hull of the 3D reference: Groves et al.'s equations, joined without a
// step, faceted into a closed outward surface with the wetted area the towing-tank coefficient
// is based on, and taken by the reference route at its own size.
#include "meshes/RunnerBody.hpp"
#include "meshes/SuboffHull.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>

using drafting::meshes::RunnerBody;
using drafting::meshes::SuboffHull;
using drafting::test::TempDir;

namespace {

constexpr double kFt = SuboffHull::kFoot;

// Sum of the facets' areas and their signed volume (divergence theorem: positive when outward).
void areaAndVolume(const SuboffHull& hull, double& area, double& volume) {
    area = volume = 0.0;
    for (const auto& t : hull.triangles()) {
        const auto& a = hull.points()[t[0]];
        const auto& b = hull.points()[t[1]];
        const auto& c = hull.points()[t[2]];
        const double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
        const double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        area += 0.5 * std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        volume += (a[0] * n[0] + a[1] * n[1] + a[2] * n[2]) / 6.0;
    }
}

}  // namespace

TEST(SuboffHull, TheFourPiecesOfTheProfileMeetWithoutAStep) {
    const double R = SuboffHull::kMaxRadius;
    EXPECT_NEAR(R, 0.254, 1e-12);
    EXPECT_NEAR(SuboffHull::length(), 4.3561, 1e-4);
    EXPECT_EQ(SuboffHull::radius(0.0), 0.0);
    EXPECT_EQ(SuboffHull::radius(SuboffHull::length()), 0.0);
    EXPECT_EQ(SuboffHull::radius(-0.1), 0.0);
    const double eps = 1e-9;
    for (const double joint : {SuboffHull::kBowEndFt, SuboffHull::kMiddleEndFt})
        EXPECT_NEAR(SuboffHull::radius(joint * kFt - eps), SuboffHull::radius(joint * kFt + eps), 1e-6 * R) << joint;
    // The afterbody runs into the cap at 0.1175 of the maximum radius.
    const double capStart = SuboffHull::kAfterbodyEndFt * kFt;
    EXPECT_NEAR(SuboffHull::radius(capStart - eps), 0.1175 * R, 1e-5 * R);
    EXPECT_NEAR(SuboffHull::radius(capStart + eps), 0.1175 * R, 1e-5 * R);
    // The bow only grows and the afterbody only shrinks, never beyond the maximum radius.
    double last = 0.0;
    for (int k = 1; k <= 400; ++k) {
        const double r = SuboffHull::radius(SuboffHull::kBowEndFt * kFt * k / 400.0);
        EXPECT_GE(r, last);
        EXPECT_LE(r, R * (1 + 1e-12));
        last = r;
    }
    for (int k = 0; k <= 400; ++k) {
        const double x = (SuboffHull::kMiddleEndFt + (SuboffHull::kLengthFt - SuboffHull::kMiddleEndFt) * k / 400.0) * kFt;
        const double r = SuboffHull::radius(x);
        EXPECT_LE(r, last * (1 + 1e-12)) << x;
        last = r;
    }
}

TEST(SuboffHull, ItsFacetsCloseOutwardsWithTheWettedAreaOfTheTowingTankCoefficient) {
    const SuboffHull hull;
    double area = 0.0, volume = 0.0;
    areaAndVolume(hull, area, volume);
    // Liu & Huang (1998) divide the bare hull's resistance by S = 5.988 m2: a reading error in any of
    // Table 1's constants would move the area by more than this.
    EXPECT_NEAR(area, 5.988, 3e-3 * 5.988);
    // The volume of revolution of the profile (Simpson's rule, 20 000 intervals): the facets' chords
    // cut inside the circle by under 0.1 %.
    const int n = 20000;
    const double h = SuboffHull::length() / n;
    double integral = 0.0;
    for (int k = 0; k <= n; ++k) {
        const double r = SuboffHull::radius(k * h);
        integral += (k == 0 || k == n ? 1 : k % 2 ? 4 : 2) * M_PI * r * r;
    }
    integral *= h / 3.0;
    EXPECT_GT(volume, 0.0);  // outwards
    EXPECT_NEAR(volume, integral, 1e-3 * integral);
    // Euler for a closed shell: V - E + F = 2 with E = 3 F / 2.
    EXPECT_EQ(hull.points().size(), hull.triangles().size() / 2 + 2);
}

TEST(SuboffHull, TheReferenceRouteTakesItAtItsOwnSizeAndFrontalArea) {
    TempDir tmp;
    const std::string path = tmp.path() + "/hull.stl";
    drafting::test::writeFile(path, SuboffHull().stl("hull"));
    const RunnerBody body = RunnerBody::fromReferenceStl(path);
    EXPECT_TRUE(RunnerBody::isClosedManifold(body.surface()));
    // vtkSTLReader reads single precision: sizes to a micrometre.
    EXPECT_NEAR(body.depth(), SuboffHull::length(), 1e-5);
    EXPECT_NEAR(body.height(), 0.508, 1e-5);
    EXPECT_NEAR(body.width(), 0.508, 1e-4);
    EXPECT_NEAR(body.frontalArea(), SuboffHull::frontalArea(), 5e-3 * SuboffHull::frontalArea());
}
