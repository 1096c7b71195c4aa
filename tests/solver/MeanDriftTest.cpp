// The drift of the mean drag over the last window, in the body's own units.
#include "MeanDrift.hpp"
#include "support/SyntheticSeries.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace drafting::solver::monitoring;

TEST(MeanDrift, ConstantHistoryHasNoDrift) {
    const auto e = MeanDrift::of(std::vector<double>(400, 3.5), 100);
    EXPECT_TRUE(e.enough);
    EXPECT_DOUBLE_EQ(e.mean, 3.5);
    EXPECT_DOUBLE_EQ(e.drift, 0.0);
    EXPECT_TRUE(e.settled(1e-9));
}

TEST(MeanDrift, LinearCreepIsMeasuredInItsOwnUnits) {
    // x_k = 0.001 k: every window mean is the mid-window value, so the mean moves 0.001 per
    // sample and by 0.001 × (window − 1) across the last window.
    std::vector<double> x(300);
    for (std::size_t k = 0; k < x.size(); ++k) x[k] = 0.001 * static_cast<double>(k);
    const auto e = MeanDrift::of(x, 100);
    EXPECT_NEAR(e.mean, 0.001 * 249.5, 1e-12);
    EXPECT_NEAR(e.drift, 0.001 * 99, 1e-12);
    EXPECT_NEAR(e.relative(), 0.099 / 0.2495, 1e-9);
}

TEST(MeanDrift, TheToleranceIsRelativeToTheBodysOwnDrag) {
    // The same absolute creep (0.01 N over the window) settles a 7 N solo runner at 0.5 % but
    // not a sheltered lead with 1.5 N.
    auto creep = [](double level) {
        std::vector<double> x(400);
        for (std::size_t k = 0; k < x.size(); ++k) x[k] = level + 1e-4 * static_cast<double>(k);
        return x;
    };
    EXPECT_TRUE(MeanDrift::of(creep(7.0), 100).settled(0.005));
    EXPECT_FALSE(MeanDrift::of(creep(1.5), 100).settled(0.005));
    EXPECT_TRUE(MeanDrift::of(creep(1.5), 100).settled(0.01));
}

TEST(MeanDrift, TooShortAHistoryIsNeverSettled) {
    const auto e = MeanDrift::of(std::vector<double>(150, 1.0), 100);
    EXPECT_FALSE(e.enough);
    EXPECT_FALSE(e.settled(1.0));
    EXPECT_DOUBLE_EQ(e.mean, 1.0);
}

TEST(MeanDrift, MatchesABruteForceComputation) {
    const auto x = drafting::test::ar1(1000, 5.0, 0.9, 0.2, 7);
    const std::size_t w = 64;
    auto meanEnding = [&](std::size_t k) {
        double s = 0.0;
        for (std::size_t i = k + 1 - w; i <= k; ++i) s += x[i];
        return s / static_cast<double>(w);
    };
    const double last = meanEnding(x.size() - 1);
    double drift = 0.0;
    for (std::size_t k = x.size() - w; k < x.size(); ++k) drift = std::max(drift, std::fabs(meanEnding(k) - last));
    const auto e = MeanDrift::of(x, w);
    EXPECT_NEAR(e.mean, last, 1e-12);
    EXPECT_NEAR(e.drift, drift, 1e-12);
}
