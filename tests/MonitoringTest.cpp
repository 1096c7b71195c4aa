// The pure parts of the runnerDrag function object, on synthetic series with known answers.
#include "BatchMeans.hpp"
#include "DivergenceGuard.hpp"
#include "MeanDrift.hpp"
#include "SettledDetector.hpp"
#include "StrouhalEstimator.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace drafting::solver::monitoring;

namespace {

// AR(1): x_k = mu + phi (x_{k-1} - mu) + e_k, a correlated series with known mean mu.
std::vector<double> ar1(std::size_t n, double mu, double phi, double sigma, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> e(0.0, sigma);
    std::vector<double> x(n);
    double prev = mu;
    for (auto& v : x) {
        v = mu + phi * (prev - mu) + e(rng);
        prev = v;
    }
    return x;
}

}  // namespace

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
        const auto x = ar1(10000, 3.0, 0.9, 1.0, 1000u + static_cast<unsigned>(t));
        const auto e = BatchMeans::estimate(x, 10);
        if (std::fabs(e.mean - 3.0) <= e.halfWidth95) ++covered;
    }
    const double rate = static_cast<double>(covered) / trials;
    EXPECT_GT(rate, 0.90) << rate;
    EXPECT_LT(rate, 0.99) << rate;
}

TEST(BatchMeans, IntervalIsWiderThanTheNaiveOneByTheCorrelationFactor) {
    // For AR(1) the variance of the mean is inflated by (1 + phi) / (1 - phi) = 19 at phi = 0.9.
    const auto x = ar1(40000, 0.0, 0.9, 1.0, 7u);
    const auto e = BatchMeans::estimate(x, 20);
    const double naive = BatchMeans::tQuantile975(19) * e.standardDeviation / std::sqrt(40000.0);
    EXPECT_GT(e.halfWidth95 / naive, 2.5);
    EXPECT_LT(e.halfWidth95 / naive, 7.0);
}

TEST(BatchMeans, LongBatchesAreNearlyUncorrelated) {
    const auto e = BatchMeans::estimate(ar1(20000, 0.0, 0.9, 1.0, 11u), 10);
    EXPECT_LT(std::fabs(e.lag1Correlation), 0.6);
}

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

TEST(DivergenceGuard, NonFiniteForceStopsAtOnce) {
    DivergenceGuard g({});
    EXPECT_EQ(g.check(1, {1.0}, {"lead"}, {1.0}, {"p"}), "");
    const auto why = g.check(2, {NAN}, {"lead"}, {1.0}, {"p"});
    EXPECT_NE(why.find("non-finite force on body lead at iteration 2"), std::string::npos) << why;
}

TEST(DivergenceGuard, NonFiniteResidualStops) {
    DivergenceGuard g({});
    EXPECT_NE(g.check(1, {1.0}, {"lead"}, {INFINITY}, {"p"}).find("non-finite residual of p"), std::string::npos);
}

TEST(DivergenceGuard, ResidualBlowUpIsCaughtAfterTheWarmUp) {
    DivergenceGuard::Limits lim;
    lim.warmUp = 5;
    DivergenceGuard g(lim);
    std::string why;
    double r = 1.0;
    for (int i = 1; i <= 100 && why.empty(); ++i) {
        r = i < 40 ? r * 0.8 : r * 3.0;  // converge, then diverge
        why = g.check(static_cast<std::size_t>(i), {1.0}, {"lead"}, {r}, {"Ux"});
    }
    EXPECT_NE(why.find("residual of Ux blew up"), std::string::npos) << why;
}

// A run restarted from a checkpoint restores the guard: no second warm-up, the minima kept, so a
// blow-up relative to the residuals before the restart is still caught.
TEST(DivergenceGuard, ARestoredStateGoesOnAsTheUninterruptedGuard) {
    DivergenceGuard::Limits lim;
    lim.warmUp = 5;
    DivergenceGuard before(lim);
    double r = 1.0;
    for (int i = 1; i <= 30; ++i) {
        r *= 0.5;
        ASSERT_EQ(before.check(static_cast<std::size_t>(i), {1.0}, {"lead"}, {r}, {"p"}), "");
    }
    DivergenceGuard resumed(lim), fresh(lim);
    resumed.restore(before.state());
    EXPECT_EQ(resumed.state().seen, 30u);
    // Straight after the restart: a drag no runner has, and a residual 1e6 times the minimum.
    EXPECT_NE(resumed.check(31, {50.0}, {"lead"}, {r}, {"p"}).find("non-physical drag"), std::string::npos);
    EXPECT_EQ(fresh.check(31, {50.0}, {"lead"}, {r}, {"p"}), "");  // a new guard would still be warming up
    DivergenceGuard resumed2(lim);
    resumed2.restore(before.state());
    EXPECT_NE(resumed2.check(31, {1.0}, {"lead"}, {0.5}, {"p"}).find("blew up"), std::string::npos);
}

TEST(DivergenceGuard, NormalConvergenceRaisesNothing) {
    DivergenceGuard g({});
    double r = 1.0;
    for (int i = 1; i <= 1000; ++i) {
        r *= 0.99;
        const double cd = 1.0 + 0.5 * std::exp(-i / 50.0);
        ASSERT_EQ(g.check(static_cast<std::size_t>(i), {cd, -0.1}, {"lead", "pacer1"}, {r, 2 * r}, {"U", "p"}), "")
            << i;
    }
}

TEST(DivergenceGuard, DragBeyondPhysicalBoundsAfterWarmUp) {
    DivergenceGuard::Limits lim;
    lim.warmUp = 10;
    DivergenceGuard g(lim);
    for (int i = 1; i <= 10; ++i) EXPECT_EQ(g.check(static_cast<std::size_t>(i), {50.0}, {"lead"}, {}, {}), "");
    const auto why = g.check(11, {50.0}, {"lead"}, {}, {});
    EXPECT_NE(why.find("non-physical drag on body lead: Cd = 50"), std::string::npos) << why;
}

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
    const auto x = ar1(1000, 5.0, 0.9, 0.2, 7);
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
