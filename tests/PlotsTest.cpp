#include "common/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "common/Process.hpp"
#include "postprocess/ForceHistory.hpp"
#include "postprocess/HistoryPlot.hpp"
#include "postprocess/ChartCanvas.hpp"
#include "postprocess/PacerDragPlot.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsPlot.hpp"
#include "postprocess/SavingsTable.hpp"
#include "TestSupport.hpp"
#include "support/RunnerDragFile.hpp"

#include <gtest/gtest.h>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkPNGReader.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <tuple>

using namespace drafting;
using drafting::test::kRunnerDragHeader;
using drafting::test::runnerDragFile;
using drafting::test::runnerDragLine;
using drafting::test::runnerDragPath;
using drafting::test::TempDir;
namespace fs = std::filesystem;

namespace {

nlohmann::json body(double drag) {
    return {{"drag_N", drag},       {"side_N", 0.0},      {"lift_N", 0.0}, {"drag_std_N", 0.01},
            {"drag_ci95_N", 0.05},  {"cda_m2", drag / 26.5}, {"cd", 0.9}, {"reference_area_m2", 0.365}};
}

// A sweep with a manifest and each case's results.json: {name, parameters, status, lead, pacer drags}.
struct FixtureCase {
    std::string name;
    nlohmann::json parameters;
    std::string status;
    std::vector<double> drags;  // lead first
};

void writeSweep(const std::string& dir, const std::vector<FixtureCase>& cases) {
    cases::Manifest m;
    m.sweepName = "t";
    m.config = cases::SweepConfig::parse("[run]\nspeed = 6.7\n");
    for (const auto& c : cases) {
        m.cases.push_back({c.name, c.parameters, c.status, ""});
        nlohmann::json bodies = nlohmann::json::object();
        for (std::size_t i = 0; i < c.drags.size(); ++i)
            bodies[i == 0 ? "lead" : "pacer" + std::to_string(i)] = body(c.drags[i]);
        fs::create_directories(dir + "/" + c.name);
        common::JsonFile::writeAtomic(dir + "/" + c.name + "/results.json",
                                     {{"case", c.name}, {"status", c.status},
                                      {"reason", c.status == "ok" ? "" : "diverged"}, {"iterations", 40},
                                      {"converged", true}, {"bodies", bodies}});
    }
    m.write(dir);
}

// VTK renders through X (draft-post re-runs itself under xvfb-run). Without a display this test runs itself again
// under xvfb-run, as draft-post does, and the caller returns: that run's verdict is the test's.
bool canRender() {
    const char* display = std::getenv("DISPLAY");
    if (display != nullptr && *display != '\0') return true;
    if (std::getenv("DRAFTING_XVFB") != nullptr) {
        ADD_FAILURE() << "no X display even under xvfb-run";
        return false;
    }
    const std::string xvfb = common::Process::which("xvfb-run");
    if (xvfb.empty()) {
        ADD_FAILURE() << "no DISPLAY and no xvfb-run (scripts/setup-deps.sh installs xvfb)";
        return false;
    }
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string filter = std::string(info->test_suite_name()) + "." + info->name();
    setenv("DRAFTING_XVFB", "1", 1);
    const auto r = test::runCommand({xvfb, "-a", "-s", "-screen 0 1280x1024x24", fs::read_symlink("/proc/self/exe").string(),
                                     "--gtest_filter=" + filter});
    unsetenv("DRAFTING_XVFB");
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("[  PASSED  ] 1 test"), std::string::npos) << r.out << r.err;
    return false;
}

