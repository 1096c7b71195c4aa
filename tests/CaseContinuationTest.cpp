// run --continue (CaseContinuation): which finished cases go on, the raised end time, and the
// commit protocol that keeps the earlier results.json until a new one is written.
#include "cases/CaseContinuation.hpp"
#include "cases/CaseRunner.hpp"
#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "cases/MeshCheckFile.hpp"
#include "cases/ToolPaths.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using drafting::cases::CaseContinuation;
using drafting::cases::CaseRunner;
using drafting::cases::JsonFile;
using drafting::test::readFile;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

const char* kControl =
    "application draftFoam;\n\nstartFrom latestTime;\nstartTime 0;\nstopAt endTime;\nendTime 60;\ndeltaT 1;\n\n"
    "writeControl timeStep;\nwriteInterval 60;\npurgeWrite 2;\n";

// A finished steady case: mesh checked, its final time 60 with runnerDrag's history, and a
// results.json that says ok and (unless `converged`) not converged.
void finishedCase(const std::string& dir, bool converged = false, bool transient = false) {
    nlohmann::json parameters = {{"runners", nlohmann::json::array()}};
    if (transient) parameters["transient"] = {{"end_time_s", 6.0}};
    JsonFile::writeAtomic(dir + "/case.json", {{"name", "solo"}, {"parameters", parameters}, {"steps", nlohmann::json::array()}});
    writeFile(dir + "/system/controlDict", kControl);
    writeFile(dir + "/constant/polyMesh/owner", "note \"nCells:27\";\n");
    JsonFile::writeAtomic(dir + "/" + drafting::cases::MeshCheckFile::kFileName, {{"ok", true}, {"cells", 27}});
    writeFile(dir + "/60/U", "fields");
    writeFile(dir + "/60/" + CaseRunner::kCheckpointState, "history");
    JsonFile::writeAtomic(dir + "/results.json", {{"case", "solo"},
                                                  {"status", "ok"},
                                                  {"iterations", 60},
                                                  {"converged", converged},
                                                  {"stop", "end time"},
                                                  {"bodies", {{"lead", {{"drag_N", 7.0}, {"cd", 0.7}}}}}});
}

}  // namespace

TEST(CaseContinuation, RaisesTheEndTimeAndTheWriteIntervalOnly) {
    const std::string raised = CaseContinuation::withEndTime(kControl, 100, "system/controlDict");
    EXPECT_NE(raised.find("\nendTime 100;\n"), std::string::npos) << raised;
    EXPECT_NE(raised.find("\nwriteInterval 100;\n"), std::string::npos) << raised;
    EXPECT_NE(raised.find("\nstartTime 0;\n"), std::string::npos) << raised;  // startTime is not endTime
    EXPECT_EQ(raised.find("60"), std::string::npos) << raised;
    try {
        CaseContinuation::withEndTime("application draftFoam;\nendTime 60;\n", 100, "x/system/controlDict");
        FAIL() << "a controlDict without writeInterval was accepted";
    } catch (const drafting::cases::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("x/system/controlDict: no writeInterval entry"), std::string::npos) << e.what();
    }
}

TEST(CaseContinuation, OnlyAFinishedSteadyUnconvergedCaseWithASavedTimeGoesOn) {
    {
        TempDir tmp;
        finishedCase(tmp.path());
        EXPECT_EQ(CaseContinuation::whyNot(tmp.path()), "");
        EXPECT_EQ(CaseRunner::latestSavedTime(tmp.path()), "60");
    }
    {
        TempDir tmp;
        finishedCase(tmp.path(), true);
        EXPECT_EQ(CaseContinuation::whyNot(tmp.path()), "converged");
    }
    {
        TempDir tmp;
        finishedCase(tmp.path(), false, true);
        EXPECT_NE(CaseContinuation::whyNot(tmp.path()).find("transient"), std::string::npos);
    }
    {
        TempDir tmp;  // the final time without runnerDrag's history (another solver's run)
        finishedCase(tmp.path());
        fs::remove(tmp.path() + "/60/" + CaseRunner::kCheckpointState);
        EXPECT_NE(CaseContinuation::whyNot(tmp.path()).find("no saved time"), std::string::npos);
    }
    {
        TempDir tmp;
        finishedCase(tmp.path());
        fs::remove(tmp.path() + "/results.json");
        EXPECT_EQ(CaseContinuation::whyNot(tmp.path()), "not finished");
    }
}

TEST(CaseContinuation, RecoverPutsTheEarlierResultBackUnlessTheNewOneWasCommitted) {
    TempDir tmp;
    finishedCase(tmp.path());
    const std::string earlier = readFile(tmp.path() + "/results.json");
    const std::string copy = tmp.path() + "/" + CaseContinuation::kEarlierResults;
    // Killed after runnerDrag wrote its own file, before CaseRunner completed it.
    fs::copy_file(tmp.path() + "/results.json", copy);
    JsonFile::writeAtomic(tmp.path() + "/results.json", {{"producer", "runnerDrag"}, {"status", "ok"}});
    CaseContinuation::recover(tmp.path());
    EXPECT_EQ(readFile(tmp.path() + "/results.json"), earlier);
    EXPECT_FALSE(fs::exists(copy));
    // Killed before any new file: the same.
    fs::copy_file(tmp.path() + "/results.json", copy);
    fs::remove(tmp.path() + "/results.json");
    CaseContinuation::recover(tmp.path());
    EXPECT_EQ(readFile(tmp.path() + "/results.json"), earlier);
    // Killed after the commit (the new result has its "continued" record): the copy goes.
    fs::copy_file(tmp.path() + "/results.json", copy);
    JsonFile::writeAtomic(tmp.path() + "/results.json", {{"status", "ok"}, {"continued", {{"from_time", 60}}}});
    CaseContinuation::recover(tmp.path());
    EXPECT_FALSE(fs::exists(copy));
    EXPECT_NE(readFile(tmp.path() + "/results.json").find("continued"), std::string::npos);
}

TEST(CaseContinuation, AContinuationThatFailsKeepsTheEarlierResultTimesAndEndTime) {
    TempDir tmp;
    finishedCase(tmp.path());
    // The case's step list is empty: the solver never runs, so no new result comes.
    const std::string before = drafting::test::treeSnapshot(tmp.path());
    const auto outcome = CaseContinuation::run(CaseRunner(drafting::cases::ToolPaths::discover()), tmp.path(), 40);
    EXPECT_FALSE(outcome.failure.empty());
    EXPECT_TRUE(outcome.result.ok());
    EXPECT_EQ(outcome.result.iterations, 60);
    EXPECT_EQ(drafting::test::treeSnapshot(tmp.path()), before);
}
