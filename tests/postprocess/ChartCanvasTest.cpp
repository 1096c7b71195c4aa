// The chart canvas every plot draws on: its legend and its colours.
#include "postprocess/ChartCanvas.hpp"
#include "postprocess/HistoryPlot.hpp"
#include "TestSupport.hpp"
#include "support/ChartFixtures.hpp"

#include <gtest/gtest.h>

#include <vtkChartLegend.h>
#include <vtkChartXY.h>

#include <array>
#include <set>

using namespace drafting;
using drafting::test::TempDir;

// The legend stands beside the plot area: a point in the top right corner, where the legend used
// to be drawn over the data, stays visible.
TEST(ChartCanvas, TheLegendStandsBesideThePlotAreaNotOverTheData) {
    if (!test::canRender()) return;
    TempDir dir;
    post::ChartCanvas canvas("legend", "x", "y");
    canvas.addSeries("a series with a long name in the legend", {{0.0, 0.0}, {1.0, 1.0}}, 0);
    canvas.addSeries("another", {{0.5, 0.2}}, 1);
    canvas.write(dir.path() + "/c.png", dir.path() + "/c.svg");
    const float plotRight = canvas.chart()->GetPoint2()[0];
    const float legendLeft = canvas.chart()->GetLegend()->GetPointVector().GetX();
    EXPECT_GE(legendLeft, plotRight) << "the legend starts inside the plot area";
    EXPECT_LT(legendLeft, static_cast<float>(post::ChartCanvas::kWidth)) << "the legend is off the picture";
}

// Every series a history legend can list has a colour of its own (the legend stops at kMaxLegend).
TEST(ChartCanvas, EverySeriesALegendListsHasItsOwnColour) {
    EXPECT_GE(post::ChartCanvas::distinctColours(), post::HistoryPlot::kMaxLegend);
    std::set<std::array<unsigned char, 3>> seen;
    for (int i = 0; i < post::ChartCanvas::distinctColours(); ++i) seen.insert(post::ChartCanvas::colour(i));
    EXPECT_EQ(static_cast<int>(seen.size()), post::ChartCanvas::distinctColours());
    EXPECT_EQ(post::ChartCanvas::colour(post::ChartCanvas::distinctColours()), post::ChartCanvas::colour(0));
}