// The PNG has the chart's size, is not one flat colour, and shows the first series' colour.
void expectChart(const std::string& png, const std::string& svg) {
    ASSERT_TRUE(fs::exists(png));
    ASSERT_TRUE(fs::exists(svg));
    vtkNew<vtkPNGReader> reader;
    reader->SetFileName(png.c_str());
    reader->Update();
    int dims[3];
    reader->GetOutput()->GetDimensions(dims);
    EXPECT_EQ(dims[0], post::ChartCanvas::kWidth);
    EXPECT_EQ(dims[1], post::ChartCanvas::kHeight);
    auto* image = reader->GetOutput();
    const int channels = image->GetNumberOfScalarComponents();
    ASSERT_GE(channels, 3);
    std::set<std::tuple<int, int, int>> colours;
    for (int y = 0; y < dims[1]; ++y) {
        for (int x = 0; x < dims[0]; ++x) {
            const auto* p = static_cast<unsigned char*>(image->GetScalarPointer(x, y, 0));
            colours.emplace(p[0], p[1], p[2]);
        }
    }
    EXPECT_GT(colours.size(), 2u);
    EXPECT_EQ(colours.count({0, 114, 178}), 1u) << "the first series' blue is not in the picture";
    const std::string text = test::readFile(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos);
    EXPECT_NE(text.find(std::to_string(post::ChartCanvas::kWidth)), std::string::npos);
    EXPECT_NE(text.find(std::to_string(post::ChartCanvas::kHeight)), std::string::npos);
}

}  // namespace

TEST(PlotsForceHistory, ParsesWhatTheFunctionObjectWrites) {
    TempDir dir;
    test::writeFile(runnerDragPath(dir.path(), "0"), runnerDragFile(1, 5, 10.0, 7.0));
    const auto h = post::ForceHistory::read(dir.path());
    ASSERT_EQ(h.x().size(), 5u);
    EXPECT_DOUBLE_EQ(h.x().front(), 1.0);
    EXPECT_DOUBLE_EQ(h.x().back(), 5.0);
    EXPECT_FALSE(h.isTime());
    EXPECT_EQ(h.xLabel(), "iteration");
    ASSERT_EQ(h.bodies().size(), 2u);
    EXPECT_EQ(h.bodies()[0].name, "lead");
    EXPECT_EQ(h.bodies()[1].name, "pacer1");
    EXPECT_DOUBLE_EQ(h.body("lead").drag[2], 10.3);
    EXPECT_DOUBLE_EQ(h.body("lead").side[2], 0.01);
    EXPECT_DOUBLE_EQ(h.body("lead").lift[2], -0.02);
    EXPECT_DOUBLE_EQ(h.body("pacer1").drag[4], 7.0);
    EXPECT_DOUBLE_EQ(h.body("pacer1").lift[4], 0.04);
    EXPECT_THROW(h.body("pacer2"), post::PostError);
}

TEST(PlotsForceHistory, TransientCaseHasTimeOnX) {
    TempDir dir;
    // The function object's header says Iteration in both modes; the ddt scheme tells.
    test::writeFile(dir.path() + "/system/fvSchemes", "ddtSchemes { default backward; }\n");
    test::writeFile(runnerDragPath(dir.path(), "0"),
                    kRunnerDragHeader + runnerDragLine(1, 5.0, 6.0) + runnerDragLine(2, 5.1, 6.1));
    const auto h = post::ForceHistory::read(dir.path());
    EXPECT_TRUE(h.isTime());
    EXPECT_EQ(h.xLabel(), "time [s]");

    TempDir steady;
    test::writeFile(steady.path() + "/system/fvSchemes", "ddtSchemes { default steadyState; }\n");
    test::writeFile(runnerDragPath(steady.path(), "0"), kRunnerDragHeader + runnerDragLine(1, 5.0, 6.0));
    EXPECT_FALSE(post::ForceHistory::read(steady.path()).isTime());

    TempDir noSchemes;  // fractional x can only be time
    test::writeFile(runnerDragPath(noSchemes.path(), "0"),
                    kRunnerDragHeader + runnerDragLine(0.0125, 5.0, 6.0) + runnerDragLine(0.025, 5.0, 6.0));
    EXPECT_TRUE(post::ForceHistory::read(noSchemes.path()).isTime());
}

