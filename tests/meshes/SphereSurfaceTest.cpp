// The 3D reference's sphere: closed, on the sphere, and taken by the runners' STL route as it is.
#include "meshes/Athlete.hpp"
#include "meshes/GeometryError.hpp"
#include "meshes/RunnerBody.hpp"
#include "meshes/SphereSurface.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>

using drafting::meshes::Athlete;
using drafting::meshes::GeometryError;
using drafting::meshes::RunnerBody;
using drafting::meshes::SphereSurface;
using drafting::test::TempDir;

TEST(SphereSurface, SubdividedIcosahedronHasEveryVertexOnTheSphere) {
    const SphereSurface s(1.2, 3);
    EXPECT_EQ(s.triangles().size(), 20u * 64u);
    EXPECT_EQ(s.points().size(), 10u * 64u + 2u);  // Euler: V = T / 2 + 2 on a closed shell
    for (const auto& p : s.points()) EXPECT_NEAR(std::hypot(p[0], p[1], p[2]), 0.6, 1e-12);
}

TEST(SphereSurface, RefusesANonPositiveDiameterAndTooManySubdivisions) {
    EXPECT_THROW(SphereSurface(0.0, 2), GeometryError);
    EXPECT_THROW(SphereSurface(NAN, 2), GeometryError);
    EXPECT_THROW(SphereSurface(1.0, -1), GeometryError);
    EXPECT_THROW(SphereSurface(1.0, SphereSurface::kMaxSubdivisions + 1), GeometryError);
}

TEST(SphereSurface, ItsStlIsAClosedBodyOfTheAthletesHeightAndAFrontalAreaOfPiRSquared) {
    TempDir tmp;
    const std::string path = tmp.path() + "/sphere.stl";
    drafting::test::writeFile(path, SphereSurface(1.2, 5).stl("sphere"));
    const RunnerBody body = RunnerBody::fromStl(path, Athlete(1.2, 42.0));
    EXPECT_TRUE(RunnerBody::isClosedManifold(body.surface()));
    EXPECT_EQ(body.surface()->GetNumberOfPolys(), 20480);
    EXPECT_NEAR(body.height(), 1.2, 1e-9);
    EXPECT_NEAR(body.width(), 1.2, 1e-3);
    EXPECT_NEAR(body.depth(), 1.2, 1e-3);
    // Facets 2 cm across sag 0.1 mm below the sphere: area and volume within 0.1 %.
    EXPECT_NEAR(body.frontalArea(), M_PI * 0.36, 1e-3 * M_PI * 0.36);
    EXPECT_NEAR(body.volume(), 4.0 / 3.0 * M_PI * 0.216, 1e-3 * 4.0 / 3.0 * M_PI * 0.216);
}
