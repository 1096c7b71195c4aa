// The divergence guard: non-finite or blown-up forces and residuals stop a run.
#include "DivergenceGuard.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace drafting::solver::monitoring;

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
