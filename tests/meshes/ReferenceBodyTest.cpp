// A reference body through the runners' 3D case writer: taken at its own size (no athlete is the
// Ahmed body's 0.288 m tall), and at rest in a wind over a stationary no-slip floor.
#include "cases/writer/CaseWriter.hpp"
#include "common/JsonFile.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "meshes/AhmedBody.hpp"
#include "meshes/GeometryError.hpp"
#include "meshes/RunnerBody.hpp"
#include "TestSupport.hpp"
#include "support/StlText.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

using drafting::cases::config::CaseSpec;
using drafting::cases::writer::CaseWriter;
using drafting::common::JsonFile;
using drafting::cases::config::SweepConfig;
using drafting::meshes::AhmedBody;
using drafting::meshes::GeometryError;
using drafting::meshes::RunnerBody;
using drafting::test::readFile;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

// The ground's entry of a written field file, on one line.
// The ground's boundary condition in a field file, as one line: "ground { type …; … }".
std::string groundEntry(const std::string& field) {
    const std::string flat = drafting::test::squeezed(field);
    const auto at = flat.find("ground {");
    return at == std::string::npos ? std::string() : flat.substr(at, flat.find('}', at) + 1 - at);
}

}  // namespace

TEST(ReferenceBody, TheAhmedBodyIsTakenAtItsOwnSizeWithItsFrontalArea) {
    TempDir tmp;
    const std::string path = tmp.path() + "/ahmed.stl";
    writeFile(path, AhmedBody().stl("ahmed"));
    const RunnerBody body = RunnerBody::fromReferenceStl(path);
    EXPECT_TRUE(RunnerBody::isClosedManifold(body.surface()));
    // vtkSTLReader reads single precision: sizes to a micrometre.
    EXPECT_NEAR(body.height(), 0.288, 1e-6);
    EXPECT_NEAR(body.depth(), 1.044, 1e-6);
    EXPECT_NEAR(body.width(), 0.389, 1e-6);
    // The raster of 2 mm cells measures W H = 0.112032 m2 (the reference area runnerDrag gets).
    EXPECT_NEAR(body.frontalArea(), AhmedBody::frontalArea(), 5e-3 * AhmedBody::frontalArea());
    const auto j = body.describe();
    EXPECT_EQ(j["pose"], "reference stl");
    EXPECT_FALSE(j.contains("mass_kg"));  // no athlete sized it
    // The user's route still scales a body to the athlete, and refuses this one: no athlete is
    // 0.288 m tall, and at 1.2 m it would be 4.35 m long.
    EXPECT_THROW(RunnerBody::fromStl(path, drafting::meshes::Athlete(1.2, 42.0)), GeometryError);
}

TEST(ReferenceBody, ABodyAtRestInAWindHasAStationaryNoSlipFloorAndRunnersKeepTheirMovingGround) {
    TempDir tmp;
    writeFile(tmp.path() + "/ahmed.stl", AhmedBody().stl("ahmed"));
    SweepConfig tunnel;
    tunnel.dimension = 3;
    tunnel.level = "coarse";
    tunnel.geometryStl = tmp.path() + "/ahmed.stl";
    tunnel.geometryAtOwnSize = true;
    tunnel.speed = 0.0;  // the model stands still; the wind is all headwind
    tunnel.headwind = 41.5;
    tunnel.domain = {2.1, 5.2, 1.5, 1.5, AhmedBody::kGroundClearance};
    CaseSpec spec;
    spec.name = "ahmed-25";
    spec.formation = "solo";
    spec.runners = {{"ahmed", 0.0, 0.0}};
    CaseWriter::write(tunnel, spec, tmp.path() + "/tunnel", "test");
    const std::string U = readFile(tmp.path() + "/tunnel/0/U");
    EXPECT_NE(groundEntry(U).find("type fixedValue; value uniform (0 0 0);"), std::string::npos) << groundEntry(U);
    EXPECT_NE(drafting::test::squeezed(U).find("internalField uniform (-41.5 0 0)"), std::string::npos);
    EXPECT_NE(groundEntry(readFile(tmp.path() + "/tunnel/0/k")).find("kqRWallFunction"), std::string::npos);
    const auto c = drafting::common::JsonFile::read(tmp.path() + "/tunnel/case.json");
    EXPECT_EQ(c["parameters"]["domain"]["ground"], "stationary wall (no slip)");
    EXPECT_NEAR(c["parameters"]["height_m"].get<double>(), 0.288, 1e-6);
    EXPECT_FALSE(c["parameters"].contains("mass_kg"));
    EXPECT_NEAR(c["parameters"]["frontal_area_m2"].get<double>(), 0.112032, 5e-3 * 0.112032);
    // The body floats at its ground clearance, unscaled.
    EXPECT_NEAR(drafting::test::lowestVertex(readFile(tmp.path() + "/tunnel/constant/triSurface/ahmed.stl")), 0.05, 1e-6);

    // A runner at 6 m/s into a 1 m/s headwind: the ground still moves at the running speed.
    SweepConfig runner;
    runner.dimension = 3;
    runner.level = "coarse";
    runner.speed = 6.0;
    runner.headwind = 1.0;
    spec.name = "solo";
    spec.runners = {{"lead", 0.0, 0.0}};
    CaseWriter::write(runner, spec, tmp.path() + "/runner", "test");
    EXPECT_NE(groundEntry(readFile(tmp.path() + "/runner/0/U")).find("value uniform (-6 0 0);"), std::string::npos);
    EXPECT_EQ(drafting::common::JsonFile::read(tmp.path() + "/runner/case.json")["parameters"]["domain"]["ground"],
              "wall moving with the air");
}
