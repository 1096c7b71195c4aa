// Richardson extrapolation and the GCI on series with known answers.
#include "cases/GridConvergence.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using drafting::cases::GridConvergence;
using Behaviour = GridConvergence::Behaviour;

namespace {
// f(h) = exact + C h^p on grids h, r h, r^2 h.
GridConvergence::Estimate series(double exact, double c, double p, double r, double h = 0.1) {
    auto f = [&](double hh) { return exact + c * std::pow(hh, p); };
    return GridConvergence::estimate(f(h), f(r * h), f(r * r * h), r);
}
}  // namespace

TEST(GridConvergence, SecondOrderSeriesRecoversOrderAndExactValue) {
    const double r = std::sqrt(2.0);
    const auto e = series(7.0, 30.0, 2.0, r);
    EXPECT_EQ(e.behaviour, Behaviour::monotonic);
    EXPECT_NEAR(e.order, 2.0, 1e-9);
    EXPECT_NEAR(e.extrapolated, 7.0, 1e-9);
    // f1 = 7.3, f2 = 7.6: GCI = 1.25 * (0.3 / 7.3) / (2 - 1).
    EXPECT_NEAR(e.gciFine, 1.25 * 0.3 / 7.3, 1e-12);
    // GCI_medium / (r^p GCI_fine) = f1 / f2 for a pure power law: near 1 in the asymptotic range.
    EXPECT_NEAR(e.asymptoticRatio, 7.3 / 7.6, 1e-9);
}

TEST(GridConvergence, FirstOrderSeriesFromBelow) {
    const auto e = series(-2.0, -5.0, 1.0, 2.0);
    EXPECT_EQ(e.behaviour, Behaviour::monotonic);
    EXPECT_NEAR(e.order, 1.0, 1e-9);
    EXPECT_NEAR(e.extrapolated, -2.0, 1e-9);
    EXPECT_GT(e.gciFine, 0.0);
}

TEST(GridConvergence, NonIntegerOrderAndRatio) {
    const auto e = series(1.0, 0.5, 1.7, 1.5);
    EXPECT_NEAR(e.order, 1.7, 1e-9);
    EXPECT_NEAR(e.extrapolated, 1.0, 1e-9);
    EXPECT_NEAR(e.asymptoticRatio, (1.0 + 0.5 * std::pow(0.1, 1.7)) / (1.0 + 0.5 * std::pow(0.15, 1.7)), 1e-9);
}

TEST(GridConvergence, BoundedGciEqualsGciAtTheFormalOrder) {
    const auto e = series(7.0, 30.0, 2.0, std::sqrt(2.0));
    EXPECT_NEAR(e.gciFineBounded, e.gciFine, 1e-12);  // p = 2: Fs 1.25, same GCI
}

TEST(GridConvergence, BoundedGciDistrustsAnOrderFarAboveTheFormalOne) {
    // The 3D solo runner's drag: 7.2815 (coarse), 7.0803, 7.0718 N gives p = 9.1 and a GCI of
    // 0.01 %; bounded to p = 2 with Fs = 3 it is 3 × 0.0085 / 7.0718 / (2 - 1) = 0.36 %.
    const auto e = GridConvergence::estimate(7.0718, 7.0803, 7.2815, std::sqrt(2.0));
    EXPECT_GT(e.order, 9.0);
    EXPECT_LT(e.gciFine, 0.0002);
    EXPECT_NEAR(e.gciFineBounded, 3.0 * 0.0085 / 7.0718, 1e-9);
}

TEST(GridConvergence, OscillatoryChangeIsFlagged) {
    // 10.0 (fine), 9.0, 11.0: the sign flips, |e32/e21| = 2.
    const auto e = GridConvergence::estimate(10.0, 9.0, 11.0, 2.0);
    EXPECT_EQ(e.behaviour, Behaviour::oscillatory);
    EXPECT_NEAR(e.order, 1.0, 1e-12);
}

TEST(GridConvergence, GrowingChangeIsDivergentWithNoGci) {
    const auto e = GridConvergence::estimate(10.0, 12.0, 13.0, std::sqrt(2.0));
    EXPECT_EQ(e.behaviour, Behaviour::divergent);
    EXPECT_TRUE(std::isnan(e.gciFine));
    EXPECT_TRUE(std::isnan(e.extrapolated));
    EXPECT_TRUE(e.toJson()["gci_fine"].is_null());
}

TEST(GridConvergence, EqualValuesHaveConverged) {
    const auto e = GridConvergence::estimate(4.2, 4.2, 4.2, 2.0);
    EXPECT_EQ(e.behaviour, Behaviour::converged);
    EXPECT_DOUBLE_EQ(e.extrapolated, 4.2);
    EXPECT_DOUBLE_EQ(e.gciFine, 0.0);
}

TEST(GridConvergence, RefusesARatioOfOneOrLess) {
    EXPECT_THROW(GridConvergence::estimate(1, 2, 3, 1.0), std::invalid_argument);
    EXPECT_THROW(GridConvergence::estimate(1, NAN, 3, 2.0), std::invalid_argument);
}
