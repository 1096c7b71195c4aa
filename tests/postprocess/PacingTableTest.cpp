// The pacing table: a mile time for every formation, none for a non-physical drag.
#include "postprocess/PacingError.hpp"
#include "postprocess/PacingTable.hpp"
#include "postprocess/RaceSchedule.hpp"
#include "postprocess/SavingsTable.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "TestSupport.hpp"
#include "support/PacingFixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace drafting;
using drafting::test::TempDir;
using drafting::test::exactSweep;
using drafting::test::kipyegon;
using drafting::test::writeCase;

TEST(PacingTable, EveryFormationGetsAMileTimeFromTheSoloDragArea) {
    TempDir dir;
    const std::string sweep = exactSweep(dir);
    const auto table = post::SavingsTable::fromSweep(sweep);
    const auto pacing = post::PacingTable::build(table, cases::files::Manifest::read(sweep).config);
    EXPECT_EQ(pacing.baselineSource(), "pacing.baseline_time");
    EXPECT_NEAR(*pacing.inputs().cdaM2, 7.0 / 26.5, 1e-12);
    ASSERT_EQ(pacing.rows().size(), 6u);
    EXPECT_EQ(pacing.rows()[0].prediction->timeS, 247.64);  // solo: the baseline itself
    double last = 0.0;
    for (std::size_t i = 1; i < pacing.rows().size(); ++i) {  // larger gaps, less saving, slower
        ASSERT_TRUE(pacing.rows()[i].prediction.has_value());
        EXPECT_GT(pacing.rows()[i].prediction->timeS, last);
        EXPECT_LT(pacing.rows()[i].prediction->timeS, 247.64);
        last = pacing.rows()[i].prediction->timeS;
    }
    pacing.writeCsv(dir.path() + "/pacing.csv");
    const std::string csv = test::readFile(dir.path() + "/pacing.csv");
    EXPECT_EQ(csv.rfind("case,formation,front_gap_m,back_gap_m,lateral_m,drag_saving_pct,", 0), 0u);
    EXPECT_NE(csv.find("solo,solo,,,,0,0,0,0,0,"), std::string::npos) << csv;
}

TEST(PacingTable, NegativeDragGetsNoPredictionAndNoRace) {
    TempDir dir;
    const std::string sweep = exactSweep(dir);
    writeCase(sweep, "ahead-f0.800000", -0.5);  // pushed forward: saving 107 %, non-physical
    const auto table = post::SavingsTable::fromSweep(sweep);
    const auto pacing = post::PacingTable::build(table, cases::files::Manifest::read(sweep).config);
    EXPECT_FALSE(pacing.rows()[1].prediction.has_value());
    EXPECT_NE(pacing.rows()[1].note.find("failed: non-physical drag on lead"), std::string::npos)
        << pacing.rows()[1].note;

    const std::string file = dir.path() + "/race.cfg";
    test::writeFile(file, "[athlete]\nmass = 42\nheight = 1.57\n[race]\nbaseline_time = 4:07.64\nsweep = " + sweep +
                              "\nsegment = 1609.344 ahead-f0.800000\n");
    post::PacingInputs in;
    try {
        post::RaceSchedule::load(file).resolve(in);
        FAIL() << "a saving above 100 % was accepted";
    } catch (const post::PacingError& e) {
        EXPECT_NE(std::string(e.what()).find("race.segment = 'ahead-f0.800000': that case failed: non-physical"),
                  std::string::npos)
            << e.what();
    }
}

// A sweep run in one wind (issue 16): its drags are not those of a mile in calm air, so the table
// predicts no mile time and the race replay refuses the sweep, naming it.
TEST(PacingTable, ASweepRunInAWindPredictsNothing) {
    TempDir dir;
    const std::string sweep = exactSweep(dir);
    auto m = cases::files::Manifest::read(sweep);
    m.config = cases::config::SweepConfig::parse("[run]\nspeed = 6.7056\nwind_speed = 2\nwind_direction = 90\n");
    m.write(sweep);
    const auto pacing = post::PacingTable::build(post::SavingsTable::fromSweep(sweep), m.config);
    for (const auto& row : pacing.rows()) {
        EXPECT_FALSE(row.prediction) << row.caseName;
        EXPECT_EQ(row.note, post::PacingTable::kNotInWind);
    }
    const std::string schedule = dir.path() + "/race.cfg";
    test::writeFile(schedule, "[athlete]\nmass = 42\nheight = 1.57\n[race]\nbaseline_time = 4:07.64\nsweep = " + sweep +
                                  "\nsegment = 1609.344 ahead-f" + std::to_string(1.3) + "\n");
    post::PacingInputs inputs;
    try {
        post::RaceSchedule::load(schedule).resolve(inputs);
        FAIL() << "a race replayed from a sweep in a wind";
    } catch (const post::PacingError& e) {
        EXPECT_NE(std::string(e.what()).find("race.sweep"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("calm air"), std::string::npos) << e.what();
    }
}
