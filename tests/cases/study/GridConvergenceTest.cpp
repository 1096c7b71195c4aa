// Richardson extrapolation and the GCI on series with known answers.
#include "cases/study/GridConvergence.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <tuple>

using drafting::cases::study::GridConvergence;
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

namespace {
// f(h) = exact + C h^p on grids h, r21 h, r32 r21 h (fine, medium, coarse).
GridConvergence::Estimate series(double exact, double c, double p, double r21, double r32, double h) {
    auto f = [&](double hh) { return exact + c * std::pow(hh, p); };
    return GridConvergence::estimate(f(h), f(r21 * h), f(r32 * r21 * h), r21, r32);
}
}  // namespace

TEST(GridConvergence, ConstantRatioIsRoachesFormula) {
    // With r21 = r32 the iteration has q = 0: the order, extrapolation and GCIs of the old formula.
    const double r = std::sqrt(2.0);
    for (const auto& [f1, f2, f3] : {std::tuple{7.0718, 7.0803, 7.2815}, std::tuple{10.0, 10.4, 11.5},
                                     std::tuple{-2.0, -2.3, -2.8}, std::tuple{10.0, 9.0, 11.0}}) {
        const auto e = GridConvergence::estimate(f1, f2, f3, r, r);
        const double p = std::log(std::abs((f3 - f2) / (f2 - f1))) / std::log(r), rp = std::pow(r, p);
        EXPECT_TRUE(e.orderSolved);
        EXPECT_EQ(e.orderIterations, 1);
        EXPECT_NEAR(e.order, p, 1e-12 * p);
        EXPECT_NEAR(e.extrapolated, f1 + (f1 - f2) / (rp - 1.0), 1e-10);
        EXPECT_NEAR(e.gciFine, 1.25 * std::abs((f1 - f2) / f1) / (rp - 1.0), 1e-12);
        EXPECT_NEAR(e.gciMedium, 1.25 * std::abs((f2 - f3) / f2) / (rp - 1.0), 1e-12);
        EXPECT_NEAR(e.gciFineAbs, 1.25 * std::abs(f1 - f2) / (rp - 1.0), 1e-12);
        EXPECT_NEAR(e.asymptoticRatio, e.gciMedium / (rp * e.gciFine), 1e-12);
        const double pb = std::min(p, 2.0), fs = std::abs(p - 2.0) <= 0.2 ? 1.25 : 3.0;
        EXPECT_NEAR(e.gciFineBounded, fs * std::abs((f1 - f2) / f1) / (std::pow(r, pb) - 1.0), 1e-12);
        EXPECT_NEAR(e.gciMediumBounded, fs * std::abs((f2 - f3) / f2) / (std::pow(r, pb) - 1.0), 1e-12);
        // The four-argument form is the same estimate.
        EXPECT_EQ(GridConvergence::estimate(f1, f2, f3, r).toJson(), e.toJson());
    }
}

TEST(GridConvergence, NonConstantRatiosRecoverAManufacturedOrderAndValue) {
    // The ratios our 3D meshes reach (1.32-1.34), and a wider spread.
    for (const auto& [p, r21, r32] :
         {std::tuple{2.0, 1.33, 1.41}, std::tuple{1.6, 1.5, 1.3}, std::tuple{2.7, 1.32, 1.34}, std::tuple{1.0, 2.0, 1.1}}) {
        const double h = 0.05, exact = 7.0, c = 40.0;
        const auto e = series(exact, c, p, r21, r32, h);
        ASSERT_EQ(e.behaviour, Behaviour::monotonic) << r21 << " " << r32;
        ASSERT_TRUE(e.orderSolved) << e.note;
        EXPECT_NEAR(e.order, p, 1e-8) << r21 << " " << r32;
        EXPECT_NEAR(e.extrapolated, exact, 1e-9);
        // Each GCI is Fs times the true error of its grid: |f - exact| (exactly, for a power law).
        EXPECT_NEAR(e.gciFineAbs, 1.25 * c * std::pow(h, p), 1e-9);
        EXPECT_NEAR(e.gciMediumAbs, 1.25 * c * std::pow(r21 * h, p), 1e-9);
        EXPECT_NEAR(e.asymptoticRatioAbs, 1.0, 1e-9);
        EXPECT_NEAR(e.r21, r21, 0.0);
        EXPECT_NEAR(e.r32, r32, 0.0);
    }
    // r21 = 2, r32 = 1.1: the coarse step is small, so |e32| < |e21| although the series converges;
    // Roache's constant-ratio test would call it divergent.
    // Here e21 = 40 (0.1 - 0.05) = 2 and e32 = 40 (0.11 - 0.1) = 0.4.
    const auto wide = series(7.0, 40.0, 1.0, 2.0, 1.1, 0.05);
    EXPECT_EQ(wide.behaviour, Behaviour::monotonic);
    EXPECT_NEAR(wide.order, 1.0, 1e-8);
}

