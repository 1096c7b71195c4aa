// The drag-history charts: one line per ok case of a sweep, one per runner of a case.
#include "postprocess/HistoryPlot.hpp"
#include "TestSupport.hpp"
#include "support/ChartFixtures.hpp"
#include "support/RunnerDragFile.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace drafting;
using drafting::test::runnerDragFile;
using drafting::test::runnerDragPath;
using drafting::test::TempDir;
namespace fs = std::filesystem;

TEST(HistoryPlot, SweepChartHasOneLinePerOkCase) {
    if (!test::canRender()) return;
    TempDir dir;
    test::writeChartSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}},
                            {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}, "ok", {2.0, 6.8}},
                            {"ahead-f2", {{"formation", "ahead"}, {"front_gap_m", 2.0}}, "failed", {3.0, 6.9}}});
    for (const auto& [name, lead] : std::vector<std::pair<std::string, double>>{{"solo", 7.0}, {"ahead-f1", 2.0}, {"ahead-f2", 3.0}})
        test::writeFile(runnerDragPath(dir.path() + "/" + name, "0"), runnerDragFile(1, 40, lead, 6.8));
    const auto table = post::SavingsTable::fromSweep(dir.path());
    const std::string png = dir.path() + "/history.png", svg = dir.path() + "/history.svg";
    EXPECT_EQ(post::HistoryPlot::writeSweep(table, dir.path(), png, svg, "drag histories"), 2);
    test::expectChart(png, svg);
}

TEST(HistoryPlot, CaseChartHasOneLinePerRunner) {
    if (!test::canRender()) return;
    TempDir dir;
    test::writeFile(runnerDragPath(dir.path(), "0"), runnerDragFile(1, 40, 2.0, 6.8));
    const auto h = post::ForceHistory::read(dir.path());
    const std::string png = dir.path() + "/case.png", svg = dir.path() + "/case.svg";
    EXPECT_EQ(post::HistoryPlot::writeCase(h, png, svg, "ahead-f1"), 2);
    test::expectChart(png, svg);
}

TEST(HistoryPlot, NothingToDrawWritesNoFiles) {
    TempDir dir;
    const std::string png = dir.path() + "/h.png", svg = dir.path() + "/h.svg";
    EXPECT_EQ(post::HistoryPlot::writeSweep(std::vector<std::pair<std::string, post::ForceHistory>>{}, png, svg, "t"), 0);
    // Cases whose histories are gone are left out.
    test::writeChartSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}}});
    EXPECT_EQ(post::HistoryPlot::writeSweep(post::SavingsTable::fromSweep(dir.path()), dir.path(), png, svg, "t"), 0);
    EXPECT_FALSE(fs::exists(png));
    EXPECT_FALSE(fs::exists(svg));
}
