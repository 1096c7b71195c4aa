// BodyClearance on spheres, whose gaps are known: one surface and its copy, and two surfaces of
// different sizes (a pacer taller than the lead), apart, touching and overlapping.
#include "meshes/BodyClearance.hpp"

#include <gtest/gtest.h>
#include <vtkNew.h>
#include <vtkSphereSource.h>
#include <vtkTriangleFilter.h>

#include <cmath>

using drafting::meshes::BodyClearance;

namespace {

vtkSmartPointer<vtkPolyData> sphere(double radius) {
    vtkNew<vtkSphereSource> source;
    source->SetRadius(radius);
    source->SetThetaResolution(96);
    source->SetPhiResolution(96);
    vtkNew<vtkTriangleFilter> triangles;
    triangles->SetInputConnection(source->GetOutputPort());
    triangles->Update();
    vtkSmartPointer<vtkPolyData> out = triangles->GetOutput();
    return out;
}

// The facets lie inside the sphere by at most r (1 - cos(pi / 96)): 0.3 mm at r = 0.5.
constexpr double kFacets = 1e-3;

}  // namespace

TEST(BodyClearance, OneSurfaceAndItsCopy) {
    const BodyClearance c(sphere(0.5));
    EXPECT_NEAR(c.gap(1.2, 0.0), 0.2, kFacets);
    EXPECT_NEAR(c.gap(0.0, -1.3), 0.3, kFacets);
    EXPECT_NEAR(c.gap(0.6, 0.8), 0.0, kFacets);   // centres 1 m apart: touching
    EXPECT_LT(c.gap(0.8, 0.0), -0.15);             // overlapping by 0.2 m
    EXPECT_TRUE(std::isinf(c.gap(2.0, 0.0)));      // boxes 1 m apart: further than 0.5
    EXPECT_NEAR(c.gap(2.0, 0.0, 2.0), 1.0, kFacets);
}

TEST(BodyClearance, TwoSurfacesOfTheirOwnSize) {
    // A small sphere (r 0.3) fixed, a large one (r 0.5) moved: the gap is the centre distance
    // less both radii, whichever surface's vertices come closest.
    const BodyClearance c(sphere(0.3), sphere(0.5));
    EXPECT_NEAR(c.gap(1.0, 0.0), 0.2, kFacets);
    EXPECT_NEAR(c.gap(-0.9, 0.0), 0.1, kFacets);
    EXPECT_NEAR(c.gap(0.0, 0.8), 0.0, kFacets);
    // 0.6 apart: the small sphere's far side is 0.3 inside the large one's surface at most.
    EXPECT_NEAR(c.gap(0.6, 0.0), -0.2, kFacets);
    // The far-enough test uses both boxes: 0.5 + 0.3 + 0.5 = 1.3 apart is still measured.
    EXPECT_NEAR(c.gap(1.25, 0.0), 0.45, kFacets);
    EXPECT_TRUE(std::isinf(c.gap(1.35, 0.0)));
}
