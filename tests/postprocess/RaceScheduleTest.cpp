// The race schedule: segments read from a sweep, bad ones refused.
#include "postprocess/PacingError.hpp"
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

TEST(RaceSchedule, ReadsSegmentsFromASweepAndRefusesBadOnes) {
    TempDir dir;
    const std::string sweep = exactSweep(dir);
    const std::string file = dir.path() + "/race.cfg";
    test::writeFile(file, "[athlete]\nmass = 42\nheight = 1.57\n[race]\nbaseline_time = 4:07.64\nsweep = " + sweep +
                              "\nsegment = 800 ahead-f1.300000\nsegment = 1409.344 0.5\nsegment = 1609.344 alone\n");
    const auto schedule = post::RaceSchedule::load(file);
    post::PacingInputs in;
    const auto segments = schedule.resolve(in);
    ASSERT_EQ(segments.size(), 3u);
    EXPECT_NEAR(segments[0].dragSaving, std::exp(-std::pow(1.3 / 2.3, 1.7)), 1e-9);
    EXPECT_DOUBLE_EQ(segments[1].dragSaving, 0.5);
    EXPECT_DOUBLE_EQ(segments[2].dragSaving, 0.0);
    EXPECT_NEAR(*in.cdaM2, 7.0 / 26.5, 1e-12);

    auto refused = [&](const std::string& text, const std::string& field) {
        test::writeFile(file, text);
        try {
            post::PacingInputs unused;
            post::RaceSchedule::load(file).resolve(unused);
            ADD_FAILURE() << "accepted: " << text;
        } catch (const post::PacingError& e) {
            EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
        }
    };
    const std::string head = "[athlete]\nmass = 42\nheight = 1.57\n[race]\nbaseline_time = 4:07.64\n";
    refused(head + "segment = 1609.344 no-such-case\nsweep = " + sweep + "\n", "no such case");
    refused(head + "segment = 1609.344 ahead-f1.300000\n", "no race.sweep");
    refused(head + "segment = 1609.344 ../../etc\nsweep = " + sweep + "\n", "race.segment");
    refused(head + "segment = 1609.344 $(rm)\n", "race.segment");
    refused(head + "segment = fast alone\n", "race.segment");
    refused(head + "segment = 1609.344 1.5\n", "race.segment");
    refused("[athlete]\nmass = 42\nheight = 1.57\n[race]\nsegment = 1609.344 alone\n", "race.baseline_time");
    refused(head + "segment = 1609.344 alone\nsweep = /nonexistent\n", "race.sweep");
    refused(head + "segment = 1609.344 alone\nbogus = 1\n", "bogus");
}
