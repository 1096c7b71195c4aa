// SurfaceMeasures on surfaces with known answers: a closed cube, the same cube opened, two cubes,
// three faces on one edge; the cube's frontal area and volume, and the volume's sign when the
// triangles face inwards.
#include "meshes/SurfaceMeasures.hpp"

#include "support/Close.hpp"

#include <gtest/gtest.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <array>
#include <utility>
#include <vector>

using drafting::meshes::SurfaceMeasures;

namespace {

struct Triangles {
    std::vector<std::array<double, 3>> points;
    std::vector<std::array<vtkIdType, 3>> triangles;

    vtkSmartPointer<vtkPolyData> surface() const {
        vtkNew<vtkPoints> p;
        p->SetDataTypeToDouble();
        for (const auto& x : points) p->InsertNextPoint(x.data());
        vtkNew<vtkCellArray> polys;
        for (const auto& t : triangles) polys->InsertNextCell(3, t.data());
        auto out = vtkSmartPointer<vtkPolyData>::New();
        out->SetPoints(p);
        out->SetPolys(polys);
        return out;
    }
};

// An axis-aligned cube of side `side` centred at (cx, 0, 0): 8 corners, 12 triangles facing outwards.
Triangles cube(double side, double cx = 0.0) {
    Triangles c;
    const double h = side / 2;
    for (int i = 0; i < 8; ++i) c.points.push_back({cx + (i & 1 ? h : -h), i & 2 ? h : -h, i & 4 ? h : -h});
    // Each face's corners in order round it; its triangles turned to face away from the centre.
    const int faces[6][4] = {{0, 2, 6, 4}, {1, 3, 7, 5}, {0, 1, 5, 4}, {2, 3, 7, 6}, {0, 1, 3, 2}, {4, 5, 7, 6}};
    for (const auto& f : faces) {
        for (const auto& t : {std::array<vtkIdType, 3>{f[0], f[1], f[2]}, std::array<vtkIdType, 3>{f[0], f[2], f[3]}}) {
            const auto &a = c.points[t[0]], &b = c.points[t[1]], &d = c.points[t[2]];
            const double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]}, v[3] = {d[0] - a[0], d[1] - a[1], d[2] - a[2]};
            const double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
            const double outward = n[0] * (a[0] + b[0] + d[0] - 3 * cx) + n[1] * (a[1] + b[1] + d[1]) + n[2] * (a[2] + b[2] + d[2]);
            c.triangles.push_back(outward > 0 ? t : std::array<vtkIdType, 3>{t[0], t[2], t[1]});
        }
    }
    return c;
}

}  // namespace

TEST(SurfaceMeasures, AClosedCubeIsOneClosedShell) {
    const auto d = SurfaceMeasures::edgeDefects(cube(1.0).surface());
    EXPECT_EQ(d.open, 0);
    EXPECT_EQ(d.nonManifold, 0);
    EXPECT_EQ(d.regions, 1);
    EXPECT_TRUE(d.closedShell());
}

TEST(SurfaceMeasures, EachDefectIsCountedByItsKind) {
    // One triangle taken out: its three edges are open.
    auto open = cube(1.0);
    open.triangles.pop_back();
    const auto o = SurfaceMeasures::edgeDefects(open.surface());
    EXPECT_EQ(o.open, 3);
    EXPECT_EQ(o.nonManifold, 0);
    EXPECT_FALSE(o.closedShell());

    // Two cubes apart: closed, but two shells.
    auto two = cube(1.0);
    for (const auto& t : cube(1.0, 3.0).triangles) two.triangles.push_back({t[0] + 8, t[1] + 8, t[2] + 8});
    const auto more = cube(1.0, 3.0).points;
    two.points.insert(two.points.end(), more.begin(), more.end());
    const auto t = SurfaceMeasures::edgeDefects(two.surface());
    EXPECT_EQ(t.open, 0);
    EXPECT_EQ(t.nonManifold, 0);
    EXPECT_EQ(t.regions, 2);
    EXPECT_FALSE(t.closedShell());

    // A fin on the edge from corner 3 (+h, +h, -h) to corner 7 (+h, +h, +h): three faces share that
    // edge (non-manifold), and the fin's two other edges are open.
    auto fin = cube(1.0);
    fin.points.push_back({1.5, 1.5, 0.0});
    fin.triangles.push_back({3, 7, 8});
    const auto f = SurfaceMeasures::edgeDefects(fin.surface());
    EXPECT_EQ(f.nonManifold, 1);
    EXPECT_EQ(f.open, 2);
    EXPECT_FALSE(f.closedShell());
}

TEST(SurfaceMeasures, ACubesFrontalAreaAndVolume) {
    const auto c = cube(0.4).surface();
    // The raster counts the cells whose centres a triangle covers: within a row of cells round the edge.
    const double cell = 0.002;
    EXPECT_CLOSE(SurfaceMeasures::projectedArea(c, cell), 0.16, 0.0, 4 * 0.4 * cell);
    EXPECT_CLOSE(SurfaceMeasures::signedVolume(c), 0.064, 1e-12, 0.0);
    auto inwards = cube(0.4);
    for (auto& t : inwards.triangles) std::swap(t[1], t[2]);
    EXPECT_CLOSE(SurfaceMeasures::signedVolume(inwards.surface()), -0.064, 1e-12, 0.0);
}
