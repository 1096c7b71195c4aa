// runnerDrag's bodyAref on a solved case: a pacer of its own size (issue 16) has its Cd, and the
// divergence guard's, on its own frontal area, through the whole route: config, case writer,
// meshes and solver.
#include "common/JsonFile.hpp"
#include "meshes/Athlete.hpp"
#include "TestSupport.hpp"
#include "support/Close.hpp"

#include <gtest/gtest.h>

#include <cmath>

using drafting::test::TempDir;

TEST(RunnerDragArea, APacerOfItsOwnSizeHasItsCdOnItsOwnArea) {
    TempDir tmp;
    const std::string cfg = tmp.path() + "/own.cfg";
    drafting::test::writeFile(cfg, "name = own\n[pacers]\nheight = 1.80\nmass = 65\n[formation]\npreset = ahead\n"
                                   "[sweep]\nfront_gap = 1.3\n[mesh]\ndimension = 2\nlevel = coarse\n"
                                   "[solver]\nmax_iterations = 60\n");
    const auto run = drafting::test::runCommand({DRAFT_CASES_BIN, "sweep", cfg, "-o", tmp.path() + "/sweep", "--jobs", "1"});
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const std::string caseDir = tmp.path() + "/sweep/ahead-f1.3";
    const auto results = drafting::common::JsonFile::read(caseDir + "/results.json");
    ASSERT_EQ(results["status"], "ok") << results.dump();
    const auto& p = results["parameters"];
    // 2D: the pacer's own section over the slab's one span, her height.
    const double leadArea = p["frontal_area_m2"].get<double>();
    const double pacerArea = drafting::meshes::Athlete(1.80, 65).sectionWidth() * 1.57;
    EXPECT_CLOSE(p["runners"][1]["frontal_area_m2"].get<double>(), pacerArea, 1e-12, 0.0);
    EXPECT_DOUBLE_EQ(p["runners"][1]["height_m"].get<double>(), 1.80);
    EXPECT_FALSE(p["runners"][0].contains("frontal_area_m2"));
    const auto& lead = results["bodies"]["lead"];
    const auto& pacer = results["bodies"]["pacer1"];
    EXPECT_CLOSE(lead["reference_area_m2"].get<double>(), leadArea, 1e-6, 0.0);  // as the dictionary wrote it
    EXPECT_CLOSE(pacer["reference_area_m2"].get<double>(), pacerArea, 1e-6, 0.0);
    const double q = 0.5 * p["air_density_kg_m3"].get<double>() * std::pow(p["air_speed_mps"].get<double>(), 2);
    EXPECT_CLOSE(pacer["cd"].get<double>() * q * pacerArea, pacer["drag_N"].get<double>(), 1e-6, 0.0);
    EXPECT_CLOSE(lead["cd"].get<double>() * q * leadArea, lead["drag_N"].get<double>(), 1e-6, 0.0);
    const std::string control = drafting::test::squeezed(drafting::test::readFile(caseDir + "/system/controlDict"));
    EXPECT_NE(control.find("bodyAref { pacer1 "), std::string::npos) << control;
}
