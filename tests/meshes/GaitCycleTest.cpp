// The measured stride: the poses it gives are the running the data shows (the right foot lowest
// in its stance, the left in its own, the swing knee folded), every phase gives one closed body
// whose lowest point is a foot on the ground, and the cycle closes.
#include "meshes/Athlete.hpp"
#include "meshes/BodyModel.hpp"
#include "meshes/GaitCycle.hpp"
#include "meshes/GeometryError.hpp"
#include "meshes/RunnerBody.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

using drafting::meshes::Athlete;
using drafting::meshes::BodyModel;
using drafting::meshes::GaitCycle;
using drafting::meshes::GeometryError;
using drafting::meshes::RunnerBody;

namespace {

const Athlete kKipyegon(1.57, 42.0);

BodyModel modelAt(double phase) {
    const double g = std::sqrt((kKipyegon.mass() / kKipyegon.height()) / (RunnerBody::kRefMass / RunnerBody::kRefHeight));
    return BodyModel(kKipyegon.height(), g, GaitCycle::poseAt(phase));
}

}  // namespace

TEST(GaitCycleTest, PhasesWrapIntoOneStride) {
    EXPECT_DOUBLE_EQ(GaitCycle::wrap(1.25), 0.25);
    EXPECT_DOUBLE_EQ(GaitCycle::wrap(-0.25), 0.75);
    EXPECT_DOUBLE_EQ(GaitCycle::wrap(1.0), 0.0);
    EXPECT_DOUBLE_EQ(GaitCycle::wrap(0.0), 0.0);
}

TEST(GaitCycleTest, TheCycleClosesAndMovesSmoothly) {
    // The end of the stride is its start (drift corrected), and no angle jumps between samples.
    const auto a = GaitCycle::poseAt(0.0), b = GaitCycle::poseAt(1.0 - 1e-9);
    EXPECT_NEAR(a.legRight.thigh, b.legRight.thigh, 1e-5);
    EXPECT_NEAR(a.legLeft.shank, b.legLeft.shank, 1e-5);
    EXPECT_NEAR(a.right.fore, b.right.fore, 1e-5);
    double largest = 0.0;
    for (int k = 0; k < 600; ++k) {
        const auto p = GaitCycle::poseAt(k / 600.0), q = GaitCycle::poseAt((k + 1) / 600.0);
        for (const double step : {p.legRight.thigh - q.legRight.thigh, p.legRight.shank - q.legRight.shank,
                                  p.legLeft.thigh - q.legLeft.thigh, p.legLeft.shank - q.legLeft.shank,
                                  p.right.upper - q.right.upper, p.left.fore - q.left.fore, p.lean - q.lean})
            largest = std::max(largest, std::abs(step));
    }
    // A tenth of a sample (0.001 s) of the fastest joint (the swing shank, ~1500°/s) moves ~1.5°.
    EXPECT_LT(largest, 2.0);
}

TEST(GaitCycleTest, TheAnglesAreThoseOfRunning) {
    // At the right strike the right thigh reaches forward, the left is behind, the arms are opposite.
    const auto strike = GaitCycle::poseAt(0.0);
    EXPECT_GT(strike.legRight.thigh, 20.0);
    EXPECT_LT(strike.legLeft.thigh, 0.0);
    EXPECT_LT(strike.right.upper, strike.left.upper);
    // In the right leg's swing (0.70 of the stride) its knee folds past 110°, heel towards the seat.
    const auto swing = GaitCycle::poseAt(0.70);
    EXPECT_GT(swing.legRight.thigh - swing.legRight.shank, 110.0);
    // The trunk leans forward throughout, by the few degrees runners do.
    for (int k = 0; k < 20; ++k) {
        const double lean = GaitCycle::poseAt(k / 20.0).lean;
        EXPECT_GT(lean, 3.0);
        EXPECT_LT(lean, 20.0);
    }
    // The two legs are half a stride apart (to within the measured asymmetry).
    for (int k = 0; k < 20; ++k) {
        const double phase = k / 20.0;
        EXPECT_NEAR(GaitCycle::poseAt(phase).legRight.thigh, GaitCycle::poseAt(phase + 0.5).legLeft.thigh, 12.0) << phase;
    }
}

TEST(GaitCycleTest, TheStanceFootIsTheLowestPointAndTheSwingFootClearsTheGround) {
    // Mid-stance of each foot: it carries the body, the other foot is well above it. Were a sign of
    // the conversion wrong (thigh, knee, tilt), the wrong foot or a knee would be lowest.
    for (const double phase : {0.10, 0.17, 0.25}) {
        const BodyModel m = modelAt(phase);
        EXPECT_NEAR(m.footLowest(false), m.lowest(), 1e-3) << phase;
        EXPECT_GT(m.footLowest(true) - m.lowest(), 0.05) << phase;
    }
    for (const double phase : {0.60, 0.67, 0.75}) {
        const BodyModel m = modelAt(phase);
        EXPECT_NEAR(m.footLowest(true), m.lowest(), 1e-3) << phase;
        EXPECT_GT(m.footLowest(false) - m.lowest(), 0.05) << phase;
    }
    // At every phase a foot is the lowest point: nothing else (a knee, a hand) would cut the ground.
    for (int k = 0; k < 40; ++k) {
        const BodyModel m = modelAt(k / 40.0);
        EXPECT_NEAR(std::min(m.footLowest(false), m.footLowest(true)), m.lowest(), 1e-9) << k / 40.0;
    }
}

TEST(GaitCycleTest, EveryPhaseIsOneClosedBodyOnTheGround) {
    for (int k = 0; k < 8; ++k) {
        const double phase = k / 8.0;
        const RunnerBody body(kKipyegon, phase);
        EXPECT_TRUE(RunnerBody::isClosedManifold(body.surface())) << phase;
        double b[6];
        body.surface()->GetBounds(b);
        EXPECT_EQ(b[4], 0.0) << phase;
        // Knees bent: shorter than standing, but never folded below nine tenths of it.
        EXPECT_LT(body.height(), kKipyegon.height()) << phase;
        EXPECT_GT(body.height(), 0.9 * kKipyegon.height()) << phase;
        // Mass at about 1000 kg/m³, whatever the pose.
        EXPECT_NEAR(body.volume() * 1000.0, kKipyegon.mass(), 0.15 * kKipyegon.mass()) << phase;
        ASSERT_TRUE(body.stridePhase());
        EXPECT_DOUBLE_EQ(*body.stridePhase(), phase);
        EXPECT_EQ(body.describe().at("pose"), "stride");
        EXPECT_EQ(body.describe().at("stride_phase"), phase);
    }
}

TEST(GaitCycleTest, AHalfStrideApartIsTheMirrorImageInArea) {
    // Half a stride later the other leg does what this one did: the frontal areas agree closely.
    const RunnerBody a(kKipyegon, 0.2), b(kKipyegon, 0.7);
    EXPECT_NEAR(a.frontalArea(), b.frontalArea(), 0.05 * a.frontalArea());
}

TEST(GaitCycleTest, APhaseThatIsNoNumberIsRefused) {
    EXPECT_THROW(RunnerBody(kKipyegon, std::numeric_limits<double>::quiet_NaN()), GeometryError);
    EXPECT_THROW(RunnerBody(kKipyegon, std::numeric_limits<double>::infinity()), GeometryError);
}
