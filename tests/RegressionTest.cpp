// End to end: a small 2D sweep meshed, solved with draftFoam and reduced with draft-post.
#include "cases/JsonFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using drafting::test::runCommand;
using drafting::test::TempDir;
using drafting::test::writeFile;

TEST(RegressionSweep2D, TrailingAPacerSavesDragAndClosestGapSavesMost) {
    TempDir tmp;
    const std::string cfg = tmp.path() + "/small.cfg";
    writeFile(cfg,
              "name = regression-2d\n"
              "[formation]\npreset = ahead\n"
              "[sweep]\nfront_gap = 1.0, 2.5\n"
              "[solver]\nmax_iterations = 1500\n");
    const std::string dir = tmp.path() + "/sweep";
    const auto run = runCommand({DRAFT_CASES_BIN, "sweep", cfg, "-o", dir, "--jobs", "2"});
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;

    const auto post = runCommand({DRAFT_POST_BIN, dir, "--no-plot"});
    ASSERT_EQ(post.exitCode, 0) << post.out << post.err;
    const auto savings = drafting::cases::JsonFile::read(dir + "/savings.json");
    const double solo = savings["drag_solo_N"].get<double>();
    EXPECT_GT(solo, 1.0);
    EXPECT_LT(solo, 100.0);

    double close = NAN, far = NAN;
    for (const auto& row : savings["rows"]) {
        ASSERT_EQ(row["status"], "ok") << row.dump();
        if (row["formation"] == "solo") continue;
        const double gap = row["front_gap_m"].get<double>();
        (gap < 2.0 ? close : far) = row["saving_pct"].get<double>();
    }
    // Behind a pacer the lead runner saves drag, and more at 1.0 m than at 2.5 m.
    EXPECT_GT(close, 20.0);
    EXPECT_GT(far, 0.0);
    EXPECT_GT(close, far);

    // Stock runnerDrag output is the case's own machine-readable result.
    const auto lead = drafting::cases::JsonFile::read(dir + "/ahead-f1/results.json");
    EXPECT_EQ(lead["parameters"]["formation"], "ahead");
    EXPECT_GT(lead["mesh"]["cells"].get<long>(), 1000);
    EXPECT_TRUE(lead["bodies"].contains("pacer1"));

    // A second run reuses the finished cases.
    const auto again = runCommand({DRAFT_CASES_BIN, "sweep", cfg, "-o", dir});
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("kept 3 finished case(s)"), std::string::npos) << again.out;
}
