// run --continue (CaseContinuation): which finished cases go on, the raised end time, and the
// commit protocol that keeps the earlier results.json until a new one is written.
#include "cases/run/CaseContinuation.hpp"
#include "cases/run/CaseRunner.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "cases/writer/CaseWriter.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/MeshCheckFile.hpp"
#include "cases/files/ToolPaths.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using drafting::cases::run::CaseContinuation;
using drafting::cases::run::CaseRunner;
using drafting::common::JsonFile;
using drafting::test::readFile;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

const char* kControl =
    "application draftFoam;\n\nstartFrom latestTime;\nstartTime 0;\nstopAt endTime;\nendTime 60;\ndeltaT 1;\n\n"
    "writeControl timeStep;\nwriteInterval 60;\npurgeWrite 2;\n\nfunctions\n{\n    runnerDrag\n    {\n"
    "        type            runnerDrag;\n        bodies          ( lead );\n        averagingWindow 6;\n    }\n}\n";

// A finished steady case: mesh checked, its final time 60 with runnerDrag's history, and a
// results.json that says ok and (unless `converged`) not converged.
void finishedCase(const std::string& dir, bool converged = false, bool transient = false) {
    nlohmann::json parameters = {{"runners", nlohmann::json::array()}};
    if (transient) parameters["transient"] = {{"end_time_s", 6.0}};
    drafting::common::JsonFile::writeAtomic(dir + "/case.json", {{"name", "solo"}, {"parameters", parameters}, {"steps", nlohmann::json::array()}});
    writeFile(dir + "/system/controlDict", kControl);
    writeFile(dir + "/constant/polyMesh/owner", "note \"nCells:27\";\n");
    drafting::common::JsonFile::writeAtomic(dir + "/" + drafting::cases::files::MeshCheckFile::kFileName, {{"ok", true}, {"cells", 27}});
    writeFile(dir + "/60/U", "fields");
    writeFile(dir + "/60/" + CaseRunner::kCheckpointState, "history");
    drafting::common::JsonFile::writeAtomic(dir + "/results.json", {{"case", "solo"},
                                                  {"status", "ok"},
                                                  {"iterations", 60},
                                                  {"converged", converged},
                                                  {"stop", "end"},
                                                  {"bodies", {{"lead", {{"drag_N", 7.0}, {"cd", 0.7}}}}}});
}

}  // namespace

