// The plan of a sweep: the solo baseline first, the axes multiplied, gaps as the config defines them.
#include "common/Error.hpp"
#include "cases/config/SweepPlan.hpp"
#include "meshes/Athlete.hpp"
#include "meshes/RunnerBody.hpp"

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

// Pacers of their own size: each case's pacers carry it, a pacer_height axis multiplies the cases
// and names them, and a pacer of her size is her body (no size, the same parameters as before).
TEST(SweepPlan, PacersOfTheirOwnSize) {
    const auto c = config::SweepConfig::parse("[pacers]\nheight = 1.80\nmass = 65\n[formation]\npreset = ahead\n"
                                              "[sweep]\nfront_gap = 1.3\npacer_height = 1.57, 1.80\n");
    const auto plan = config::SweepPlan::expand(c);
    ASSERT_EQ(plan.size(), 3u);
    EXPECT_EQ(plan[1].name, "ahead-f1.3-ph1.57");
    EXPECT_EQ(plan[2].name, "ahead-f1.3-ph1.8");
    EXPECT_FALSE(plan[0].runners[0].size);  // the lead is always the athlete
    ASSERT_TRUE(plan[1].runners[1].size);   // 1.57 m at the pacers' 20.1 kg/m²: not her 42 kg
    EXPECT_NEAR(plan[1].runners[1].size->massKg, 65.0 / (1.80 * 1.80) * 1.57 * 1.57, 1e-12);
    ASSERT_TRUE(plan[2].runners[1].size);
    EXPECT_DOUBLE_EQ(plan[2].runners[1].size->massKg, 65.0);
    const auto j = plan[2].parametersJson();
    EXPECT_DOUBLE_EQ(j["runners"][1]["height_m"].get<double>(), 1.80);
    EXPECT_DOUBLE_EQ(j["runners"][1]["mass_kg"].get<double>(), 65.0);
    EXPECT_FALSE(j["runners"][0].contains("height_m"));

    const auto hers = config::SweepPlan::expand(config::SweepConfig::parse("[pacers]\nheight = 1.57\nmass = 42\n[formation]\npreset = ahead\n"));
    EXPECT_FALSE(hers[1].runners[1].size);
    EXPECT_EQ(hers[1].parametersJson(), config::SweepPlan::expand(config::SweepConfig::parse("[formation]\npreset = ahead\n"))[1].parametersJson());
}

// A pacer of male proportions at her height and mass has a body of its own, and says so.
TEST(SweepPlan, PacersOfOtherProportions) {
    const auto plan = config::SweepPlan::expand(
        config::SweepConfig::parse("[pacers]\nproportions = male\n[formation]\npreset = ahead\n[mesh]\ndimension = 3\n"
                                   "level = coarse\n"));
    ASSERT_TRUE(plan[1].runners[1].size);
    EXPECT_EQ(plan[1].runners[1].size->proportions, "male");
    const auto j = plan[1].parametersJson();
    EXPECT_EQ(j["runners"][1]["proportions"], "male");
    EXPECT_FALSE(j["runners"][0].contains("proportions"));
    // Winter's pacers of their own size write no proportions: earlier cases keep their parameters.
    const auto own = config::SweepPlan::expand(config::SweepConfig::parse("[pacers]\nheight = 1.80\nmass = 65\n[formation]\npreset = ahead\n"));
    EXPECT_FALSE(own[1].parametersJson()["runners"][1].contains("proportions"));
    // Winter's pacer beside a female athlete is a body of its own too, and says which.
    const auto beside = config::SweepPlan::expand(config::SweepConfig::parse(
        "[athlete]\nproportions = female\n[pacers]\nproportions = winter\n[formation]\npreset = ahead\n"
        "[mesh]\ndimension = 3\nlevel = coarse\n"));
    ASSERT_TRUE(beside[1].runners[1].size);
    EXPECT_EQ(beside[1].parametersJson()["runners"][1]["proportions"], "winter");
}

