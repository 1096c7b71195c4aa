// The race replay: splits from a schedule of shelter, and its refusals.
#include "postprocess/PacingError.hpp"
#include "postprocess/PacingModel.hpp"
#include "postprocess/RaceReplay.hpp"
#include "TestSupport.hpp"
#include "support/PacingFixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace drafting;
using drafting::test::TempDir;
using drafting::test::exactSweep;
using drafting::test::kipyegon;
using drafting::test::writeCase;

TEST(RaceReplay, UnshelteredRaceIsTheBaselineAndSplitsAddUp) {
    const post::PacingModel m(kipyegon());
    const auto r = post::RaceReplay::run(m, {{1609.344, 0.0, "alone"}});
    EXPECT_NEAR(r.finalTimeS, 247.64, 1e-9);
    ASSERT_EQ(r.splits.size(), 5u);  // 400, 800, 1200, 1600, finish
    EXPECT_NEAR(r.splits[0].timeS, 247.64 * 400 / 1609.344, 1e-9);
    EXPECT_DOUBLE_EQ(r.splits.back().distanceM, 1609.344);
    double sum = 0;
    for (const auto& s : r.splits) sum += s.lapTimeS;
    EXPECT_NEAR(sum, r.finalTimeS, 1e-9);
}

TEST(RaceReplay, ShelterThenAloneLiesBetweenTheTwoExtremes) {
    const post::PacingModel m(kipyegon());
    const double sheltered = m.predict(0.7).timeS;
    const auto r = post::RaceReplay::run(m, {{800, 0.7, "pair"}, {1409.344, 0.7, "fresh pair"}, {1609.344, 0.0, "alone"}});
    EXPECT_LT(r.finalTimeS, 247.64);
    EXPECT_GT(r.finalTimeS, sheltered);
    // Exactly: 1409.344 m at the sheltered speed and 200 m at the solo speed.
    EXPECT_NEAR(r.finalTimeS, sheltered * 1409.344 / 1609.344 + 247.64 * 200 / 1609.344, 1e-9);
    // The 800 m split is sheltered throughout.
    EXPECT_NEAR(r.splits[1].timeS, sheltered * 800 / 1609.344, 1e-9);
}

TEST(RaceReplay, BadSchedulesAreRefused) {
    const post::PacingModel m(kipyegon());
    EXPECT_THROW(post::RaceReplay::run(m, {}), post::PacingError);
    EXPECT_THROW(post::RaceReplay::run(m, {{800, 0.5, "a"}, {700, 0.5, "b"}, {1609.344, 0, "c"}}), post::PacingError);
    EXPECT_THROW(post::RaceReplay::run(m, {{800, 0.5, "a"}}), post::PacingError);  // stops short of the finish
    EXPECT_THROW(post::RaceReplay::run(m, {{2000, 0.5, "a"}}), post::PacingError);  // runs past it
    EXPECT_THROW(post::RaceReplay::run(m, {{1609.344, 1.5, "a"}}), post::PacingError);
}
