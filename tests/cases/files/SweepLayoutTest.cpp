// SweepLayout's naming rules: what in a case folder is a run's own (times, rank folders, the one
// symbolic link decomposePar makes), one rule each.
#include "cases/files/SweepLayout.hpp"

#include <gtest/gtest.h>

#include <string>

TEST(SweepLayoutNames, TimesAndRankFoldersHaveOneRuleEach) {
    using drafting::cases::files::SweepLayout;
    // A solution time is a whole finite number; anything else in a case folder is not a run's.
    for (const char* time : {"100", "0.025", "1e-05", "1500"}) {
        EXPECT_TRUE(SweepLayout::isCaseEntry(time, true)) << time;
        EXPECT_TRUE(SweepLayout::isRunOutput(std::string(time) + "/U")) << time;
    }
    for (const char* notTime : {"e", "+", "1e", "--", "1.2.3", "inf", ""}) {
        EXPECT_FALSE(SweepLayout::isCaseEntry(notTime, true)) << notTime;
        if (*notTime) EXPECT_FALSE(SweepLayout::isRunOutput(std::string(notTime) + "/U")) << notTime;
    }
    EXPECT_TRUE(SweepLayout::isProcessorFolder("processor0"));
    EXPECT_TRUE(SweepLayout::isProcessorFolder("processor12"));
    for (const char* notRank : {"processor", "processors2", "processorX", "processor1a", "Processor0"})
        EXPECT_FALSE(SweepLayout::isProcessorFolder(notRank)) << notRank;
    EXPECT_FALSE(SweepLayout::isCaseEntry("processors2", true));
    // decomposePar's link, at any time name the rule accepts, and nothing like it.
    EXPECT_TRUE(SweepLayout::isRunLink("processor1/1e-05/uniform", "../../1e-05/uniform"));
    EXPECT_TRUE(SweepLayout::isRunLink("processor0/0.5/uniform", "../../0.5/uniform"));
    EXPECT_FALSE(SweepLayout::isRunLink("processor0/0.5/uniform", "../../0.50/uniform"));
    EXPECT_FALSE(SweepLayout::isRunLink("processor0/e/uniform", "../../e/uniform"));
    EXPECT_FALSE(SweepLayout::isRunLink("processors/5/uniform", "../../5/uniform"));
    EXPECT_FALSE(SweepLayout::isRunLink("processor0/5/uniform/x", "../../5/uniform"));
    EXPECT_FALSE(SweepLayout::isRunLink("processor0/5/uniform", "/abs/5/uniform"));
}