// Each custom pacer its own body: a position's size, else [pacers]'; a size equal to hers is hers.
TEST(SweepPlan, EachCustomPacerMayHaveItsOwnSize) {
    const auto plan = config::SweepPlan::expand(config::SweepConfig::parse(
        "[pacers]\nproportions = male\n[formation]\npreset = custom\n"
        "positions = (1.3, 0, 1.80, 65), (1.3, 0.8, 1.65, 50, female), (-1.0, 0, 1.57, 42, winter), (-1.0, 0.8)\n"
        "[mesh]\ndimension = 3\nlevel = coarse\n"));
    ASSERT_EQ(plan.size(), 2u);
    const auto& r = plan[1].runners;
    ASSERT_EQ(r.size(), 5u);
    EXPECT_EQ(r[1].size, (config::BodySize{1.80, 65.0, "male"}));
    EXPECT_EQ(r[2].size, (config::BodySize{1.65, 50.0, "female"}));
    EXPECT_FALSE(r[3].size);  // her height, mass and (Winter's) proportions: her body
    EXPECT_EQ(r[4].size, (config::BodySize{1.57, 42.0, "male"}));  // [pacers]: her size, male limbs
    const auto j = plan[1].parametersJson();
    EXPECT_EQ(j["runners"][2]["height_m"], 1.65);
    EXPECT_EQ(j["runners"][2]["proportions"], "female");
    EXPECT_FALSE(j["runners"][3].contains("height_m"));
    // A pacer-height axis sizes the positions without a size; over sized ones alone it is refused.
    const auto axis = config::SweepPlan::expand(config::SweepConfig::parse(
        "[formation]\npreset = custom\npositions = (1.3, 0, 1.80, 65), (-1.0, 0)\n[sweep]\npacer_height = 1.6, 1.7\n"));
    ASSERT_EQ(axis.size(), 3u);
    EXPECT_EQ(axis[1].runners[1].size, (config::BodySize{1.80, 65.0, "winter"}));
    EXPECT_DOUBLE_EQ(axis[2].runners[2].size->heightM, 1.7);
    try {
        config::SweepPlan::expand(config::SweepConfig::parse(
            "[formation]\npreset = custom\npositions = (1.3, 0, 1.80, 65)\n[sweep]\npacer_height = 1.6, 1.7\n"));
        FAIL() << "a pacer-height axis over sized positions alone was accepted";
    } catch (const drafting::common::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("sweep.pacer_height = '1.6, 1.7': every custom position gives its pacer a size"),
                  std::string::npos) << e.what();
    }
}

// Each pacer at its own phase of the stride: the one ahead on the opposite foot, the one behind in her step.
TEST(SweepPlan, EachPacerAtItsOwnPhase) {
    const auto plan = config::SweepPlan::expand(config::SweepConfig::parse(
        "[mesh]\ndimension = 3\nlevel = coarse\n[geometry]\nstride_phase = 0.25\n[formation]\npreset = ahead-behind\n"
        "[pacers]\nstride_offset = 0.5, 0\n"));
    ASSERT_EQ(plan.size(), 2u);
    EXPECT_EQ(plan[1].runners[1].stridePhase, 0.75);
    EXPECT_FALSE(plan[1].runners[2].stridePhase);
    EXPECT_EQ(plan[1].parametersJson()["runners"][1]["stride_phase"], 0.75);
    EXPECT_FALSE(plan[1].parametersJson()["runners"][2].contains("stride_phase"));
}

TEST(SweepPlan, AClearanceGapAddsHalfOfEachBodysDepth) {
    const auto c = config::SweepConfig::parse("[pacers]\nheight = 1.80\nmass = 65\n[formation]\npreset = ahead\n"
                                              "gap_definition = clearance\n[sweep]\nfront_gap = 0.5\n");
    const auto plan = config::SweepPlan::expand(c);
    const double lead = drafting::meshes::Athlete(1.57, 42).sectionDepth();
    const double pacer = drafting::meshes::Athlete(1.80, 65).sectionDepth();
    EXPECT_DOUBLE_EQ(plan[1].runners[1].x, 0.5 + 0.5 * (lead + pacer));
    EXPECT_DOUBLE_EQ(plan[1].parametersJson()["front_centre_gap_m"].get<double>(), 0.5 + 0.5 * (lead + pacer));
}

