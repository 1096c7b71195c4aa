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

namespace {

// Runs a reference flow through the CLI and checks its tolerances and the force agreement.
void runReference(const std::string& name) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/" + name;
    const auto r = runCommand({DRAFT_CASES_BIN, "reference", name, "-o", dir, "--jobs", "2"});
    const auto results = drafting::cases::JsonFile::read(dir + "/results.json");
    for (const auto& c : results["checks"])
        EXPECT_TRUE(c["pass"].get<bool>()) << name << ": " << c.dump();
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    ASSERT_FALSE(results["stock_forces"].empty());
    for (const auto& [sub, a] : results["stock_forces"].items()) {
        ASSERT_TRUE(a.contains("relative_difference")) << sub << ": " << a.dump();
        EXPECT_LE(a["relative_difference"].get<double>(), 1e-6) << sub << ": runnerDrag differs from stock forces";
    }
}

}  // namespace

TEST(RegressionReference, SchaeferTurek2D1) {
    runReference("st-2d1");
}

TEST(RegressionReference, CylinderRe100) {
    runReference("cylinder-re100");
}

TEST(RegressionReference, TandemCylinders) {
    runReference("tandem-cylinders");
}

TEST(RegressionStockSolver, SimpleFoamLoadsRunnerDragAndMatchesDraftFoam) {
    TempDir tmp;
    const std::string cfg = tmp.path() + "/solo.cfg";
    writeFile(cfg, "name = stock\n[formation]\npreset = solo\n[solver]\nmax_iterations = 300\n");
    for (const char* app : {"draftFoam", "simpleFoam"}) {
        const auto r = runCommand({DRAFT_CASES_BIN, "sweep", cfg, "-o", tmp.path() + "/" + app, "--jobs", "1",
                                   "--solver.application", app});
        ASSERT_EQ(r.exitCode, 0) << app << ": " << r.out << r.err;
    }
    const auto own = drafting::cases::JsonFile::read(tmp.path() + "/draftFoam/solo/results.json");
    const auto stock = drafting::cases::JsonFile::read(tmp.path() + "/simpleFoam/solo/results.json");
    EXPECT_EQ(stock["parameters"]["application"], "simpleFoam");
    EXPECT_EQ(own["iterations"], stock["iterations"]);
    // Same SIMPLEC coupling, same function object: the same numbers.
    EXPECT_DOUBLE_EQ(own["bodies"]["lead"]["drag_N"].get<double>(), stock["bodies"]["lead"]["drag_N"].get<double>());
}

TEST(RegressionGuard, NonPhysicalDragStopsTheRunAsFailedWithTheReason) {
    TempDir tmp;
    const std::string cfg = tmp.path() + "/solo.cfg";
    writeFile(cfg, "name = guard\n[formation]\npreset = solo\n[solver]\nmax_iterations = 300\n");
    const std::string dir = tmp.path() + "/sweep";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "generate", cfg, "-o", dir}).exitCode, 0);

    // A solo runner's Cd is about 1; a guard that allows at most 0.5 must stop the run.
    const std::string controlDict = dir + "/solo/system/controlDict";
    std::string text = drafting::test::readFile(controlDict);
    const auto at = text.find("        residualTolerance");
    ASSERT_NE(at, std::string::npos);
    text.insert(at, "        divergence { maxCd 0.5; warmUp 20; }\n");
    writeFile(controlDict, text);

    const auto run = runCommand({DRAFT_CASES_BIN, "run", dir});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    const auto result = drafting::cases::JsonFile::read(dir + "/solo/results.json");
    EXPECT_EQ(result["status"], "failed");
    EXPECT_EQ(result["stop"], "diverged");
    EXPECT_NE(result["reason"].get<std::string>().find("non-physical drag on body lead"), std::string::npos)
        << result["reason"];
    EXPECT_LE(result["iterations"].get<int>(), 22);
    const auto manifest = drafting::cases::JsonFile::read(dir + "/manifest.json");
    EXPECT_EQ(manifest["cases"][0]["status"], "failed");
    EXPECT_EQ(manifest["cases"][0]["reason"], result["reason"]);
}

TEST(RegressionResume, AnInterruptedCaseRestartsCleanlyAndFinishedOnesAreUntouched) {
    TempDir tmp;
    const std::string cfg = tmp.path() + "/s.cfg";
    writeFile(cfg, "name = resume\n[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.3\n"
                   "[solver]\nmax_iterations = 400\n");
    const std::string dir = tmp.path() + "/sweep";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "sweep", cfg, "-o", dir, "--jobs", "2"}).exitCode, 0);
    const auto first = drafting::cases::JsonFile::read(dir + "/ahead-f1.3/results.json");
    const std::string soloBefore = drafting::test::treeSnapshot(dir + "/solo");

    // As if the runner was killed mid-solve: manifest still pending, a partial time folder and a
    // half-written force history in the case, no results.
    auto manifest = drafting::cases::JsonFile::read(dir + "/manifest.json");
    manifest["cases"][1]["status"] = "pending";
    drafting::cases::JsonFile::writeAtomic(dir + "/manifest.json", manifest);
    std::filesystem::remove(dir + "/ahead-f1.3/results.json");
    writeFile(dir + "/ahead-f1.3/57/U", "partial");
    writeFile(dir + "/ahead-f1.3/postProcessing/runnerDrag/0/runnerDrag.dat", "1\t9 9 9\t9 9 9\n");

    const auto again = runCommand({DRAFT_CASES_BIN, "run", dir});
    ASSERT_EQ(again.exitCode, 0) << again.out << again.err;
    EXPECT_NE(again.out.find("running 1 of 2 case(s)"), std::string::npos) << again.out;
    EXPECT_FALSE(std::filesystem::exists(dir + "/ahead-f1.3/57"));
    const auto second = drafting::cases::JsonFile::read(dir + "/ahead-f1.3/results.json");
    EXPECT_EQ(second["iterations"], first["iterations"]);
    for (const char* body : {"lead", "pacer1"})
        EXPECT_DOUBLE_EQ(second["bodies"][body]["drag_N"].get<double>(), first["bodies"][body]["drag_N"].get<double>())
            << body;
    EXPECT_EQ(drafting::test::treeSnapshot(dir + "/solo"), soloBefore);
}
