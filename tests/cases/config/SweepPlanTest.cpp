// The plan of a sweep: the solo baseline first, the axes multiplied, gaps as the config defines them.
#include "common/Error.hpp"
#include "cases/config/SweepPlan.hpp"
#include "meshes/Athlete.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace drafting::cases;

TEST(SweepPlan, SoloBaselineComesFirstAndAxesMultiply) {
    const auto c = config::SweepConfig::parse("[sweep]\nfront_gap = 1.0, 1.3, 1.6\nback_gap = 1.0, 1.5\n");
    const auto plan = config::SweepPlan::expand(c);
    ASSERT_EQ(plan.size(), 7u);
    EXPECT_EQ(plan[0].name, "solo");
    EXPECT_EQ(plan[0].runners.size(), 1u);
    EXPECT_EQ(plan[1].name, "ahead-behind-f1-b1");
    std::set<std::string> names;
    for (const auto& s : plan) names.insert(s.name);
    EXPECT_EQ(names.size(), plan.size());
}

TEST(SweepPlan, UnusedAxesAreNotSwept) {
    const auto c = config::SweepConfig::parse("[formation]\npreset = ahead\n[sweep]\nfront_gap = 1, 2\nback_gap = 1, 2, 3\n");
    EXPECT_EQ(config::SweepPlan::expand(c).size(), 3u);  // solo + two front gaps
}

TEST(SweepPlan, RefusesSweepsOverTheLimit) {
    const auto c = config::SweepConfig::parse("[sweep]\nfront_gap = 1:10:0.1\nback_gap = 1:3:0.5\n");
    EXPECT_THROW(config::SweepPlan::expand(c, 200), drafting::common::InputError);
    EXPECT_NO_THROW(config::SweepPlan::expand(c, 1000));
}

TEST(SweepPlan, ParametersLeaveAbsentGapsNull) {
    const auto c = config::SweepConfig::parse("[formation]\npreset = behind\n");
    const auto plan = config::SweepPlan::expand(c);
    const auto j = plan[1].parametersJson();
    EXPECT_TRUE(j["front_gap_m"].is_null());
    EXPECT_DOUBLE_EQ(j["back_gap_m"].get<double>(), 1.0);
}

TEST(SweepPlan, ClearanceGapsAddTheBodyDepth) {
    // 2D: the section's depth; names say the gap is a clearance, parameters give both.
    const auto c = config::SweepConfig::parse("[formation]\npreset = ahead-behind\ngap_definition = clearance\n"
                                      "[sweep]\nfront_gap = 0.5\nback_gap = 0.4\n");
    const auto plan = config::SweepPlan::expand(c);
    ASSERT_EQ(plan.size(), 2u);
    EXPECT_EQ(plan[1].name, "ahead-behind-fc0.5-bc0.4");
    const double depth = drafting::meshes::Athlete(c.athleteHeight, c.athleteMass).sectionDepth();
    EXPECT_DOUBLE_EQ(plan[1].runners[1].x, 0.5 + depth);
    EXPECT_DOUBLE_EQ(plan[1].runners[2].x, -(0.4 + depth));
    const auto j = plan[1].parametersJson();
    EXPECT_EQ(j["gap_definition"], "clearance");
    EXPECT_DOUBLE_EQ(j["front_gap_m"].get<double>(), 0.5);
    EXPECT_DOUBLE_EQ(j["front_centre_gap_m"].get<double>(), 0.5 + depth);
    // Centre to centre is the default and changes nothing.
    const auto centre = config::SweepPlan::expand(config::SweepConfig::parse("[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.3\n"));
    EXPECT_EQ(centre[1].name, "ahead-f1.3");
    EXPECT_DOUBLE_EQ(centre[1].runners[1].x, 1.3);
    EXPECT_DOUBLE_EQ(centre[1].parametersJson()["front_centre_gap_m"].get<double>(), 1.3);
}
