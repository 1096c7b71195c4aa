// The savings chart: the fit's legend entry says how well it fits.
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsPlot.hpp"
#include "postprocess/SavingsTable.hpp"
#include "TestSupport.hpp"
#include "support/ChartFixtures.hpp"

#include <gtest/gtest.h>

using namespace drafting;
using drafting::test::TempDir;

// The fitted curve is in the legend with how well it fits, so the plot shows a poor fit as such.
TEST(SavingsPlot, TheFitsLegendEntrySaysHowWellItFits) {
    if (!test::canRender()) return;
    TempDir dir;
    test::writeChartSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}},
                            {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}, "ok", {1.4, 6.9}},
                            {"ahead-f2", {{"formation", "ahead"}, {"front_gap_m", 2.0}}, "ok", {3.8, 7.0}},
                            {"ahead-f3", {{"formation", "ahead"}, {"front_gap_m", 3.0}}, "ok", {4.0, 7.0}}});
    const auto table = post::SavingsTable::fromSweep(dir.path());
    const auto fits = post::SavingsFit::fit(table);
    ASSERT_EQ(fits.size(), 1u);
    ASSERT_EQ(fits[0].status, "fitted");
    const std::string label = post::SavingsPlot::fitLabel(fits[0]);
    char expected[64];
    std::snprintf(expected, sizeof(expected), "fit, rms misfit %.2f pt over 3 points", fits[0].rmse);
    EXPECT_EQ(label, expected);
    EXPECT_GT(fits[0].rmse, 0.5);  // three points the curve cannot pass through: a misfit to show
    const std::string png = dir.path() + "/savings.png", svg = dir.path() + "/savings.svg";
    EXPECT_EQ(post::SavingsPlot::write(table, png, svg, "savings", fits), 1);
    test::expectChart(png, svg);
    auto exact = fits[0];
    exact.status = "exact";
    exact.gaps.resize(2);
    EXPECT_EQ(post::SavingsPlot::fitLabel(exact), "fit, exact through 2 points");
}