TEST(CaseContinuation, RaisesTheEndTimeAndTheAveragingWindowAndSendsTheResultsAside) {
    const std::string raised = CaseContinuation::raisedControlDict(kControl, 100, "system/controlDict");
    // The replaced entries in the builder's layout: the value at column 16.
    EXPECT_NE(raised.find("\nendTime         100;\n"), std::string::npos) << raised;
    EXPECT_NE(raised.find("\nwriteInterval   100;\n"), std::string::npos) << raised;
    EXPECT_NE(raised.find("\nstartTime 0;\n"), std::string::npos) << raised;  // startTime is not endTime
    EXPECT_NE(raised.find("\n        averagingWindow 10;\n"), std::string::npos) << raised;  // the writer's rule at 100
    EXPECT_NE(raised.find("\n        resultsFile     results.continued.json;\n"), std::string::npos) << raised;
    EXPECT_EQ(raised.find("60"), std::string::npos) << raised;
    // Raised again (a second continuation): still one resultsFile.
    const std::string twice = CaseContinuation::raisedControlDict(raised, 3000, "system/controlDict");
    EXPECT_EQ(twice.find("resultsFile"), twice.rfind("resultsFile")) << twice;
    EXPECT_NE(twice.find("averagingWindow 200;"), std::string::npos) << twice;
    for (const std::string& bad : {std::string("application draftFoam;\nendTime 60;\n"),
                                   std::string(kControl).substr(0, std::string(kControl).find("functions"))}) {
        try {
            CaseContinuation::raisedControlDict(bad, 100, "x/system/controlDict");
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const drafting::common::RunError& e) {
            EXPECT_NE(std::string(e.what()).find("x/system/controlDict: no "), std::string::npos) << e.what();
        }
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
        TempDir tmp;  // its settled stop fired with the residuals still high: it would fire again at once
        finishedCase(tmp.path());
        auto r = drafting::common::JsonFile::read(tmp.path() + "/results.json");
        r["stop"] = "settled";
        drafting::common::JsonFile::writeAtomic(tmp.path() + "/results.json", r);
        EXPECT_NE(CaseContinuation::whyNot(tmp.path()).find("stopped by 'settled'"), std::string::npos)
            << CaseContinuation::whyNot(tmp.path());
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

namespace {

// A continuation from 60 cut off: its journal, the raised controlDict, a checkpoint at 80 and a
// half-written 100, its force history and results file, the earlier part's force history.
void cutOffContinuation(const std::string& dir) {
    drafting::common::JsonFile::writeAtomic(dir + "/" + CaseContinuation::kJournal, {{"from", "60"}, {"control_dict", kControl}});
    writeFile(dir + "/system/controlDict", CaseContinuation::raisedControlDict(kControl, 100, "controlDict"));
    writeFile(dir + "/80/U", "fields");
    writeFile(dir + "/80/" + CaseRunner::kCheckpointState, "history");
    writeFile(dir + "/100/U", "half");
    writeFile(dir + "/postProcessing/runnerDrag/0/runnerDrag.dat", "1 7 0 0\n");
    writeFile(dir + "/postProcessing/runnerDrag/60/runnerDrag.dat", "61 7 0 0\n");
    drafting::common::JsonFile::writeAtomic(dir + "/results.continued.json", {{"status", "ok"}, {"resumed_from", 60}});
}

}  // namespace

TEST(CaseContinuation, RecoverUndoesAContinuationCutOffBeforeItsCommit) {
    TempDir tmp;
    finishedCase(tmp.path());
    const std::string earlier = drafting::test::treeSnapshot(tmp.path());
    writeFile(tmp.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat", "1 7 0 0\n");
    // A user's post-processing of the final time, made before the continuation: not its to remove.
    writeFile(tmp.path() + "/postProcessing/yPlus/60/yPlus.dat", "lead 20\n");
    const std::string withHistory = drafting::test::treeSnapshot(tmp.path());
    cutOffContinuation(tmp.path());
    auto journal = drafting::common::JsonFile::read(tmp.path() + "/" + CaseContinuation::kJournal);
    journal["existing"] = {"postProcessing/yPlus/60"};
    drafting::common::JsonFile::writeAtomic(tmp.path() + "/" + CaseContinuation::kJournal, journal);
    CaseContinuation::recover(tmp.path());
    EXPECT_EQ(drafting::test::treeSnapshot(tmp.path()), withHistory);
    EXPECT_NE(earlier, withHistory);
    CaseContinuation::recover(tmp.path());  // nothing left to do
    EXPECT_EQ(drafting::test::treeSnapshot(tmp.path()), withHistory);
}

TEST(CaseContinuation, RecoverFinishesAContinuationCutOffAfterItsCommit) {
    TempDir tmp;
    finishedCase(tmp.path());
    cutOffContinuation(tmp.path());
    writeFile(tmp.path() + "/100/" + CaseRunner::kCheckpointState, "history");
    drafting::common::JsonFile::writeAtomic(tmp.path() + "/results.json", {{"case", "solo"},
                                                         {"status", "ok"},
                                                         {"iterations", 100},
                                                         {"resumed_from", 60},
                                                         {"continued", {{"from_time", 60}}}});
    CaseContinuation::recover(tmp.path());
    EXPECT_FALSE(fs::exists(tmp.path() + "/60"));
    EXPECT_FALSE(fs::exists(tmp.path() + "/80"));
    EXPECT_TRUE(fs::exists(tmp.path() + "/100"));
    EXPECT_TRUE(fs::exists(tmp.path() + "/postProcessing/runnerDrag/60/runnerDrag.dat"));
    // The case now runs to 100, and a fresh run of it writes results.json where draft-cases looks.
    const std::string control = readFile(tmp.path() + "/system/controlDict");
    EXPECT_NE(control.find("\nendTime         100;\n"), std::string::npos) << control;
    EXPECT_EQ(control.find("resultsFile"), std::string::npos) << control;
    EXPECT_FALSE(fs::exists(tmp.path() + "/" + CaseContinuation::kJournal));
    EXPECT_FALSE(fs::exists(tmp.path() + "/results.continued.json"));
    EXPECT_EQ(drafting::common::JsonFile::read(tmp.path() + "/results.json")["iterations"], 100);
}

TEST(CaseContinuation, AnUnreadableResultWithAJournalIsNeverUndoneBlindly) {
    TempDir tmp;
    finishedCase(tmp.path());
    cutOffContinuation(tmp.path());
    writeFile(tmp.path() + "/results.json", "{ cut sho");
    const std::string before = drafting::test::treeSnapshot(tmp.path());
    EXPECT_THROW(CaseContinuation::recover(tmp.path()), drafting::common::RunError);
    EXPECT_EQ(drafting::test::treeSnapshot(tmp.path()), before);
}

TEST(CaseContinuation, AContinuationThatFailsKeepsTheEarlierResultTimesAndEndTime) {
    TempDir tmp;
    finishedCase(tmp.path());
    // The case's step list is empty: the solver never runs, so no new result comes.
    const std::string before = drafting::test::treeSnapshot(tmp.path());
    const auto outcome = CaseContinuation::run(CaseRunner(drafting::cases::files::ToolPaths::discover()), tmp.path(), 40);
    EXPECT_FALSE(outcome.failure.empty());
    EXPECT_TRUE(outcome.result.ok());
    EXPECT_EQ(outcome.result.iterations, 60);
    EXPECT_EQ(drafting::test::treeSnapshot(tmp.path()), before);
}

// The controlDict CaseWriter writes (FoamDictionary's layout), not a hand-made one: run --continue
// finds and raises its end, write interval and averaging window, and sends results aside.
TEST(CaseContinuation, RaisesTheControlDictTheCaseWriterWrites) {
    TempDir tmp;
    drafting::cases::config::CaseSpec spec;
    spec.name = "solo";
    spec.formation = "solo";
    spec.runners = {{"lead", 0.0, 0.0}};
    drafting::cases::config::SweepConfig config;
    config.maxIterations = 300;
    drafting::cases::writer::CaseWriter::write(config, spec, tmp.path() + "/solo", "test");
    const std::string raised =
        drafting::test::squeezed(CaseContinuation::raisedControlDict(readFile(tmp.path() + "/solo/system/controlDict"), 900, "test"));
    EXPECT_NE(raised.find("endTime 900;"), std::string::npos) << raised;
    EXPECT_NE(raised.find("writeInterval 900;"), std::string::npos) << raised;
    EXPECT_NE(raised.find("averagingWindow 90;"), std::string::npos) << raised;
    EXPECT_NE(raised.find("resultsFile results.continued.json;"), std::string::npos) << raised;
    EXPECT_EQ(raised.find("endTime 300;"), std::string::npos) << raised;
}
