// runnerDrag.dat's one reader: what the function object writes reads back whole, restarts join in
// time order, and a damaged file is one line naming the file, the line and the value.
#include "common/Error.hpp"
#include "cases/files/ForceHistoryFile.hpp"
#include "common/TimeFolder.hpp"
#include "TestSupport.hpp"
#include "support/RunnerDragFile.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using drafting::cases::files::ForceHistoryFile;
using drafting::common::RunError;
using drafting::common::TimeFolder;
using drafting::test::kRunnerDragHeader;
using drafting::test::runnerDragFile;
using drafting::test::runnerDragLine;
using drafting::test::runnerDragPath;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

// What read() refuses the case with; "accepted" when it reads.
std::string refusal(const std::string& caseDir) {
    try {
        ForceHistoryFile::read(caseDir);
    } catch (const RunError& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST(ForceHistoryFile, ReadsWhatTheFunctionObjectWrites) {
    TempDir dir;
    writeFile(runnerDragPath(dir.path(), "0"), runnerDragFile(1, 5, 10.0, 7.0));
    const auto h = ForceHistoryFile::read(dir.path());
    EXPECT_EQ(h.xName(), "Iteration");
    EXPECT_EQ(h.x(), (std::vector<double>{1, 2, 3, 4, 5}));
    ASSERT_EQ(h.bodies().size(), 2u);
    const auto& lead = h.bodies()[0];
    const auto& pacer = h.bodies()[1];
    EXPECT_EQ(lead.name, "lead");
    EXPECT_EQ(pacer.name, "pacer1");
    EXPECT_DOUBLE_EQ(lead.drag[2], 10.3);
    EXPECT_DOUBLE_EQ(lead.side[2], 0.01);
    EXPECT_DOUBLE_EQ(lead.lift[2], -0.02);
    EXPECT_DOUBLE_EQ(pacer.drag[4], 7.0);
    EXPECT_DOUBLE_EQ(pacer.side[4], 0.03);
    EXPECT_DOUBLE_EQ(pacer.lift[4], 0.04);
    EXPECT_EQ(h.files(), (std::vector<std::string>{runnerDragPath(dir.path(), "0")}));
}

TEST(ForceHistoryFile, JoinsStartTimeFoldersInTimeOrderLaterOverriding) {
    TempDir dir;
    // Numeric, not alphabetical, order: 0, 4, 10. The restart at 4 rewrites 4 and 5.
    writeFile(runnerDragPath(dir.path(), "0"), runnerDragFile(1, 5, 10.0, 7.0));
    writeFile(runnerDragPath(dir.path(), "4"), runnerDragFile(4, 12, 20.0, 7.0));
    writeFile(runnerDragPath(dir.path(), "10"), runnerDragFile(11, 13, 30.0, 7.0));
    // OpenFOAM names a second file in an existing folder after its start time.
    writeFile(runnerDragPath(dir.path(), "10", "runnerDrag_13.dat"), runnerDragFile(13, 14, 40.0, 7.0));
    // A restart that stopped before its first sample leaves a header only.
    writeFile(runnerDragPath(dir.path(), "14"), kRunnerDragHeader);
    const auto h = ForceHistoryFile::read(dir.path());
    EXPECT_EQ(h.files(), (std::vector<std::string>{runnerDragPath(dir.path(), "0"), runnerDragPath(dir.path(), "4"),
                                                   runnerDragPath(dir.path(), "10"),
                                                   runnerDragPath(dir.path(), "10", "runnerDrag_13.dat"),
                                                   runnerDragPath(dir.path(), "14")}));
    EXPECT_EQ(h.x(), (std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}));
    const auto& d = h.bodies()[0].drag;
    EXPECT_DOUBLE_EQ(d[2], 10.3);   // 3: first run
    EXPECT_DOUBLE_EQ(d[3], 20.4);   // 4: restart at 4
    EXPECT_DOUBLE_EQ(d[9], 21.0);   // 10: restart at 4
    EXPECT_DOUBLE_EQ(d[10], 31.1);  // 11: restart at 10
    EXPECT_DOUBLE_EQ(d[12], 41.3);  // 13: the second file at 10
    EXPECT_EQ(h.bodies()[1].drag.size(), h.x().size());
    EXPECT_EQ(h.bodies()[1].lift.size(), h.x().size());
}

TEST(ForceHistoryFile, TheLatestFileNamesTheXColumn) {
    // A transient run restarted by a runnerDrag that names x by mode: its first part says
    // "Iteration", the restart "Time"; the history is one of times.
    TempDir dir;
    writeFile(runnerDragPath(dir.path(), "0"), kRunnerDragHeader + runnerDragLine(0.5, 5.0, 6.0));
    writeFile(runnerDragPath(dir.path(), "1"),
              drafting::test::transientRunnerDragHeader() + runnerDragLine(1.5, 5.0, 6.0));
    EXPECT_EQ(ForceHistoryFile::read(dir.path()).xName(), "Time");
}

TEST(ForceHistoryFile, RestartsWithOtherRunnersAreAnError) {
    TempDir dir;
    writeFile(runnerDragPath(dir.path(), "0"), runnerDragFile(1, 5, 10.0, 7.0));
    writeFile(runnerDragPath(dir.path(), "4"), "# Iteration\tlead_drag\tlead_side\tlead_lift\n4\t1\t0\t0\n");
    EXPECT_EQ(refusal(dir.path()), runnerDragPath(dir.path(), "4") + ": its runners differ from those of " +
                                       runnerDragPath(dir.path(), "0"));
}

TEST(ForceHistoryFile, ALastLineCutShortIsAnErrorNamingFileLineAndValue) {
    TempDir dir;
    const std::string path = runnerDragPath(dir.path(), "0");
    // Every column there, but the last number may be cut too: only the missing end of line tells.
    writeFile(path, runnerDragFile(1, 2, 10.0, 7.0) + "3\t10.3\t0.01\t-0.02\t7.0\t0.03\t0.0");
    EXPECT_EQ(refusal(dir.path()),
              path + ":7: '0.0' ends the file without an end of line: the run stopped while writing this line");
    writeFile(path, runnerDragFile(1, 2, 10.0, 7.0) + "3\t10.3\t0.0");
    EXPECT_EQ(refusal(dir.path()),
              path + ":7: '0.0' ends the file without an end of line: the run stopped while writing this line");
}

TEST(ForceHistoryFile, ALineCutShortInARunThatWasKilledAndRestartedIsDropped) {
    // A run killed while writing sample 5 and restarted from its checkpoint at 3: the restart
    // writes 3 onwards again, so the cut line is not needed and must not cost the case its plot.
    TempDir dir;
    writeFile(runnerDragPath(dir.path(), "0"), runnerDragFile(1, 4, 10.0, 7.0) + "5\t10.5\t0.0");
    writeFile(runnerDragPath(dir.path(), "3"), runnerDragFile(3, 6, 20.0, 7.0));
    const auto h = ForceHistoryFile::read(dir.path());
    EXPECT_EQ(h.x(), (std::vector<double>{1, 2, 3, 4, 5, 6}));
    EXPECT_DOUBLE_EQ(h.bodies()[0].drag[4], 20.5);  // 5: the restart's, not the cut line's
    // The same cut in the last file is refused: nothing writes that sample again.
    writeFile(runnerDragPath(dir.path(), "3"), runnerDragFile(3, 5, 20.0, 7.0) + "6\t20.6\t0.0");
    EXPECT_NE(refusal(dir.path()).find("ends the file without an end of line"), std::string::npos);
}

TEST(ForceHistoryFile, ANonNumericValueIsAnErrorNamingFileLineAndValue) {
    TempDir dir;
    const std::string path = runnerDragPath(dir.path(), "0");
    writeFile(path, kRunnerDragHeader + runnerDragLine(1, 5.0, 6.0) + "2\t5.0\t0.1\tzero\t6.0\t0.0\t0.0\n");
    EXPECT_EQ(refusal(dir.path()), path + ":6: 'zero' is not a number");

    // nan and inf are numbers: a diverging solver writes them, and its case fails, not the reader.
    writeFile(path, kRunnerDragHeader + runnerDragLine(1, 5.0, 6.0) + "2\tnan\t0.1\t0.2\tinf\t0.0\t0.0\n");
    EXPECT_EQ(refusal(dir.path()), "accepted");
}

TEST(ForceHistoryFile, MalformedFilesAreOneLineErrors) {
    TempDir dir;
    const std::string path = runnerDragPath(dir.path(), "0");
    const auto expectRefused = [&](const std::string& text, const std::string& message) {
        writeFile(path, text);
        const std::string why = refusal(dir.path());
        EXPECT_EQ(why, message);
        EXPECT_EQ(why.find('\n'), std::string::npos) << why;
    };
    expectRefused(kRunnerDragHeader + runnerDragLine(1, 5.0, 6.0) + "2\t5.0\t0.1\n",
                  path + ":6: 3 columns ending '0.1', the header names 7");
    expectRefused("1\t5.0\t0.1\t0.2\n",
                  path + ":1: no column header naming each runner's _drag, _side and _lift before the data");
    expectRefused("# Iteration\tlead_drag\tlead_lift\tlead_side\n1\t5.0\t0.1\t0.2\n",
                  path + ":2: column header 'lead_drag lead_lift lead_side' is not <runner>_drag <runner>_side "
                         "<runner>_lift");
    expectRefused(kRunnerDragHeader + runnerDragLine(2, 5.0, 6.0) + runnerDragLine(1, 5.0, 6.0),
                  path + ":6: Iteration 1 does not follow 2.000000");
    expectRefused(kRunnerDragHeader, path + ": no samples, only the header");
}

TEST(ForceHistoryFile, MissingHistoryIsAnError) {
    TempDir dir;
    EXPECT_FALSE(ForceHistoryFile::exists(dir.path()));
    EXPECT_EQ(refusal(dir.path()), "no force history " + runnerDragPath(dir.path(), "<startTime>") +
                                       " (the runnerDrag function object writes it while the case runs)");
    std::filesystem::create_directories(dir.path() + "/postProcessing/runnerDrag/0");
    EXPECT_TRUE(ForceHistoryFile::exists(dir.path()));
}

