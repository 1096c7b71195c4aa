#include "cases/CaseResult.hpp"
#include "cases/CaseRunner.hpp"
#include "cases/ConfigError.hpp"
#include "cases/ForceAgreement.hpp"
#include "common/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "cases/Progress.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SavingsTable.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

using namespace drafting;
using drafting::test::TempDir;

namespace {

nlohmann::json bodyJson(double drag, double cd = 0.9) {
    return {{"drag_N", drag}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01},
            {"cda_m2", drag / 26.5}, {"cd", cd}, {"reference_area_m2", 0.365}};
}

void writeCase(const std::string& dir, const std::string& name, const std::string& status, double leadDrag) {
    std::filesystem::create_directories(dir + "/" + name);
    nlohmann::json r = {{"case", name}, {"status", status}, {"reason", status == "ok" ? "" : "diverged"},
                        {"iterations", 500}, {"converged", true}, {"bodies", {{"lead", bodyJson(leadDrag)}}}};
    drafting::common::JsonFile::writeAtomic(dir + "/" + name + "/results.json", r);
}

cases::Manifest manifestWith(const std::vector<std::pair<std::string, nlohmann::json>>& cases) {
    cases::Manifest m;
    m.sweepName = "t";
    m.config = cases::SweepConfig::parse("[run]\nspeed = 6.7\n");
    for (const auto& [name, params] : cases) m.cases.push_back({name, params, "ok", ""});
    return m;
}

}  // namespace

TEST(CaseResult, RoundTripsThroughJson) {
    cases::CaseResult r;
    r.caseName = "ahead-f1.3";
    r.status = "ok";
    r.iterations = 812;
    r.converged = true;
    r.bodies["lead"] = {10.5, 0.1, 0.0, 0.02, 0.4, 1.1, 0.365};
    r.parameters = {{"front_gap_m", 1.3}};
    const auto back = cases::CaseResult::fromJson(r.toJson());
    EXPECT_EQ(back.caseName, "ahead-f1.3");
    EXPECT_EQ(back.iterations, 812);
    EXPECT_TRUE(back.converged);
    EXPECT_DOUBLE_EQ(back.bodies.at("lead").dragN, 10.5);
    EXPECT_DOUBLE_EQ(back.bodies.at("lead").cd, 1.1);
    EXPECT_DOUBLE_EQ(back.parameters["front_gap_m"].get<double>(), 1.3);
}

TEST(CaseResult, KeepsKeysItDoesNotModel) {
    nlohmann::json j = {{"status", "ok"}, {"stop", "settled"}, {"bodies", {{"lead", bodyJson(8.0)}}}};
    j["bodies"]["lead"]["strouhal"] = 0.2;
    j["bodies"]["lead"]["drag_ci95_N"] = 0.05;
    auto r = cases::CaseResult::fromJson(j);
    r.parameters = {{"front_gap_m", 1.0}};
    const auto out = r.toJson();
    EXPECT_EQ(out["stop"], "settled");
    EXPECT_DOUBLE_EQ(out["bodies"]["lead"]["strouhal"].get<double>(), 0.2);
    EXPECT_DOUBLE_EQ(out["bodies"]["lead"]["drag_ci95_N"].get<double>(), 0.05);
    EXPECT_DOUBLE_EQ(out["parameters"]["front_gap_m"].get<double>(), 1.0);
}

TEST(CaseResult, NullForceReadsAsNaNAndFailsThePhysicalCheck) {
    nlohmann::json j = {{"status", "ok"}, {"bodies", {{"lead", bodyJson(1.0)}}}};
    j["bodies"]["lead"]["drag_N"] = nullptr;
    auto r = cases::CaseResult::fromJson(j);
    EXPECT_TRUE(std::isnan(r.bodies.at("lead").dragN));
    EXPECT_FALSE(r.checkPhysical());
    EXPECT_EQ(r.status, "failed");
    EXPECT_NE(r.reason.find("non-finite"), std::string::npos);
}

TEST(CaseResult, AbsurdDragCoefficientIsMarkedNonPhysical) {
    auto r = cases::CaseResult::fromJson({{"status", "ok"}, {"bodies", {{"lead", bodyJson(500.0, 45.0)}}}});
    EXPECT_FALSE(r.checkPhysical());
    EXPECT_NE(r.reason.find("non-physical drag on lead"), std::string::npos) << r.reason;
}

