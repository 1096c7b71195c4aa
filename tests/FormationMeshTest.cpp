#include "meshes/FormationMesh.hpp"
#include "meshes/SphereSurface.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

using drafting::meshes::FormationMesh;
using drafting::meshes::MeshLevel;
using drafting::test::readFile;
using drafting::test::TempDir;

// The levels approximate a uniform refinement: counts in cells grow by the ratio, the layer
// stack keeps its thickness and its overall growth, so the first layer shrinks level by level.
TEST(FormationMesh, LayersAndBuffersGrowWithTheLevel) {
    const MeshLevel levels[] = {MeshLevel(MeshLevel::Name::coarse), MeshLevel(MeshLevel::Name::medium),
                                MeshLevel(MeshLevel::Name::fine)};
    const int layers[] = {3, 4, 6};
    double previousFirst = 1.0;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(FormationMesh::layersAt(levels[i]), layers[i]);
        EXPECT_EQ(FormationMesh::bufferCellsAt(levels[i]), layers[i]);
        const double e = FormationMesh::layerExpansionAt(levels[i]);
        const int n = FormationMesh::layersAt(levels[i]);
        EXPECT_NEAR(std::pow(e, n), std::pow(FormationMesh::kCoarseExpansion, FormationMesh::kCoarseLayers), 1e-12);
        const double first = FormationMesh::firstLayerAt(levels[i]);
        // The layers add up to the stack.
        EXPECT_NEAR(first * (std::pow(e, n) - 1.0) / (e - 1.0), FormationMesh::kLayerStack, 1e-12);
        EXPECT_LT(first, previousFirst);
        previousFirst = first;
    }
    EXPECT_NEAR(FormationMesh::firstLayerAt(levels[0]), 0.012 * 0.25 / (1.25 * 1.25 * 1.25 - 1.0), 1e-12);
}

namespace {

// Lowest z of the vertices in an ASCII STL.
double lowestVertex(const std::string& stl) {
    double lowest = 1e300;
    std::istringstream in(stl);
    std::string word;
    while (in >> word)
        if (word == "vertex") {
            double x, y, z;
            in >> x >> y >> z;
            lowest = std::min(lowest, z);
        }
    return lowest;
}

}  // namespace

// A runner's feet are sunk into the ground; a lifted body (the sphere reference) floats clear of
// it, its shell and wake boxes moving up with it, the box growing by the lift.
TEST(FormationMesh, ALiftedBodyFloatsAboveTheGroundWithItsWakeBoxes) {
    TempDir tmp;
    const std::string stl = tmp.path() + "/ball.stl";
    drafting::test::writeFile(stl, drafting::meshes::SphereSurface(1.2, 3).stl("ball"));
    const auto ball = drafting::meshes::RunnerBody::fromStl(stl, drafting::meshes::Athlete(1.2, 42.0));
    const MeshLevel coarse(MeshLevel::Name::coarse);
    FormationMesh::Domain lifted;
    lifted.lift = 2.5;
    const FormationMesh standing({{"sphere", 0, 0}}, ball, coarse), floating({{"sphere", 0, 0}}, ball, coarse, lifted);
    standing.write(tmp.path() + "/standing");
    floating.write(tmp.path() + "/floating");

    const auto read = [&](const std::string& c, const std::string& f) { return readFile(tmp.path() + "/" + c + "/" + f); };
    EXPECT_NEAR(lowestVertex(read("standing", "constant/triSurface/sphere.stl")), -FormationMesh::kGroundSink, 1e-9);
    EXPECT_NEAR(lowestVertex(read("floating", "constant/triSurface/sphere.stl")), 2.5, 1e-9);
    EXPECT_DOUBLE_EQ(standing.zMax(), 2.75);  // 1.2 + 1.45, in whole 0.25 m cells
    EXPECT_DOUBLE_EQ(floating.zMax(), 5.25);  // 1.2 + 2.5 + 1.45
    const std::string dict = read("floating", "system/snappyHexMeshDict");
    EXPECT_NE(dict.find("min (-2.1 -0.85 1.5);"), std::string::npos) << dict;  // near wake from 1 m below
    EXPECT_NE(dict.find("max (0.9 0.85 3.85);"), std::string::npos) << dict;   // to 0.15 m above
    EXPECT_NE(read("standing", "system/snappyHexMeshDict").find("min (-2.1 -0.85 -1);"), std::string::npos);
    EXPECT_LT(floating.blockage(), standing.blockage());
}
