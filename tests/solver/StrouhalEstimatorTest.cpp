// The shedding frequency of a drag history as a Strouhal number.
#include "StrouhalEstimator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace drafting::solver::monitoring;

TEST(StrouhalEstimator, RecoversTheFrequencyOfASine) {
    std::vector<double> t, cl;
    for (int i = 0; i < 4000; ++i) {
        t.push_back(i * 0.02);
        cl.push_back(0.33 * std::sin(2 * M_PI * 0.165 * t.back() + 0.3) + 0.01);
    }
    const auto s = StrouhalEstimator::estimate(t, cl, 1.0, 1.0);
    ASSERT_TRUE(s.has_value());
    EXPECT_NEAR(s->strouhal, 0.165, 0.165 * 0.002);
    EXPECT_GE(s->periods, 12);
}

TEST(StrouhalEstimator, ScalesWithLengthAndSpeedAndToleratesNoise) {
    std::mt19937 rng(5);
    std::normal_distribution<double> noise(0.0, 0.05);
    std::vector<double> t, side;
    for (int i = 0; i < 6000; ++i) {
        t.push_back(i * 0.001);
        side.push_back(std::sin(2 * M_PI * 10.0 * t.back()) + noise(rng));
    }
    const auto s = StrouhalEstimator::estimate(t, side, 0.23, 6.7);
    ASSERT_TRUE(s.has_value());
    EXPECT_NEAR(s->frequency, 10.0, 0.1);
    EXPECT_NEAR(s->strouhal, 10.0 * 0.23 / 6.7, 0.01 * 10.0 * 0.23 / 6.7);
}

TEST(StrouhalEstimator, NoSheddingNoNumber) {
    std::vector<double> t, flat, few;
    for (int i = 0; i < 1000; ++i) {
        t.push_back(i * 0.01);
        flat.push_back(0.02 + 1e-6 * std::sin(i * 0.3));
        few.push_back(std::sin(2 * M_PI * 0.2 * t.back()));  // 2 periods in 10 s
    }
    EXPECT_FALSE(StrouhalEstimator::estimate(t, flat, 1.0, 1.0).has_value());
    EXPECT_FALSE(StrouhalEstimator::estimate(t, few, 1.0, 1.0).has_value());
}
