// The settled-drag stop: when every runner's mean drag has stopped moving.
#include "SettledDetector.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace drafting::solver::monitoring;

TEST(SettledDetector, ConstantSeriesSettlesAfterTwoWindows) {
    SettledDetector d(10, 1e-3, 0.0, 0);
    int at = -1;
    for (int i = 1; i <= 50 && at < 0; ++i)
        if (d.add({5.0, 2.0})) at = i;
    EXPECT_EQ(at, 19);  // first full window at 10, then ten trailing means
}

TEST(SettledDetector, ConvergingSeriesSettlesOnlyWhenTheMeanStopsMoving) {
    SettledDetector d(50, 5e-3, 0.0, 0);
    int at = -1;
    for (int i = 0; i < 5000 && at < 0; ++i) {
        const double drag = 10.0 * (1.0 + std::exp(-i / 100.0));
        if (d.add({drag})) at = i;
    }
    ASSERT_GT(at, 0);
    // The trailing mean then lies within 0.5% of the long-run value 10.
    const double meanAt = 10.0 * (1.0 + std::exp(-(at - 25) / 100.0));
    EXPECT_LT(std::fabs(meanAt - 10.0) / 10.0, 0.005 * 2);
    EXPECT_GT(at, 300);
}

TEST(SettledDetector, PeriodicDragSettlesWhenTheWindowSpansWholePeriods) {
    SettledDetector d(100, 1e-3, 0.0, 0);  // period 20: five periods per window
    int at = -1;
    for (int i = 0; i < 1000 && at < 0; ++i)
        if (d.add({1.3 + 0.2 * std::sin(2 * M_PI * i / 20.0)})) at = i;
    EXPECT_GT(at, 0);
    EXPECT_LT(at, 250);
}

TEST(SettledDetector, DriftNeverSettles) {
    SettledDetector d(20, 1e-3, 0.0, 0);
    for (int i = 0; i < 2000; ++i) EXPECT_FALSE(d.add({1.0 + 0.01 * i})) << i;
}

TEST(SettledDetector, NearZeroDragUsesTheAbsoluteTolerance) {
    SettledDetector relOnly(10, 1e-3, 0.0, 0), withFloor(10, 1e-3, 1e-3, 0);
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> noise(-1e-4, 1e-4);
    bool a = false, b = false;
    for (int i = 0; i < 200; ++i) {
        const double v = noise(rng);
        a = relOnly.add({v});
        b = withFloor.add({v});
    }
    EXPECT_FALSE(a);
    EXPECT_TRUE(b);
}

TEST(SettledDetector, MinimumSamplesAreRespected) {
    SettledDetector d(5, 1e-3, 0.0, 100);
    bool settled = false;
    for (int i = 1; i <= 99; ++i) settled = d.add({1.0});
    EXPECT_FALSE(settled);
    EXPECT_TRUE(d.add({1.0}));
}

TEST(SettledDetector, EveryBodyMustSettle) {
    SettledDetector d(10, 1e-3, 0.0, 0);
    bool settled = false;
    for (int i = 0; i < 200; ++i) settled = d.add({1.0, 1.0 + 0.01 * i});
    EXPECT_FALSE(settled);
}
