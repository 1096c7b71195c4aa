#include "meshes/FormationMesh.hpp"
#include "meshes/LayerStack.hpp"
#include "meshes/SphereSurface.hpp"
#include "TestSupport.hpp"
#include "support/StlText.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

using drafting::meshes::FormationMesh;
using drafting::meshes::LayerStack;
using drafting::meshes::MeshLevel;
using drafting::test::readFile;
using drafting::test::TempDir;

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
    EXPECT_NEAR(drafting::test::lowestVertex(read("standing", "constant/triSurface/sphere.stl")), -FormationMesh::kGroundSink, 1e-9);
    EXPECT_NEAR(drafting::test::lowestVertex(read("floating", "constant/triSurface/sphere.stl")), 2.5, 1e-9);
    EXPECT_DOUBLE_EQ(standing.zMax(), 2.75);  // 1.2 + 1.45, in whole 0.25 m cells
    EXPECT_DOUBLE_EQ(floating.zMax(), 5.25);  // 1.2 + 2.5 + 1.45
    const std::string dict = drafting::test::squeezed(read("floating", "system/snappyHexMeshDict"));
    EXPECT_NE(dict.find("min (-2.1 -0.85 1.5);"), std::string::npos) << dict;  // near wake from 1 m below
    EXPECT_NE(dict.find("max (0.9 0.85 3.85);"), std::string::npos) << dict;   // to 0.15 m above
    EXPECT_NE(drafting::test::squeezed(read("standing", "system/snappyHexMeshDict")).find("min (-2.1 -0.85 -1);"), std::string::npos);
    EXPECT_LT(floating.blockage(), standing.blockage());
}

// Wall-resolved layers are hundreds of times wider than tall: snappyHexMesh's tet-quality and
// determinant checks, meant for ordinary cells, refused them (0.3 of 16 layers on the coarse
// runner) until the relaxed checks apply from the first layer iteration. Wall-function layers keep
// the strict checks for their first 20 iterations, as before.
TEST(FormationMesh, WallResolvedLayersGetTheRelaxedChecksFromTheFirstLayerIteration) {
    TempDir tmp;
    const std::string stl = tmp.path() + "/ball.stl";
    drafting::test::writeFile(stl, drafting::meshes::SphereSurface(1.2, 3).stl("ball"));
    const auto ball = drafting::meshes::RunnerBody::fromStl(stl, drafting::meshes::Athlete(1.2, 42.0));
    const MeshLevel coarse(MeshLevel::Name::coarse);
    EXPECT_TRUE(LayerStack::lowRe(3e-5).wallResolved);
    EXPECT_FALSE(LayerStack::wallFunctions(coarse).wallResolved);
    FormationMesh({{"ball", 0, 0}}, ball, coarse, {}, LayerStack::lowRe(3e-5)).write(tmp.path() + "/resolved");
    FormationMesh({{"ball", 0, 0}}, ball, coarse).write(tmp.path() + "/functions");
    const std::string resolved = drafting::test::squeezed(readFile(tmp.path() + "/resolved/system/snappyHexMeshDict"));
    const std::string functions = drafting::test::squeezed(readFile(tmp.path() + "/functions/system/snappyHexMeshDict"));
    EXPECT_NE(resolved.find(" nRelaxedIter 0;"), std::string::npos) << resolved;
    EXPECT_NE(resolved.find("relaxed { maxNonOrtho 75; minTetQuality -1e+30; minDeterminant 1e-06;"), std::string::npos) << resolved;
    EXPECT_NE(functions.find(" nRelaxedIter 20;"), std::string::npos);
    EXPECT_NE(functions.find(" relaxed { maxNonOrtho 75; }"), std::string::npos) << functions;
}