TEST(PlotsHistory, SweepChartHasOneLinePerOkCase) {
    if (!canRender()) return;
    TempDir dir;
    writeSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}},
                            {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}, "ok", {2.0, 6.8}},
                            {"ahead-f2", {{"formation", "ahead"}, {"front_gap_m", 2.0}}, "failed", {3.0, 6.9}}});
    for (const auto& [name, lead] : std::vector<std::pair<std::string, double>>{{"solo", 7.0}, {"ahead-f1", 2.0}, {"ahead-f2", 3.0}})
        test::writeFile(runnerDragPath(dir.path() + "/" + name, "0"), runnerDragFile(1, 40, lead, 6.8));
    const auto table = post::SavingsTable::fromSweep(dir.path());
    const std::string png = dir.path() + "/history.png", svg = dir.path() + "/history.svg";
    EXPECT_EQ(post::HistoryPlot::writeSweep(table, dir.path(), png, svg, "drag histories"), 2);
    expectChart(png, svg);
}

TEST(PlotsHistory, CaseChartHasOneLinePerRunner) {
    if (!canRender()) return;
    TempDir dir;
    test::writeFile(runnerDragPath(dir.path(), "0"), runnerDragFile(1, 40, 2.0, 6.8));
    const auto h = post::ForceHistory::read(dir.path());
    const std::string png = dir.path() + "/case.png", svg = dir.path() + "/case.svg";
    EXPECT_EQ(post::HistoryPlot::writeCase(h, png, svg, "ahead-f1"), 2);
    expectChart(png, svg);
}

TEST(PlotsHistory, NothingToDrawWritesNoFiles) {
    TempDir dir;
    const std::string png = dir.path() + "/h.png", svg = dir.path() + "/h.svg";
    EXPECT_EQ(post::HistoryPlot::writeSweep(std::vector<std::pair<std::string, post::ForceHistory>>{}, png, svg, "t"), 0);
    // Cases whose histories are gone are left out.
    writeSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}}});
    EXPECT_EQ(post::HistoryPlot::writeSweep(post::SavingsTable::fromSweep(dir.path()), dir.path(), png, svg, "t"), 0);
    EXPECT_FALSE(fs::exists(png));
    EXPECT_FALSE(fs::exists(svg));
}

TEST(PlotsPacerDrag, OneSeriesPerFormationAndPacer) {
    if (!canRender()) return;
    TempDir dir;
    writeSweep(dir.path(),
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
    expectChart(png, svg);
}

// The legend stands beside the plot area: a point in the top right corner, where the legend used
// to be drawn over the data, stays visible.
TEST(PlotsChartCanvas, TheLegendStandsBesideThePlotAreaNotOverTheData) {
    if (!canRender()) return;
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
TEST(PlotsChartCanvas, EverySeriesALegendListsHasItsOwnColour) {
    EXPECT_GE(post::ChartCanvas::distinctColours(), post::HistoryPlot::kMaxLegend);
    std::set<std::array<unsigned char, 3>> seen;
    for (int i = 0; i < post::ChartCanvas::distinctColours(); ++i) seen.insert(post::ChartCanvas::colour(i));
    EXPECT_EQ(static_cast<int>(seen.size()), post::ChartCanvas::distinctColours());
    EXPECT_EQ(post::ChartCanvas::colour(post::ChartCanvas::distinctColours()), post::ChartCanvas::colour(0));
}

// The fitted curve is in the legend with how well it fits, so the plot shows a poor fit as such.
TEST(PlotsSavings, TheFitsLegendEntrySaysHowWellItFits) {
    if (!canRender()) return;
    TempDir dir;
    writeSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}},
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
    expectChart(png, svg);
    auto exact = fits[0];
    exact.status = "exact";
    exact.gaps.resize(2);
    EXPECT_EQ(post::SavingsPlot::fitLabel(exact), "fit, exact through 2 points");
}

TEST(PlotsPacerDrag, NoPacersWritesNoFiles) {
    TempDir dir;
    writeSweep(dir.path(), {{"solo", {{"formation", "solo"}}, "ok", {7.0}},
                            {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}, "failed", {1.4, 6.9}}});
    const std::string png = dir.path() + "/p.png", svg = dir.path() + "/p.svg";
    EXPECT_EQ(post::PacerDragPlot::write(post::SavingsTable::fromSweep(dir.path()), png, svg, "t"), 0);
    EXPECT_FALSE(fs::exists(png));
    EXPECT_FALSE(fs::exists(svg));
}
