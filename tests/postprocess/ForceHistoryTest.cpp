// runnerDrag.dat read for the plots: iterations or time on the x axis.
#include "postprocess/ForceHistory.hpp"
#include "postprocess/PostError.hpp"
#include "TestSupport.hpp"
#include "support/RunnerDragFile.hpp"

#include <gtest/gtest.h>

using namespace drafting;
using drafting::test::kRunnerDragHeader;
using drafting::test::runnerDragFile;
using drafting::test::runnerDragLine;
using drafting::test::runnerDragPath;
using drafting::test::TempDir;

TEST(ForceHistory, ParsesWhatTheFunctionObjectWrites) {
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

TEST(ForceHistory, TransientCaseHasTimeOnX) {
    // runnerDrag names the x column "Time" in a transient run: whole-second times stay times.
    TempDir dir;
    test::writeFile(runnerDragPath(dir.path(), "0"),
                    test::transientRunnerDragHeader() + runnerDragLine(1, 5.0, 6.0) + runnerDragLine(2, 5.1, 6.1));
    const auto h = post::ForceHistory::read(dir.path());
    EXPECT_TRUE(h.isTime());
    EXPECT_EQ(h.xLabel(), "time [s]");

    TempDir steady;
    test::writeFile(runnerDragPath(steady.path(), "0"), kRunnerDragHeader + runnerDragLine(1, 5.0, 6.0));
    EXPECT_FALSE(post::ForceHistory::read(steady.path()).isTime());

    TempDir older;  // written before the header told the modes apart: fractional x can only be time
    test::writeFile(runnerDragPath(older.path(), "0"),
                    kRunnerDragHeader + runnerDragLine(0.0125, 5.0, 6.0) + runnerDragLine(0.025, 5.0, 6.0));
    EXPECT_TRUE(post::ForceHistory::read(older.path()).isTime());
}