TEST(CaseResult, PlausibleResultPasses) {
    auto r = cases::CaseResult::fromJson({{"status", "ok"}, {"bodies", {{"lead", bodyJson(8.0, 1.1)}}}});
    EXPECT_TRUE(r.checkPhysical());
    EXPECT_TRUE(r.ok());
}

TEST(CaseResult, AFailureKeepsItsKindThroughResultsJsonAndAnOkResultHasNone) {
    using Failure = cases::CaseResult::Failure;
    for (const Failure kind : {Failure::badCase, Failure::couldNotStart, Failure::stepExited, Failure::meshCheck,
                               Failure::solverStopped, Failure::noResults, Failure::nonPhysical, Failure::notThisCase}) {
        cases::CaseResult r;
        r.reason = "why";
        r.failure = kind;
        const auto j = r.toJson();
        ASSERT_TRUE(j.contains("failure")) << j.dump();
        EXPECT_FALSE(j.at("failure").get<std::string>().empty());
        EXPECT_EQ(cases::CaseResult::fromJson(j).failure, kind) << j.dump();
    }
    // Written before kinds existed: failed, kind unknown.
    EXPECT_EQ(cases::CaseResult::fromJson({{"status", "failed"}, {"reason", "old"}}).failure, Failure::none);
    // A result that is ok again drops the kind its source had.
    auto r = cases::CaseResult::fromJson({{"status", "failed"}, {"failure", "step-exited"}});
    r.status = "ok";
    EXPECT_FALSE(r.toJson().contains("failure"));
}

TEST(CaseResult, AKindOfFailureFromANewerToolReadsAsUnknownAndAWrongTypeIsRefused) {
    const auto r = cases::CaseResult::fromJson({{"status", "failed"}, {"failure", "gremlins"}}, "x/results.json");
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.failure, cases::CaseResult::Failure::none);
    try {
        cases::CaseResult::fromJson({{"status", "failed"}, {"failure", 7}}, "x/results.json");
        FAIL() << "accepted";
    } catch (const cases::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("failure = '7': not a string"), std::string::npos) << e.what();
    }
}

TEST(CaseResult, ThePhysicalAndOwnershipChecksRecordTheirKind) {
    auto absurd = cases::CaseResult::fromJson({{"status", "ok"}, {"bodies", {{"lead", bodyJson(500.0, 45.0)}}}});
    EXPECT_FALSE(absurd.checkPhysical());
    EXPECT_EQ(absurd.failure, cases::CaseResult::Failure::nonPhysical);
    auto copied = cases::CaseResult::fromJson(
        {{"case", "ahead-f1"}, {"status", "ok"}, {"bodies", {{"lead", bodyJson(8.0, 1.1)}}}});
    EXPECT_FALSE(copied.checkBelongsTo("ahead-f2", nlohmann::json::object(), "ahead-f2/results.json"));
    EXPECT_EQ(copied.failure, cases::CaseResult::Failure::notThisCase);
}

TEST(CaseRunnerRetry, OnlyAProgramThatExitedOrDidNotStartIsRetried) {
    using Failure = cases::CaseResult::Failure;
    EXPECT_TRUE(cases::CaseRunner::retryable(Failure::stepExited));
    EXPECT_TRUE(cases::CaseRunner::retryable(Failure::couldNotStart));
    for (const Failure kind : {Failure::none, Failure::badCase, Failure::meshCheck, Failure::solverStopped,
                               Failure::noResults, Failure::nonPhysical, Failure::notThisCase})
        EXPECT_FALSE(cases::CaseRunner::retryable(kind)) << cases::CaseResult::failureName(kind);
}

TEST(CaseResult, RejectsUnknownStatus) {
    EXPECT_THROW(cases::CaseResult::fromJson({{"status", "maybe"}}), cases::RunError);
    EXPECT_THROW(cases::CaseResult::fromJson(nlohmann::json::array()), cases::RunError);
}

TEST(JsonFile, AtomicWriteLeavesNoTemporary) {
    TempDir dir;
    drafting::common::JsonFile::writeAtomic(dir.path() + "/a.json", {{"x", 1}});
    EXPECT_TRUE(std::filesystem::exists(dir.path() + "/a.json"));
    EXPECT_FALSE(std::filesystem::exists(dir.path() + "/a.json.tmp"));
    EXPECT_EQ(drafting::common::JsonFile::read(dir.path() + "/a.json")["x"], 1);
}

