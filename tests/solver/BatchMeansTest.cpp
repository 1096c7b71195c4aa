// The batch-means confidence interval of a correlated mean (runnerDrag's drag_ci95_N).
#include "BatchMeans.hpp"
#include "support/SyntheticSeries.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace drafting::solver::monitoring;

TEST(BatchMeans, StudentQuantiles) {
    EXPECT_NEAR(BatchMeans::tQuantile975(1), 12.706, 1e-3);
    EXPECT_NEAR(BatchMeans::tQuantile975(9), 2.262, 1e-3);
    EXPECT_NEAR(BatchMeans::tQuantile975(60), 2.000, 2e-3);
    EXPECT_NEAR(BatchMeans::tQuantile975(120), 1.980, 2e-3);
}

TEST(BatchMeans, HandComputedTwoBatches) {
    // Batches {1,2} and {3,4}: means 1.5, 3.5; variance 2; half-width t(1) sqrt(2/2).
    const auto e = BatchMeans::estimate({1, 2, 3, 4}, 2);
    EXPECT_DOUBLE_EQ(e.mean, 2.5);
    EXPECT_NEAR(e.halfWidth95, 12.7062, 1e-4);
    EXPECT_EQ(e.batchSize, 2u);
}

TEST(BatchMeans, TooFewSamplesGiveNoInterval) {
    const auto e = BatchMeans::estimate({1, 2, 3}, 10);
    EXPECT_DOUBLE_EQ(e.mean, 2.0);
    EXPECT_TRUE(std::isnan(e.halfWidth95));
}

TEST(BatchMeans, CoversTheTrueMeanOfACorrelatedSeriesAbout95PercentOfTheTime) {
    int covered = 0;
    const int trials = 300;
    for (int t = 0; t < trials; ++t) {
        const auto x = drafting::test::ar1(10000, 3.0, 0.9, 1.0, 1000u + static_cast<unsigned>(t));
        const auto e = BatchMeans::estimate(x, 10);
        if (std::fabs(e.mean - 3.0) <= e.halfWidth95) ++covered;
    }
    const double rate = static_cast<double>(covered) / trials;
    EXPECT_GT(rate, 0.90) << rate;
    EXPECT_LT(rate, 0.99) << rate;
}

TEST(BatchMeans, IntervalIsWiderThanTheNaiveOneByTheCorrelationFactor) {
    // For AR(1) the variance of the mean is inflated by (1 + phi) / (1 - phi) = 19 at phi = 0.9.
    const auto x = drafting::test::ar1(40000, 0.0, 0.9, 1.0, 7u);
    const auto e = BatchMeans::estimate(x, 20);
    const double naive = BatchMeans::tQuantile975(19) * e.standardDeviation / std::sqrt(40000.0);
    EXPECT_GT(e.halfWidth95 / naive, 2.5);
    EXPECT_LT(e.halfWidth95 / naive, 7.0);
}

TEST(BatchMeans, LongBatchesAreNearlyUncorrelated) {
    const auto e = BatchMeans::estimate(drafting::test::ar1(20000, 0.0, 0.9, 1.0, 11u), 10);
    EXPECT_LT(std::fabs(e.lag1Correlation), 0.6);
}
