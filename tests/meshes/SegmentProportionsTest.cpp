// Female and male limb proportions: Winter's body with de Leva's (1996) contrast, the leg's length
// kept, each body closed and as tall as the runner, and the body file saying which it is.
#include "meshes/Athlete.hpp"
#include "meshes/GeometryError.hpp"
#include "meshes/RunnerBody.hpp"
#include "meshes/SegmentProportions.hpp"

#include <gtest/gtest.h>

#include <string>

using drafting::meshes::Athlete;
using drafting::meshes::GeometryError;
using drafting::meshes::RunnerBody;
using drafting::meshes::SegmentProportions;

TEST(SegmentProportions, WintersBodyWithDeLevasContrastBetweenTheSexes) {
    const auto w = SegmentProportions::winter(), f = SegmentProportions::of("female"), m = SegmentProportions::of("male");
    // Winter (2009) Fig. 4.1 as before: the default body has not changed.
    EXPECT_DOUBLE_EQ(w.upperArm, 0.186);
    EXPECT_DOUBLE_EQ(w.thigh, 0.245);
    EXPECT_DOUBLE_EQ(w.foot, 0.152);
    // Arms, hands and feet: the two sexes straddle Winter's, so their mean is his.
    EXPECT_NEAR(0.5 * (f.upperArm + m.upperArm), w.upperArm, 1e-12);
    EXPECT_NEAR(0.5 * (f.forearm + m.forearm), w.forearm, 1e-12);
    EXPECT_NEAR(0.5 * (f.hand + m.hand), w.hand, 1e-12);
    EXPECT_NEAR(0.5 * (f.foot + m.foot), w.foot, 1e-12);
    // de Leva's foot: 228.3 mm of 1735 against 258.1 of 1741.
    EXPECT_NEAR(f.foot / m.foot, (228.3 / 1735.0) / (258.1 / 1741.0), 1e-12);
    // The leg keeps Winter's hip-to-ankle length; the thigh's share of it has de Leva's contrast
    // (hip-knee over hip-ankle), so the sexes straddle Winter's thigh too.
    for (const auto& p : {f, m}) EXPECT_NEAR(p.thigh + p.shank, w.thigh + w.shank, 1e-12) << p.name;
    EXPECT_NEAR(0.5 * (f.thigh + m.thigh), w.thigh, 1e-12);
    const double female = 368.5 / (368.5 + 438.6), male = 422.2 / (422.2 + 440.3);
    EXPECT_NEAR(f.thigh / m.thigh, female / male, 1e-12);
    EXPECT_LT(f.thigh, w.thigh);
    EXPECT_GT(m.thigh, w.thigh);
    EXPECT_EQ(SegmentProportions::names().size(), 3u);
}

TEST(SegmentProportions, AnUnknownSetIsRefusedNamingTheField) {
    try {
        SegmentProportions::of("tall", "pacers.proportions");
        FAIL() << "no error";
    } catch (const GeometryError& e) {
        EXPECT_NE(std::string(e.what()).find("pacers.proportions = 'tall': expected winter, female or male"),
                  std::string::npos)
            << e.what();
    }
}

TEST(SegmentProportions, EachSetGivesOneClosedBodyAsTallAsTheRunner) {
    for (const char* set : {"female", "male"}) {
        SCOPED_TRACE(set);
        const Athlete athlete(1.80, 65.0, SegmentProportions::of(set));
        const RunnerBody frozen(athlete, RunnerBody::Pose::midStride);
        EXPECT_TRUE(RunnerBody::isClosedManifold(frozen.surface()));
        EXPECT_NEAR(frozen.height(), 1.80, 0.005 * 1.80);  // the front foot's flexion solved for it
        EXPECT_EQ(frozen.proportions(), set);
        const auto j = frozen.describe();
        EXPECT_EQ(j["proportions"], set);
        EXPECT_NE(j["segment_lengths_source"].get<std::string>().find("de Leva"), std::string::npos);
        // A phase of the measured stride: the forefoot still on the ground, not through it.
        const RunnerBody stride(athlete, 0.25);
        EXPECT_TRUE(RunnerBody::isClosedManifold(stride.surface()));
        double b[6];
        stride.surface()->GetBounds(b);
        EXPECT_NEAR(b[4], 0.0, 1e-9);
    }
    // Winter's body file says nothing new: its fingerprint stands.
    EXPECT_FALSE(RunnerBody(Athlete(1.57, 42.0), RunnerBody::Pose::midStride).describe().contains("proportions"));
}