TEST(GridConvergence, OscillatoryWithNonConstantRatios) {
    const double r21 = 1.33, r32 = 1.4;
    const auto e = GridConvergence::estimate(10.0, 9.0, 11.0, r21, r32);
    EXPECT_EQ(e.behaviour, Behaviour::oscillatory);
    ASSERT_TRUE(e.orderSolved);
    // p solves p ln r21 = ln|e32/e21| + ln((r21^p + 1) / (r32^p + 1)) (s = -1).
    const double p = e.order;
    EXPECT_NEAR(p * std::log(r21), std::log(2.0) + std::log((std::pow(r21, p) + 1) / (std::pow(r32, p) + 1)), 1e-10);
    EXPECT_NE(p, std::log(2.0) / std::log(r21));  // not the constant-ratio order
    EXPECT_TRUE(std::isfinite(e.gciFineBounded));
    EXPECT_EQ(e.toJson()["behaviour"], "oscillatory");
    // An oscillation that grows is divergent, whatever the ratios.
    EXPECT_EQ(GridConvergence::estimate(10.0, 9.0, 9.5, r21, r32).behaviour, Behaviour::divergent);
}

TEST(GridConvergence, DivergentWithNonConstantRatiosHasNoOrderAndSaysWhy) {
    const auto e = GridConvergence::estimate(10.0, 12.0, 13.0, 1.33, 1.35);
    EXPECT_EQ(e.behaviour, Behaviour::divergent);
    EXPECT_TRUE(std::isnan(e.order));
    EXPECT_TRUE(std::isnan(e.gciFineBoundedAbs));
    EXPECT_TRUE(std::isnan(e.gciMediumBounded));
    const auto j = e.toJson(GridConvergence::Scale::absolute);
    EXPECT_TRUE(j["gci_fine_bounded_abs"].is_null());
    EXPECT_TRUE(j["gci_medium_bounded_abs"].is_null());
    EXPECT_FALSE(j.value("note", "").empty());
}

TEST(GridConvergence, RatiosBelowCeliksMinimumAreFlagged) {
    const auto low = series(7.0, 40.0, 2.0, 1.25, 1.4, 0.05);
    EXPECT_TRUE(low.ratioBelowMinimum);
    EXPECT_TRUE(low.toJson()["ratio_below_minimum"].get<bool>());
    EXPECT_NEAR(low.order, 2.0, 1e-8);  // flagged, still reduced
    EXPECT_TRUE(series(7.0, 40.0, 2.0, 1.4, 1.29, 0.05).ratioBelowMinimum);
    EXPECT_FALSE(series(7.0, 40.0, 2.0, 1.32, 1.34, 0.05).ratioBelowMinimum);
    // Flagged even where there is no order.
    EXPECT_TRUE(GridConvergence::estimate(10.0, 12.0, 13.0, 1.2, 1.2).ratioBelowMinimum);
}

TEST(GridConvergence, AnIterationThatDoesNotConvergeIsReportedNotGuessed) {
    // r32 far above r21: q'(p) / ln r21 < -1 near the root, so the fixed point repels.
    const auto e = series(7.0, 40.0, 2.0, 1.1, 1.5, 0.05);
    EXPECT_EQ(e.behaviour, Behaviour::monotonic);
    EXPECT_FALSE(e.orderSolved);
    EXPECT_TRUE(std::isnan(e.order));
    EXPECT_TRUE(std::isnan(e.gciFineBounded));
    EXPECT_NE(e.note.find("did not converge"), std::string::npos) << e.note;
    EXPECT_FALSE(e.toJson()["order_solved"].get<bool>());
}

TEST(GridConvergence, BoundedMediumGciUsesTheFormalOrderAndFsThree) {
    // p = 9.1 on the 3D solo drag: bounded to p = 2 with Fs = 3 on the medium grid too.
    const auto e = GridConvergence::estimate(7.0718, 7.0803, 7.2815, 1.338, 1.326);
    EXPECT_GT(e.order, 8.0);
    EXPECT_DOUBLE_EQ(e.boundedOrder, 2.0);
    EXPECT_DOUBLE_EQ(e.boundedSafetyFactor, 3.0);
    EXPECT_NEAR(e.gciMediumBoundedAbs, 3.0 * (7.2815 - 7.0803) / (1.326 * 1.326 - 1.0), 1e-12);
    EXPECT_NEAR(e.gciFineBoundedAbs, 3.0 * (7.0803 - 7.0718) / (1.338 * 1.338 - 1.0), 1e-12);
    // Far more than the unbounded GCI at this order, which a huge p makes tiny.
    EXPECT_GT(e.gciMediumBounded, 20.0 * e.gciMedium);
}

TEST(GridConvergence, RatioFromCellCounts) {
    // The 3D solo study: 80 298, 192 285, 439 079 cells.
    EXPECT_NEAR(GridConvergence::ratioFromCells(192285, 80298, 3), 1.338, 0.001);
    EXPECT_NEAR(GridConvergence::ratioFromCells(439079, 192285, 3), 1.317, 0.001);
    // A 2D mesh is one cell thick: its count grows with the square of the ratio.
    EXPECT_NEAR(GridConvergence::ratioFromCells(6478, 3290, 2), 1.403, 0.001);
    EXPECT_THROW(GridConvergence::ratioFromCells(0, 10, 3), std::invalid_argument);
    EXPECT_THROW(GridConvergence::ratioFromCells(10, 5, 1), std::invalid_argument);
}
