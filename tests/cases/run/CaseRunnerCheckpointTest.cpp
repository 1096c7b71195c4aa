// Which solution time a killed case continues from (CaseRunner::checkpoint): only a time whose
// runnerDrag history was written, of a case whose mesh passed its check and that has no result.
#include "cases/run/CaseRunner.hpp"
#include "solver/monitoring/CheckpointMarker.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/MeshCheckFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using drafting::cases::run::CaseRunner;
using drafting::cases::files::MeshCheckFile;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

using Marker = drafting::solver::monitoring::CheckpointMarker;

// runnerDrag's mark of time `t`, as it writes it.
std::string markerOf(const std::string& t) {
    Marker m;
    m.time = std::stod(t);
    m.samples = 40;
    return m.toText();
}

// A case a killed run left: mesh checked, the given times written, those in `complete` with
// their runnerDrag history.
void killedCase(const std::string& dir, const std::vector<std::string>& times, const std::vector<std::string>& complete) {
    drafting::common::JsonFile::writeAtomic(dir + "/case.json", {{"name", "solo"}, {"level", "coarse"}});
    writeFile(dir + "/constant/polyMesh/owner", "note \"nCells:27\";\n");
    drafting::common::JsonFile::writeAtomic(dir + "/" + MeshCheckFile::kFileName, {{"ok", true}, {"cells", 27}});
    drafting::common::JsonFile::writeAtomic(dir + "/" + CaseRunner::kTimingFile,
                                           {{"case", CaseRunner::caseJsonHash(dir)}, {"steps", {{"blockMesh", 1.0}}}});
    fs::create_directories(dir + "/0");
    for (const auto& t : times) writeFile(dir + "/" + t + "/U", "fields");
    for (const auto& t : complete) {
        writeFile(dir + "/" + t + "/" + CaseRunner::kCheckpointState, "history");
        writeFile(dir + "/" + t + "/" + Marker::kPath, markerOf(t));
    }
}

}  // namespace

TEST(CaseRunnerCheckpoint, TheLatestTimeWithItsHistoryWinsAHalfWrittenOneDoesNot) {
    TempDir tmp;
    killedCase(tmp.path(), {"51", "139", "200"}, {"51", "139"});
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "139");
}

TEST(CaseRunnerCheckpoint, TimesCompareAsNumbersNotAsNames) {
    TempDir tmp;
    killedCase(tmp.path(), {"9.5", "10.25", "1e-05"}, {"9.5", "10.25", "1e-05"});
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "10.25");
}

TEST(CaseRunnerCheckpoint, AResultAMissingOrFailedMeshCheckOrNoMeshMeansAFreshStart) {
    {
        TempDir tmp;  // finished or failed: a re-run starts afresh
        killedCase(tmp.path(), {"139"}, {"139"});
        writeFile(tmp.path() + "/results.json", "{}");
        EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
    }
    {
        TempDir tmp;
        killedCase(tmp.path(), {"139"}, {"139"});
        drafting::common::JsonFile::writeAtomic(tmp.path() + "/" + MeshCheckFile::kFileName, {{"ok", false}});
        EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
        fs::remove(tmp.path() + "/" + MeshCheckFile::kFileName);
        EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
    }
    {
        TempDir tmp;
        killedCase(tmp.path(), {"139"}, {"139"});
        fs::remove_all(tmp.path() + "/constant/polyMesh");
        EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
    }
    {
        TempDir tmp;  // only the writer's 0: nothing to continue
        killedCase(tmp.path(), {}, {});
        writeFile(tmp.path() + "/0/" + CaseRunner::kCheckpointState, "history");
        EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
    }
}

TEST(CaseRunnerCheckpoint, AParallelCheckpointNeedsTheHistoryInEveryProcessorFolderAndTheMarkInTheFirst) {
    TempDir tmp;
    killedCase(tmp.path(), {}, {});
    for (const char* p : {"processor0", "processor1"}) {
        writeFile(tmp.path() + "/" + p + "/100/" + CaseRunner::kCheckpointState, "history");
        writeFile(tmp.path() + "/" + p + "/200/U", "fields");
    }
    writeFile(tmp.path() + "/processor0/100/" + Marker::kPath, markerOf("100"));
    writeFile(tmp.path() + "/processor0/200/" + CaseRunner::kCheckpointState, "history");  // processor1 never got there
    writeFile(tmp.path() + "/processor0/200/" + Marker::kPath, markerOf("200"));
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "100");
    fs::remove(tmp.path() + "/processor1/100/" + CaseRunner::kCheckpointState);
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
}

TEST(CaseRunnerCheckpoint, AFinalTimeIsNotACheckpointNorIsAMeshMadeForAnotherCaseJson) {
    TempDir tmp;
    killedCase(tmp.path(), {"51"}, {"51"});
    // The final write of a finished run holds the history but not runnerDrag's checkpoint mark: a
    // finished case whose results.json went runs again from the start, never one iteration on.
    writeFile(tmp.path() + "/233/" + CaseRunner::kCheckpointState, "history");
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "51");
    // The case rewritten since its mesh was made (another level): its old run is not its past.
    drafting::common::JsonFile::writeAtomic(tmp.path() + "/case.json", {{"name", "solo"}, {"level", "medium"}});
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
    fs::remove(tmp.path() + "/" + CaseRunner::kTimingFile);
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "");
}

TEST(CaseRunnerCheckpoint, OnlyAWholeMarkerNamingItsOwnTimeMarksACheckpoint) {
    TempDir tmp;
    killedCase(tmp.path(), {"51", "139"}, {"51", "139"});
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "139");
    // A marker copied from another time, a cut-off one, or one no runnerDrag wrote marks nothing.
    for (const std::string& bad : {markerOf("51"), std::string("{\"producer\": \"runnerDrag\", \"ti"), std::string("{}"),
                                   std::string("{\"producer\": \"other\", \"time\": 139, \"samples\": 3}")}) {
        writeFile(tmp.path() + "/139/" + Marker::kPath, bad);
        EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "51") << bad;
    }
    // The marker's time in full, the folder's name rounded to OpenFOAM's timePrecision.
    Marker m;
    m.time = 139.0000001;
    m.samples = 12;
    writeFile(tmp.path() + "/139/" + Marker::kPath, m.toText());
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "139");
    EXPECT_EQ(Marker::read(tmp.path() + "/139/" + Marker::kPath).samples, 12);
    // OpenFOAM's default timePrecision of 6 names the time 1234.56789 "1234.57".
    m.time = 1234.56789;
    EXPECT_TRUE(m.marks(1234.57));
    EXPECT_FALSE(m.marks(1234.6));
    EXPECT_FALSE(m.marks(1235.0));
}

TEST(CaseRunnerCheckpoint, ALinkedTimeFolderIsNotACheckpoint) {
    TempDir tmp, elsewhere;
    killedCase(tmp.path(), {"51"}, {"51"});
    writeFile(elsewhere.path() + "/300/" + CaseRunner::kCheckpointState, "history");
    writeFile(elsewhere.path() + "/300/" + Marker::kPath, markerOf("300"));
    fs::create_directory_symlink(elsewhere.path() + "/300", tmp.path() + "/300");
    EXPECT_EQ(CaseRunner::checkpoint(tmp.path()), "51");
}
