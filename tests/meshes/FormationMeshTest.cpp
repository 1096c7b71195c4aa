#include "meshes/FormationMesh.hpp"
#include "meshes/LayerStack.hpp"
#include "meshes/SphereSurface.hpp"
#include "TestSupport.hpp"
#include "support/StlText.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
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

// A pacer of its own size: its STL has its own height, the box and the wake boxes rise to the
// tallest runner, and the blockage counts the larger frontal area of a column.
TEST(FormationMesh, APacerOfItsOwnSizeKeepsItsShape) {
    TempDir tmp;
    const std::string stl = tmp.path() + "/ball.stl";
    drafting::test::writeFile(stl, drafting::meshes::SphereSurface(1.2, 3).stl("ball"));
    const auto lead = drafting::meshes::RunnerBody::fromStl(stl, drafting::meshes::Athlete(1.2, 42.0));
    const auto tall = std::make_shared<const drafting::meshes::RunnerBody>(
        drafting::meshes::RunnerBody::fromStl(stl, drafting::meshes::Athlete(1.8, 65.0)));
    const MeshLevel coarse(MeshLevel::Name::coarse);
    const FormationMesh same({{"lead", 0, 0}, {"pacer1", 2.5, 0}}, lead, coarse);
    const FormationMesh own({{"lead", 0, 0}, {"pacer1", 2.5, 0, tall}}, lead, coarse);
    own.write(tmp.path() + "/own");
    const auto highest = [&](const std::string& name) {
        return drafting::test::highestVertex(readFile(tmp.path() + "/own/constant/triSurface/" + name + ".stl"));
    };
    EXPECT_NEAR(highest("lead") + FormationMesh::kGroundSink, 1.2, 1e-6);
    EXPECT_NEAR(highest("pacer1") + FormationMesh::kGroundSink, 1.8, 1e-6);
    EXPECT_DOUBLE_EQ(same.zMax(), 2.75);  // 1.2 + 1.45, in whole 0.25 m cells
    EXPECT_GE(own.zMax(), 1.8 + 1.45 - 1e-9);  // the tallest runner + 1.45, in whole cells
    EXPECT_LT(own.zMax(), 1.8 + 1.45 + 0.25);
    EXPECT_LT(own.yMin(), same.yMin());  // the wider pacer sets the sides
    // One column: the pacer's frontal area, not the lead's.
    const double boxArea = (own.yMax() - own.yMin()) * own.zMax();
    EXPECT_NEAR(own.blockage(), tall->frontalArea() / boxArea, 1e-12);
    const std::string dict = drafting::test::squeezed(readFile(tmp.path() + "/own/system/snappyHexMeshDict"));
    EXPECT_NE(dict.find("max (3.7 1.15 1.95);"), std::string::npos) << dict;  // near wake to 0.15 m above 1.8
}