TEST(JsonFile, GarbageIsAnErrorNotAValue) {
    TempDir dir;
    test::writeFile(dir.path() + "/bad.json", "{\"x\": ");
    // Bad input, not the machine's failure (JsonFile.hpp): ConfigError.
    EXPECT_THROW(drafting::common::JsonFile::read(dir.path() + "/bad.json"), cases::ConfigError);
}

TEST(SavingsTable, SavingIsRelativeToSolo) {
    TempDir dir;
    const auto m = manifestWith({{"solo", {{"formation", "solo"}}},
                                 {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}},
                                 {"behind-b1", {{"formation", "behind"}, {"back_gap_m", 1.0}}}});
    m.write(dir.path());
    writeCase(dir.path(), "solo", "ok", 10.0);
    writeCase(dir.path(), "ahead-f1", "ok", 4.0);
    writeCase(dir.path(), "behind-b1", "ok", 9.5);
    const auto t = post::SavingsTable::fromSweep(dir.path());
    ASSERT_EQ(t.rows().size(), 3u);
    EXPECT_DOUBLE_EQ(t.soloDrag(), 10.0);
    EXPECT_NEAR(*t.rows()[0].savingPct, 0.0, 1e-12);
    EXPECT_NEAR(*t.rows()[1].savingPct, 60.0, 1e-12);
    EXPECT_NEAR(*t.rows()[2].savingPct, 5.0, 1e-12);
    EXPECT_FALSE(t.rows()[2].frontGap.has_value());
}

TEST(SavingsTable, FailedAndMissingCasesAreListedWithReasonAndNoNumbers) {
    TempDir dir;
    const auto m = manifestWith({{"solo", {{"formation", "solo"}}},
                                 {"a", {{"formation", "ahead"}, {"front_gap_m", 1.0}}},
                                 {"b", {{"formation", "ahead"}, {"front_gap_m", 2.0}}}});
    m.write(dir.path());
    writeCase(dir.path(), "solo", "ok", 10.0);
    writeCase(dir.path(), "a", "failed", 4.0);
    const auto t = post::SavingsTable::fromSweep(dir.path());
    EXPECT_EQ(t.rows()[1].status, "failed");
    EXPECT_EQ(t.rows()[1].reason, "diverged");
    EXPECT_FALSE(t.rows()[1].savingPct.has_value());
    EXPECT_EQ(t.rows()[2].status, "failed");
    EXPECT_NE(t.rows()[2].reason.find("no results.json"), std::string::npos);

    t.writeCsv(dir.path() + "/savings.csv");
    const std::string csv = test::readFile(dir.path() + "/savings.csv");
    EXPECT_EQ(csv.rfind("case,formation,front_gap_m,back_gap_m,lateral_m,speed_mps,drag_lead_N,drag_solo_N,saving_pct",
                        0),
              0u);
    EXPECT_NE(csv.find("a,ahead,1,,,6.7,,10,,,true,failed,diverged"), std::string::npos) << csv;
}

TEST(SavingsTable, NoSoloBaselineIsBadInput) {
    // The manifest's fault, not the machine's: exit 1 (PostSanity has the message).
    TempDir dir;
    manifestWith({{"a", {{"formation", "ahead"}, {"front_gap_m", 1.0}}}}).write(dir.path());
    writeCase(dir.path(), "a", "ok", 4.0);
    EXPECT_THROW(post::SavingsTable::fromSweep(dir.path()), cases::ConfigError);
}

TEST(SavingsTable, FailedSoloIsAnError) {
    TempDir dir;
    manifestWith({{"solo", {{"formation", "solo"}}}}).write(dir.path());
    writeCase(dir.path(), "solo", "failed", 10.0);
    EXPECT_THROW(post::SavingsTable::fromSweep(dir.path()), post::PostError);
}

TEST(Manifest, RefusesCaseNamesThatLeaveTheSweep) {
    TempDir dir;
    drafting::common::JsonFile::writeAtomic(dir.path() + "/manifest.json",
                                 {{"name", "x"}, {"config", cases::SweepConfig::parse("").toJson()},
                                  {"cases", {{{"name", "../../etc"}, {"parameters", nlohmann::json::object()}}}}});
    EXPECT_THROW(cases::Manifest::read(dir.path()), cases::ConfigError);  // bad input, named
}

