#include "common/Error.hpp"
#include "cases/config/Formation.hpp"
#include "cases/config/SweepPlan.hpp"
#include "meshes/Athlete.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace drafting::cases;

TEST(Formation, AheadBehindPlacesOnePacerEachSide) {
    const auto c = config::SweepConfig::parse("");
    const auto r = config::Formation::place(c, c.presets.front(), 1.3, 1.0, 0.0);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].name, "lead");
    EXPECT_DOUBLE_EQ(r[1].x, 1.3);
    EXPECT_DOUBLE_EQ(r[2].x, -1.0);
}

TEST(Formation, IneosHasFiveAheadTwoBehind) {
    const auto c = config::SweepConfig::parse("[formation]\npreset = ineos\n");
    const auto r = config::Formation::place(c, c.presets.front(), 1.3, 1.0, 0.6);
    ASSERT_EQ(r.size(), 8u);
    int ahead = 0, behind = 0;
    for (std::size_t i = 1; i < r.size(); ++i) (r[i].x > 0 ? ahead : behind)++;
    EXPECT_EQ(ahead, 5);
    EXPECT_EQ(behind, 2);
}

TEST(Formation, Breaking4IsAShieldOfFiveAheadAndThreeBehind) {
    const auto c = config::SweepConfig::parse("[formation]\npreset = breaking4\nrow_gap = 0.5\n");
    const auto r = config::Formation::place(c, c.presets.front(), 1.3, 1.0, 0.6);
    ASSERT_EQ(r.size(), 9u);
    std::set<std::pair<double, double>> positions;
    for (std::size_t i = 1; i < r.size(); ++i) positions.insert({r[i].x, r[i].y});
    const std::set<std::pair<double, double>> expected{{1.3, 0.0}, {1.3, 0.6}, {1.3, -0.6}, {1.8, 0.3}, {1.8, -0.3},
                                                       {-1.0, 0.0}, {-1.0, 0.6}, {-1.0, -0.6}};
    EXPECT_EQ(positions, expected);
    EXPECT_TRUE(config::Formation::usesFrontGap("breaking4"));
    EXPECT_TRUE(config::Formation::usesBackGap("breaking4"));
}

TEST(Formation, VPresetsNeedALateralSpacing) {
    for (const char* preset : {"breaking2", "breaking4", "ineos"}) {
        const auto c = config::SweepConfig::parse(std::string("[formation]\npreset = ") + preset + "\n");
        EXPECT_THROW(config::Formation::place(c, c.presets.front(), 1.3, 1.0, 0.0), drafting::common::InputError) << preset;
    }
}

TEST(Formation, OverlappingRunnersAreRefused) {
    const auto c = config::SweepConfig::parse("[formation]\npreset = custom\npositions = (0.1, 0)\n");
    try {
        config::SweepPlan::expand(c);
        FAIL();
    } catch (const drafting::common::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("overlap or touch"), std::string::npos) << e.what();
    }
}

