// The pacers' drag chart: one series per formation and pacer.
#include "postprocess/PacerDragPlot.hpp"
#include "postprocess/SavingsTable.hpp"
#include "TestSupport.hpp"
#include "support/ChartFixtures.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace drafting;
using drafting::test::TempDir;
namespace fs = std::filesystem;

TEST(PacerDragPlot, OneSeriesPerFormationAndPacer) {
    if (!test::canRender()) return;
    TempDir dir;
    test::writeChartSweep(dir.path(),
               {{"solo", {{"formation", "solo"}}, "ok", {7.0}},
                {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}, "ok", {1.4, 6.9}},
                {"ahead-f2", {{"formation", "ahead"}, {"front_gap_m", 2.0}}, "ok", {3.8, 7.0}},
                {"ahead-f3", {{"formation", "ahead"}, {"front_gap_m", 3.0}}, "failed", {3.8, 7.0}},
                {"behind-b1", {{"formation", "behind"}, {"back_gap_m", 1.0}}, "ok", {6.7, 4.0}},
                {"ahead-behind-f1.3-b1",
                 {{"formation", "ahead-behind"}, {"front_gap_m", 1.3}, {"back_gap_m", 1.0}},
                 "ok",
                 {2.0, 6.9, 4.2}}});
    const auto table = post::SavingsTable::fromSweep(dir.path());
    ASSERT_TRUE(table.rows()[1].bodies.at(1).savingCi95Pct.has_value());  // error bars drawn
    const std::string png = dir.path() + "/pacers.png", svg = dir.path() + "/pacers.svg";
    // ahead: pacer1; behind: pacer1; ahead-behind: pacer1, pacer2.
    EXPECT_EQ(post::PacerDragPlot::write(table, png, svg, "pacers"), 4);
    test::expectChart(png, svg);
}

TEST(PacerDragPlot, NoPacersWritesNoFiles) {
    TempDir dir;
    test::writeChartSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}},
                            {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}, "failed", {1.4, 6.9}}});
    const std::string png = dir.path() + "/p.png", svg = dir.path() + "/p.svg";
    EXPECT_EQ(post::PacerDragPlot::write(post::SavingsTable::fromSweep(dir.path()), png, svg, "t"), 0);
    EXPECT_FALSE(fs::exists(png));
    EXPECT_FALSE(fs::exists(svg));
}