namespace {

// Why `expand` refuses the config, or "" when it accepts it.
std::string refusal(const std::string& configText) {
    try {
        config::SweepPlan::expand(config::SweepConfig::parse(configText));
    } catch (const drafting::common::InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

// A pacer of 1.95 m and 90 kg needs more room than a copy of her. 2D sections are 0.14 m deep for
// her and 0.18 m for him: 0.17 m centre to centre clears two of hers with the 10 % margin (0.154 m),
// not her and him (0.177 m). 3D surfaces: 0.6 m ahead clears a copy of her by more than 50 mm; he
// cuts into her there.
TEST(SweepPlan, AWiderPacerNeedsMoreRoom) {
    const std::string big = "[pacers]\nheight = 1.95\nmass = 90\n";
    for (const auto& [formation, why] :
         {std::pair<std::string, std::string>{"[formation]\npreset = custom\npositions = (0.17, 0)\n", "overlap or touch"},
          {"[formation]\npreset = custom\npositions = (0.6, 0)\n[mesh]\ndimension = 3\n", "overlap or touch (surface gap -"}}) {
        EXPECT_EQ(refusal(formation), "") << formation;
        EXPECT_NE(refusal(big + formation).find(why), std::string::npos) << refusal(big + formation);
    }
}

// Pacers out of her step carry their phase in the parameters (so the fingerprint and the reduction
// see it) and have bodies of their own; in step they are her body, the same parameters as the
// frozen-pose sweep but for the config. The clearance of a gap follows the pacer's own depth.
TEST(SweepPlan, PacersOutOfHerStep) {
    const std::string threeD = "[mesh]\ndimension = 3\n[formation]\npreset = ahead\ngap_definition = clearance\n"
                               "[sweep]\nfront_gap = 0.5\n";
    const auto inStep = config::SweepPlan::expand(config::SweepConfig::parse(threeD + "[geometry]\nstride_phase = 0.1\n"));
    EXPECT_FALSE(inStep[1].runners[1].stridePhase);
    EXPECT_FALSE(inStep[1].runners[1].ownBody());
    EXPECT_FALSE(inStep[1].parametersJson()["runners"][1].contains("stride_phase"));

    const auto out = config::SweepPlan::expand(
        config::SweepConfig::parse(threeD + "[geometry]\nstride_phase = 0.1\n[pacers]\nstride_offset = 0.25\n"));
    ASSERT_TRUE(out[1].runners[1].stridePhase);
    EXPECT_DOUBLE_EQ(*out[1].runners[1].stridePhase, 0.35);
    EXPECT_TRUE(out[1].runners[1].ownBody());
    EXPECT_FALSE(out[1].runners[0].stridePhase);  // the lead is at the config's phase
    EXPECT_DOUBLE_EQ(out[1].parametersJson()["runners"][1]["stride_phase"].get<double>(), 0.35);
    // At 0.35 (right toe-off, legs apart) the pacer is deeper than she is at 0.1 (mid-stance):
    // half of each depth is added, so the centres differ from the in-step case.
    const drafting::meshes::Athlete her(1.57, 42.0);
    const double depthHer = drafting::meshes::RunnerBody(her, 0.1).depth();
    const double depthPacer = drafting::meshes::RunnerBody(her, 0.35).depth();
    EXPECT_NEAR(out[1].runners[1].x, 0.5 + 0.5 * (depthHer + depthPacer), 1e-12);
    EXPECT_NEAR(inStep[1].runners[1].x, 0.5 + depthHer, 1e-12);
}
