// The savings fit: an exact curve recovered, standard errors on noisy points.
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsTable.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
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

TEST(SavingsFit, RecoversTheParametersOfAnExactCurve) {
    TempDir dir;
    const auto table = post::SavingsTable::fromSweep(exactSweep(dir));
    const auto curves = post::SavingsFit::fit(table);
    ASSERT_EQ(curves.size(), 1u);
    EXPECT_EQ(curves[0].status, "fitted");
    EXPECT_NEAR(curves[0].decayLength, 2.3, 1e-6);
    EXPECT_NEAR(curves[0].shape, 1.7, 1e-6);
    EXPECT_NEAR(curves[0].rmse, 0.0, 1e-6);
    EXPECT_NEAR(curves[0].halfSavingGap(), 2.3 * std::pow(std::log(2.0), 1 / 1.7), 1e-6);
    const auto json = post::SavingsFit::toJson(curves);
    EXPECT_EQ(json["curves"][0]["points"].size(), 5u);
}

TEST(SavingsFit, NoisyPointsGiveStandardErrorsAndOnePointNoFit) {
    post::SavingsTable empty;
    EXPECT_TRUE(post::SavingsFit::fit(empty).empty());
    TempDir dir;
    cases::files::Manifest m;
    m.sweepName = "noisy";
    m.config = cases::config::SweepConfig::parse("[run]\nspeed = 6.7\n");
    m.cases.push_back({"solo", {{"formation", "solo"}}, "ok", ""});
    writeCase(dir.path(), "solo", 7.0);
    const double noise[] = {1.5, -1.0, 0.8, -1.2};
    int i = 0;
    for (double g : {0.8, 1.2, 1.6, 2.0}) {
        const std::string name = "a" + std::to_string(i);
        m.cases.push_back({name, {{"formation", "ahead"}, {"front_gap_m", g}, {"back_gap_m", 1.0}}, "ok", ""});
        writeCase(dir.path(), name, 7.0 * (1.0 - (std::exp(-std::pow(g / 2.0, 1.5)) + noise[i++] / 100.0)));
    }
    m.cases.push_back({"single", {{"formation", "ahead"}, {"front_gap_m", 1.3}, {"back_gap_m", 1.5}}, "ok", ""});
    writeCase(dir.path(), "single", 3.0);
    m.write(dir.path());
    const auto curves = post::SavingsFit::fit(post::SavingsTable::fromSweep(dir.path()));
    ASSERT_EQ(curves.size(), 2u);
    EXPECT_EQ(curves[0].status, "fitted");
    EXPECT_NEAR(curves[0].decayLength, 2.0, 0.15);
    ASSERT_TRUE(curves[0].decayLengthSe.has_value());
    EXPECT_GT(*curves[0].decayLengthSe, 0.0);
    EXPECT_GT(curves[0].rmse, 0.3);
    EXPECT_EQ(curves[1].status, "too-few-points");
}