TEST(ForceAgreement, RebuildsTheForceFromDragSideLiftAndComparesWithStock) {
    TempDir dir;
    // flow +x, lift +y → side = lift × flow = −z. Two bodies summing to F = (3, 0.5, −0.25).
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat",
                    "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\twake_drag\twake_side\twake_lift\n"
                    "1\t9 9 9\t9 9 9\n2\t1.0\t0.05\t0.2\t2.0\t0.2\t0.3\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat",
                    "# Time (total_x total_y total_z) (p) (v)\n"
                    "2\t(3.0 0.5 -0.25)\t(2.9 0.5 -0.25)\t(0.1 0 0)\n");
    const auto c = cases::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
    EXPECT_NEAR(c.runnerDrag[0], 3.0, 1e-12);
    EXPECT_NEAR(c.runnerDrag[1], 0.5, 1e-12);
    EXPECT_NEAR(c.runnerDrag[2], -0.25, 1e-12);
    EXPECT_LT(c.relativeDifference, 1e-12);

    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat", "2\t(3.03 0.5 -0.25)\t(0 0 0)\t(0 0 0)\n");
    EXPECT_NEAR(cases::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0}).relativeDifference,
                0.03 / std::sqrt(3.03 * 3.03 + 0.25 + 0.0625), 1e-9);
}

TEST(ForceAgreement, MissingStockFileIsAnError) {
    TempDir dir;
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat",
                    "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\n1\t1 0 0\n");
    try {
        cases::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
        FAIL() << "no error";
    } catch (const cases::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("stockForces/<start time>/force.dat"), std::string::npos) << e.what();
    }
}

TEST(ForceAgreement, ComparesTheFinalSampleOfTheLatestRestart) {
    TempDir dir;
    const std::string header = "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\n";
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat", header + "1\t9 9 9\n2\t9 9 9\n");
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/2/runnerDrag.dat", header + "2\t8 8 8\n3\t8 8 8\n");
    // A second file in the restart's folder, named after its own start: the run's end is there.
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/2/runnerDrag_3.dat", header + "3\t7 7 7\n4\t2 0 0\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat", "2\t(9 9 9)\t(0 0 0)\t(0 0 0)\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/2/force.dat", "4\t(2 0 0)\t(0 0 0)\t(0 0 0)\n");
    const auto c = cases::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
    EXPECT_DOUBLE_EQ(c.runnerDrag[0], 2.0);
    EXPECT_LT(c.relativeDifference, 1e-12);
}

TEST(ForceAgreement, ADivergedFinalSampleIsAnError) {
    // nan would give a relative difference of nan: results.json would hold null, not a refusal.
    TempDir dir;
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat",
                    "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\n1\tnan 0 0\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat", "1\t(1 0 0)\t(0 0 0)\t(0 0 0)\n");
    try {
        cases::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
        FAIL() << "no error";
    } catch (const cases::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("cyl"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not finite"), std::string::npos) << e.what();
    }
}

TEST(Progress, BarCountsAndEstimatesTheRest) {
    EXPECT_EQ(cases::Progress::bar(0, 0, 2, 8, 0.0), "[........................] 0/8 done, 0 failed, 2 running");
    // 2 of 8 in 60 s: 6 more take 180 s.
    EXPECT_EQ(cases::Progress::bar(2, 1, 2, 8, 60.0),
              "[######..................] 2/8 done, 1 failed, 2 running, ETA 3m00s");
    EXPECT_EQ(cases::Progress::bar(8, 0, 0, 8, 100.0), "[########################] 8/8 done, 0 failed, 0 running");
}

TEST(Progress, PlainLinesWhenNotATerminalAndABarRedrawnOnOne) {
    std::ostringstream plain, tty;
    {
        cases::Progress p(plain, 2, false);
        p.started();
        p.finished(true, "[1/2] solo: ok");
        p.started();
        p.finished(false, "[2/2] a: failed (x)");
    }
    EXPECT_EQ(plain.str(), "[1/2] solo: ok\n[2/2] a: failed (x)\n");
    {
        cases::Progress p(tty, 2, true);
        p.started();
        p.finished(true, "[1/2] solo: ok");
    }
    EXPECT_NE(tty.str().find("\r\033[K[1/2] solo: ok\n[############............] 1/2 done, 0 failed, 0 running"),
              std::string::npos)
        << tty.str();
    EXPECT_EQ(tty.str().substr(tty.str().size() - 4), "\r\033[K");  // the bar is cleared at the end
}
