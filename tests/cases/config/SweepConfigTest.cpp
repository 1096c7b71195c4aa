#include "common/Error.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "meshes/MeshLevel.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>

using drafting::common::InputError;
using drafting::cases::config::SweepConfig;
using drafting::cases::config::SweepPlan;

TEST(SweepConfig, DefaultsAreAFourMinuteMileForKipyegon) {
    const auto c = SweepConfig::parse("");
    EXPECT_EQ(c.name, "sweep");
    EXPECT_DOUBLE_EQ(c.athleteHeight, 1.57);
    EXPECT_DOUBLE_EQ(c.athleteMass, 42.0);
    EXPECT_NEAR(c.speed, 6.7056, 1e-4);  // 1609.344 m / 240 s
    EXPECT_EQ(c.presets, (std::vector<std::string>{"ahead-behind"}));
    EXPECT_EQ(c.dimension, 2);
    EXPECT_EQ(c.level, "coarse");
    EXPECT_EQ(c.turbulence, "kOmegaSST");
}

TEST(SweepConfig, ReadsEveryKey) {
    const auto c = SweepConfig::parse(R"(
name = kipyegon-test
[athlete]
height = 1.60
mass = 45
[run]
speed = 6.5
headwind = 1.0
air_density = 1.2
turbulence_intensity = 0.02
turbulence_length_scale = 0.2
[formation]
preset = single-file
ahead = 3
behind = 2
row_gap = 0.8
[sweep]
front_gap = 1.0:1.4:0.2
back_gap = 1.0, 1.5
lateral = 0
[mesh]
dimension = 2
level = medium
[solver]
turbulence = kEpsilon
application = simpleFoam
max_iterations = 800
tolerance = 1e-5
end_time = 6
averaging_start = 2
max_courant = 0.8
outer_correctors = 3
settled_tolerance = 0.002
settled_window = 80
)");
    EXPECT_EQ(c.name, "kipyegon-test");
    EXPECT_DOUBLE_EQ(c.athleteHeight, 1.60);
    EXPECT_DOUBLE_EQ(c.athleteMass, 45.0);
    EXPECT_DOUBLE_EQ(c.speed, 6.5);
    EXPECT_DOUBLE_EQ(c.headwind, 1.0);
    EXPECT_DOUBLE_EQ(c.airSpeed(), 7.5);
    EXPECT_DOUBLE_EQ(c.airDensity, 1.2);
    EXPECT_DOUBLE_EQ(c.turbulenceIntensity, 0.02);
    EXPECT_DOUBLE_EQ(c.turbulenceLengthScale, 0.2);
    EXPECT_EQ(c.presets, (std::vector<std::string>{"single-file"}));
    EXPECT_EQ(c.aheadCount, 3);
    EXPECT_EQ(c.behindCount, 2);
    EXPECT_DOUBLE_EQ(c.rowGap, 0.8);
    EXPECT_EQ(c.axes.frontGaps, (std::vector<double>{1.0, 1.2, 1.4}));
    EXPECT_EQ(c.axes.backGaps, (std::vector<double>{1.0, 1.5}));
    EXPECT_EQ(c.axes.laterals, (std::vector<double>{0.0}));
    EXPECT_EQ(c.level, "medium");
    EXPECT_EQ(c.turbulence, "kEpsilon");
    EXPECT_EQ(c.application, "simpleFoam");
    EXPECT_EQ(c.maxIterations, 800);
    EXPECT_DOUBLE_EQ(c.tolerance, 1e-5);
    EXPECT_EQ(c.mode, "steady");
    EXPECT_DOUBLE_EQ(c.endTime.value(), 6.0);
    EXPECT_DOUBLE_EQ(c.averagingStart.value(), 2.0);
    EXPECT_DOUBLE_EQ(c.maxCourant, 0.8);
    EXPECT_EQ(c.outerCorrectors, 3);
    EXPECT_DOUBLE_EQ(c.settledTolerance, 0.002);
    EXPECT_EQ(c.settledWindow, 80);
}

// Pacers of their own size (issue 16): a height takes its mass at the pacers' body-mass index,
// which is the athlete's unless pacers.mass says otherwise; unset, they are her body.
TEST(SweepConfig, PacersOfTheirOwnSize) {
    const auto same = SweepConfig::parse("");
    EXPECT_FALSE(same.pacerHeight);
    EXPECT_TRUE(same.pacerSize() == same.athlete());
    EXPECT_FALSE(same.toJson().contains("pacers"));  // the fingerprints of earlier sweeps stand

    const auto male = SweepConfig::parse("[pacers]\nheight = 1.80\nmass = 65\n[sweep]\npacer_height = 1.70, 1.80\n");
    EXPECT_DOUBLE_EQ(male.pacerSize().heightM, 1.80);
    EXPECT_DOUBLE_EQ(male.pacerSize().massKg, 65.0);  // as given, exactly
    EXPECT_DOUBLE_EQ(male.pacerSize(1.80).massKg, 65.0);
    EXPECT_NEAR(male.pacerSize(1.70).massKg, 65.0 * (1.70 * 1.70) / (1.80 * 1.80), 1e-12);
    EXPECT_EQ(male.axes.pacerHeights, (std::vector<double>{1.70, 1.80}));
    EXPECT_EQ(male.toJson()["pacers"], (nlohmann::json{{"height_m", 1.80}, {"mass_kg", 65.0}}));
    EXPECT_EQ(male.toJson()["sweep"]["pacer_height_m"], (nlohmann::json{1.70, 1.80}));

    // A height alone: Kipyegon's body-mass index, 42 / 1.57² = 17.0 kg/m².
    const auto tall = SweepConfig::parse("[pacers]\nheight = 1.80\n");
    EXPECT_NEAR(tall.pacerSize().massKg, 42.0 / (1.57 * 1.57) * 1.80 * 1.80, 1e-12);
    EXPECT_TRUE(tall.toJson()["pacers"]["mass_kg"].is_null());
    // A mass alone: her height.
    const auto heavy = SweepConfig::parse("[pacers]\nmass = 50\n");
    EXPECT_TRUE(heavy.pacerSize() == (drafting::cases::config::BodySize{1.57, 50.0}));
    // Back at her height on the axis, at her index: her body exactly, not a rounding away from it.
    const auto back = SweepConfig::parse("[athlete]\nheight = 1.55\nmass = 50\n[pacers]\nheight = 1.80\n[sweep]\npacer_height = 1.55, 1.8\n");
    EXPECT_TRUE(back.pacerSize(1.55) == back.athlete());
}

// A phase of the measured stride for her, and the pacers' against it (issue 16): absent, the
// frozen pose and no key in the JSON (earlier sweeps keep their fingerprints).
TEST(SweepConfig, PacersInAndOutOfHerStep) {
    const auto frozen = SweepConfig::parse("[mesh]\ndimension = 3\n");
    EXPECT_FALSE(frozen.stridePhase);
    EXPECT_FALSE(frozen.pacerStridePhase());
    EXPECT_FALSE(frozen.toJson()["geometry"].contains("stride_phase"));
    EXPECT_FALSE(frozen.toJson().contains("pacers"));

    const auto inStep = SweepConfig::parse("[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.25\n");
    EXPECT_EQ(inStep.pacerStridePhase(), 0.25);
    EXPECT_EQ(inStep.toJson()["geometry"]["stride_phase"], 0.25);

    // Out of step: her phase plus the offset, around the stride's end.
    const auto outOfStep = SweepConfig::parse("[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.75\n[pacers]\nstride_offset = 0.5\n");
    EXPECT_DOUBLE_EQ(*outOfStep.pacerStridePhase(), 0.25);
    EXPECT_EQ(outOfStep.toJson()["pacers"]["stride_offset"], 0.5);
    EXPECT_TRUE(outOfStep.toJson()["pacers"]["height_m"].is_null());
}

// Female and male limb proportions (issue 16): 3D parametric only, the pacers hers unless given,
// written only when not Winter's (earlier manifests and fingerprints stand), read back the same.
TEST(SweepConfig, LimbProportionsOfEachRunner) {
    const auto plain = SweepConfig::parse("[mesh]\ndimension = 3\n");
    EXPECT_EQ(plain.athleteProportions, "winter");
    EXPECT_FALSE(plain.toJson()["athlete"].contains("proportions"));
    EXPECT_EQ(plain.toText().find("proportions"), std::string::npos);

    const auto c = SweepConfig::parse("[athlete]\nproportions = female\n[pacers]\nheight = 1.80\nmass = 65\n"
                                      "proportions = male\n[mesh]\ndimension = 3\n");
    EXPECT_EQ(c.athlete().proportions, "female");
    EXPECT_EQ(c.pacerSize().proportions, "male");
    EXPECT_EQ(c.pacerSize(1.70).proportions, "male");
    EXPECT_EQ(c.toJson()["athlete"]["proportions"], "female");
    EXPECT_EQ(c.toJson()["pacers"]["proportions"], "male");
    EXPECT_EQ(SweepConfig::parse(c.toText()).toJson(), c.toJson());
    EXPECT_EQ(SweepConfig::fromJson(c.toJson(), "manifest.json").toJson(), c.toJson());

    // Pacers without proportions of their own have hers; at her size and proportions they are her body.
    const auto hers = SweepConfig::parse("[athlete]\nproportions = female\n[mesh]\ndimension = 3\n");
    EXPECT_EQ(hers.pacerSize(), hers.athlete());
    // Her size with other proportions is a body of its own.
    const auto male = SweepConfig::parse("[pacers]\nproportions = male\n[mesh]\ndimension = 3\n");
    EXPECT_FALSE(male.pacerSize() == male.athlete());
    EXPECT_EQ(male.pacerSize().heightM, male.athlete().heightM);

    auto refusal = [](const std::string& text) {
        try {
            SweepConfig::parse(text);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(refusal("[athlete]\nproportions = female\n").find("athlete.proportions = 'female': shapes the 3D "
                                                                   "parametric body: needs mesh.dimension = 3"),
              std::string::npos);
    EXPECT_NE(refusal("[pacers]\nproportions = tall\n[mesh]\ndimension = 3\n").find("pacers.proportions = 'tall': "
                                                                                     "expected one of winter|female|male"),
              std::string::npos);
    auto j = c.toJson();
    j["athlete"]["proportions"] = "x/../y";
    try {
        SweepConfig::fromJson(j, "manifest.json");
        ADD_FAILURE() << "a manifest's unknown proportions were read";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("config.athlete.proportions"), std::string::npos) << e.what();
    }
}

// A wind from any side (issue 16): its head component adds to the running speed, its cross
// component comes from the runner's left at 90 degrees; calm air writes no wind keys.
TEST(SweepConfig, AWindFromAnySide) {
    const auto calm = SweepConfig::parse("[run]\nspeed = 6\n");
    EXPECT_FALSE(calm.toJson()["run"].contains("wind_speed_mps"));
    EXPECT_DOUBLE_EQ(calm.airAlong(), 6.0);
    EXPECT_DOUBLE_EQ(calm.airAcross(), 0.0);
    const auto cross = SweepConfig::parse("[run]\nspeed = 6\nwind_speed = 2\nwind_direction = 90\n");
    EXPECT_NEAR(cross.airAlong(), 6.0, 1e-12);
    EXPECT_NEAR(cross.airAcross(), 2.0, 1e-12);
    EXPECT_NEAR(cross.airSpeed(), std::sqrt(40.0), 1e-12);
    EXPECT_DOUBLE_EQ(cross.toJson()["run"]["wind_direction_deg"].get<double>(), 90.0);
    const auto tail = SweepConfig::parse("[run]\nspeed = 6\nwind_speed = 2\nwind_direction = 180\n");
    EXPECT_EQ(tail.airAlong(), 4.0);  // exact at the quarters: no crosswind of 1e-16 m/s
    EXPECT_EQ(tail.airAcross(), 0.0);
    EXPECT_EQ(SweepConfig::parse("[run]\nspeed = 6\nwind_speed = 2\nwind_direction = 360\n").airAcross(), 0.0);
    const auto right = SweepConfig::parse("[run]\nspeed = 6\nwind_speed = 2\nwind_direction = 270\n");
    EXPECT_NEAR(right.airAcross(), -2.0, 1e-12);
}

TEST(SweepConfig, TransientModeWithDraftFoam) {
    const auto c = SweepConfig::parse("[solver]\nmode = transient\nend_time = 3\naveraging_start = 1\n");
    EXPECT_EQ(c.mode, "transient");
    EXPECT_EQ(c.application, "draftFoam");
}

TEST(SweepConfig, MileTimeGivesTheMeanSpeed) {
    const auto c = SweepConfig::parse("[run]\nmile_time = 4:07.64\n");
    EXPECT_NEAR(c.speed, 6.499, 1e-3);  // REFERENCES.md: 4:07.64 is 6.499 m/s
}

TEST(SweepConfig, CommandLineOverridesTheFile) {
    const auto c = SweepConfig::parse("[athlete]\nheight = 1.60\n", {"--athlete.height=1.75", "--mesh.level=fine"});
    EXPECT_DOUBLE_EQ(c.athleteHeight, 1.75);
    EXPECT_EQ(c.level, "fine");
}

TEST(SweepConfig, CustomPositionsAreParsed) {
    const auto c = SweepConfig::parse("[formation]\npreset = custom\npositions = (1.3, 0), (-1.0, 0.5)\n");
    ASSERT_EQ(c.positions.size(), 2u);
    EXPECT_DOUBLE_EQ(c.positions[0].x, 1.3);
    EXPECT_DOUBLE_EQ(c.positions[1].x, -1.0);
    EXPECT_DOUBLE_EQ(c.positions[1].y, 0.5);
}

// A custom position may give its pacer a size of its own (and proportions), which wins over [pacers]
// for that pacer alone; the manifest writes such a position as an object and reads it back the same.
TEST(SweepConfig, CustomPositionsMayGiveAPacerItsOwnSize) {
    const auto c = SweepConfig::parse("[athlete]\nproportions = female\n[pacers]\nheight = 1.75\nmass = 60\n"
                                      "[formation]\npreset = custom\npositions = (1.3, 0, 1.80, 65), "
                                      "(1.3, 0.7, 1.65, 50, female), (-1.0, 0)\n[mesh]\ndimension = 3\n");
    ASSERT_EQ(c.positions.size(), 3u);
    EXPECT_EQ(c.positions[0].heightM, 1.80);
    EXPECT_EQ(c.positions[0].massKg, 65.0);
    EXPECT_FALSE(c.positions[0].proportions);
    EXPECT_EQ(c.positions[1].proportions, "female");
    EXPECT_FALSE(c.positions[2].heightM);
    // Its own size, else [pacers]'; its proportions, else pacers.proportions, else hers.
    EXPECT_EQ(c.pacerSizeAt(c.positions[0]), (drafting::cases::config::BodySize{1.80, 65.0, "female"}));
    EXPECT_EQ(c.pacerSizeAt(c.positions[1]), (drafting::cases::config::BodySize{1.65, 50.0, "female"}));
    EXPECT_EQ(c.pacerSizeAt(c.positions[2]), (drafting::cases::config::BodySize{1.75, 60.0, "female"}));
    const auto j = c.toJson();
    EXPECT_EQ(j["formation"]["positions"][0], (nlohmann::json{{"x_m", 1.3}, {"y_m", 0.0}, {"height_m", 1.8}, {"mass_kg", 65.0}}));
    EXPECT_EQ(j["formation"]["positions"][2], nlohmann::json::array({-1.0, 0.0}));  // as it always was
    EXPECT_EQ(SweepConfig::fromJson(j, "manifest.json").toJson(), j);
    EXPECT_EQ(SweepConfig::parse(c.toText()).toJson(), j);
    // A sized position that does not read back as one is refused, naming the field.
    auto bad = j;
    bad["formation"]["positions"][0].erase("mass_kg");
    try {
        SweepConfig::fromJson(bad, "manifest.json");
        FAIL() << "accepted a position without its mass";
    } catch (const drafting::common::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("config.formation.positions"), std::string::npos) << e.what();
    }
}

// pacers.stride_offset may give each pacer its own step, in the order the formation places them;
// one value stays the number the manifest always had, a list is a list.
TEST(SweepConfig, EachPacerMayHaveItsOwnStep) {
    const std::string base = "[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.25\n[formation]\npreset = ahead-behind\n";
    const auto c = SweepConfig::parse(base + "[pacers]\nstride_offset = 0.5, 0\n");
    ASSERT_EQ(c.pacerStrideOffsets.size(), 2u);
    EXPECT_EQ(c.pacerStridePhase(0), 0.75);
    EXPECT_EQ(c.pacerStridePhase(1), 0.25);
    EXPECT_FALSE(c.pacerOwnStridePhase(1));  // in her step: her body
    const auto j = c.toJson();
    EXPECT_EQ(j["pacers"]["stride_offset"], nlohmann::json::array({0.5, 0.0}));
    EXPECT_EQ(SweepConfig::fromJson(j, "manifest.json").toJson(), j);
    EXPECT_EQ(SweepConfig::parse(c.toText()).toJson(), j);
    EXPECT_EQ(SweepConfig::parse(base + "[pacers]\nstride_offset = 0.5\n").toJson()["pacers"]["stride_offset"], 0.5);
    const auto refused = [&](const std::string& text) { return drafting::test::inputErrorOf([&] { SweepConfig::parse(text); }); };
    EXPECT_NE(refused(base + "[pacers]\nstride_offset = 0.5, 0, 0.25\n").find("3 offsets, one per pacer, but ahead-behind places 2"),
              std::string::npos);
    EXPECT_NE(refused("[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.25\n[formation]\npreset = ahead, ahead-behind\n"
                      "[pacers]\nstride_offset = 0.5, 0\n")
                  .find("2 offsets, one per pacer, but ahead places 1"),
              std::string::npos);
    EXPECT_NE(refused(base + "gap_definition = clearance\n[pacers]\nstride_offset = 0.5, 0\n").find("not with formation.gap_definition"),
              std::string::npos);
    EXPECT_NE(refused(base + "[pacers]\nstride_offset = 0.5, 1\n").find("1 is the next stride's 0"), std::string::npos);
}

TEST(SweepConfig, ParseMileTimeForms) {
    EXPECT_DOUBLE_EQ(SweepConfig::parseMileTime("t", "4:00"), 240.0);
    EXPECT_DOUBLE_EQ(SweepConfig::parseMileTime("t", "3:59.37"), 239.37);
    EXPECT_DOUBLE_EQ(SweepConfig::parseMileTime("t", "59.5"), 59.5);
    EXPECT_THROW(SweepConfig::parseMileTime("t", "4:75"), InputError);
    EXPECT_THROW(SweepConfig::parseMileTime("t", "four"), InputError);
}

TEST(SweepConfig, ParseMileTimeIsStrict) {
    EXPECT_DOUBLE_EQ(SweepConfig::parseMileTime("t", " 4:07.64 "), 247.64);
    EXPECT_DOUBLE_EQ(SweepConfig::parseMileTime("t", "12:05"), 725.0);
    EXPECT_DOUBLE_EQ(SweepConfig::parseMileTime("t", "7"), 7.0);
    // Seconds are two digits once minutes are given; no trailing dot, exponent or second colon.
    for (const char* bad : {"4:7", "4:7.5", "4:075", "4:00.", "4:", ":30", "1e2", "4:00:00", "0x1p2", "4:00.1234567",
                            "-4:00", "123", "0:00", "inf"})
        EXPECT_THROW(SweepConfig::parseMileTime("t", bad), InputError) << bad;
}

TEST(SweepConfig, JsonCarriesEverySection) {
    const auto j = SweepConfig::parse("").toJson();
    for (const char* key : {"name", "athlete", "run", "formation", "sweep", "mesh", "solver"})
        EXPECT_TRUE(j.contains(key)) << key;
}

struct BadConfig {
    const char* text;
    const char* expected;  // must appear in the one-line message
};

void PrintTo(const BadConfig& c, std::ostream* os) { *os << "config: " << c.text; }

class SweepConfigRejects : public ::testing::TestWithParam<BadConfig> {};

TEST_P(SweepConfigRejects, WithOneLineNamingKeyAndValue) {
    try {
        SweepConfig::parse(GetParam().text);
        FAIL() << "accepted: " << GetParam().text;
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(GetParam().expected), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << "message spans lines: " << what;
    }
}

INSTANTIATE_TEST_SUITE_P(
    EveryKey, SweepConfigRejects,
    ::testing::Values(
        BadConfig{"name = ../etc", "name = '../etc'"}, BadConfig{"name = a$b", "name = 'a$b'"},
        BadConfig{"name = #codeStream", "name = ''"}  /* '#' starts an INI comment */,
        BadConfig{"[athlete]\nheight = 0.4", "athlete.height = '0.4'"},
        BadConfig{"[athlete]\nheight = tall", "athlete.height = 'tall'"},
        BadConfig{"[athlete]\nmass = -3", "athlete.mass = '-3'"},
        BadConfig{"[run]\nspeed = 0", "run.speed = '0'"},
        BadConfig{"[run]\nspeed = 6\nmile_time = 4:00", "give one, not both"},
        BadConfig{"[run]\nmile_time = 4:xx", "run.mile_time = '4:xx'"},
        BadConfig{"[run]\nmile_time = 0:30", "run.mile_time = '0:30'"},
        BadConfig{"[run]\nheadwind = 40", "run.headwind = '40'"},
        BadConfig{"[run]\nspeed = 3\nheadwind = -3", "air speed relative to the runner"},
        BadConfig{"[run]\nair_density = 13", "run.air_density = '13'"},
        BadConfig{"[run]\nturbulence_intensity = 2", "run.turbulence_intensity = '2'"},
        BadConfig{"[run]\nturbulence_length_scale = 0", "run.turbulence_length_scale = '0'"},
        BadConfig{"[formation]\npreset = peloton", "formation.preset = 'peloton'"},
        BadConfig{"[formation]\npreset = ahead\npositions = (1,0)", "need formation.preset = custom"},
        BadConfig{"[formation]\npreset = custom", "needs formation.positions"},
        BadConfig{"[formation]\npreset = custom\npositions = 1.3 0", "formation.positions = '1.3 0'"},
        BadConfig{"[formation]\npreset = custom\npositions = (1.3, 0, 1.8)", "expected (x, y) or (x, y, height, mass"},
        BadConfig{"[formation]\npreset = custom\npositions = (1.3, 0, 2.5, 65)", "'2.5' outside [1.2, 2.3] m"},
        BadConfig{"[formation]\npreset = custom\npositions = (1.3, 0, 1.8, 200)", "'200' outside [30, 150] kg"},
        BadConfig{"[formation]\npreset = custom\npositions = (1.3, 0, 1.8, 65, tall)\n[mesh]\ndimension = 3",
                  "'tall' is not a set of proportions"},
        BadConfig{"[formation]\npreset = custom\npositions = (1.3, 0, 1.8, 65, male)",
                  "a pacer's proportions shape the 3D parametric body: needs mesh.dimension = 3"},
        BadConfig{"[formation]\nahead = 2.5", "formation.ahead = '2.5'"},
        BadConfig{"[formation]\nbehind = 99", "formation.behind = '99'"},
        BadConfig{"[formation]\npreset = single-file\nahead = 0\nbehind = 0", "needs at least one pacer"},
        BadConfig{"[formation]\nrow_gap = 0", "formation.row_gap = '0'"},
        BadConfig{"[sweep]\nfront_gap = 0.1", "sweep.front_gap = '0.1'"},
        BadConfig{"[sweep]\nback_gap = 1:2:0", "sweep.back_gap = '1:2:0'"},
        BadConfig{"[sweep]\nlateral = 9", "sweep.lateral = '9'"},
        BadConfig{"[pacers]\nheight = 2.6", "pacers.height = '2.6'"},
        BadConfig{"[run]\nwind_speed = 11", "run.wind_speed = '11'"},
        BadConfig{"[run]\nspeed = 3\nwind_speed = 5\nwind_direction = 90", "run.wind_speed = '5': turns the air 59"},
        BadConfig{"[run]\nwind_speed = 2\nwind_direction = 400", "run.wind_direction = '400'"},
        BadConfig{"[run]\nwind_direction = 90", "run.wind_direction = '90': needs run.wind_speed"},
        BadConfig{"[run]\nwind_speed = 2\nheadwind = 1", "give one (a headwind is run.wind_direction = 0)"},
        BadConfig{"[run]\nspeed = 3\nwind_speed = 4\nwind_direction = 180", "run.wind_speed = '4': the air along the running direction"},
        BadConfig{"[pacers]\nmass = 20", "pacers.mass = '20'"},
        BadConfig{"[sweep]\npacer_height = 1.1", "sweep.pacer_height = '1.1'"},
        BadConfig{"[pacers]\nheight = 1.5\nmass = 140\n[sweep]\npacer_height = 1.5, 2.2", "gives a pacer of"},
        BadConfig{"[athlete]\nheight = 1.2\nmass = 60\n[pacers]\nheight = 2.2", "pacers.height = '2.2': gives a pacer of"},
        BadConfig{"[mesh]\ndimension = 4", "mesh.dimension = '4'"},
        BadConfig{"[run]\nturbulence_viscosity_ratio = 0", "run.turbulence_viscosity_ratio = '0'"},
        BadConfig{"[run]\nturbulence_viscosity_ratio = 5\nturbulence_length_scale = 0.1", "give one of them"},
        BadConfig{"[formation]\ngap_definition = edge", "formation.gap_definition = 'edge'"},
        BadConfig{"[mesh]\nupstream = 6", "mesh.upstream = '6': needs mesh.dimension = 3"},
        BadConfig{"[mesh]\ndimension = 3\nside = 0.1", "mesh.side = '0.1'"},
        BadConfig{"[mesh]\ndimension = 3\nabove = 1e3", "mesh.above = '1e3'"},
        BadConfig{"[geometry]\npose = sitting\n[mesh]\ndimension = 3", "geometry.pose = 'sitting'"},
        BadConfig{"[geometry]\npose = standing", "geometry.pose = 'standing': needs mesh.dimension = 3"},
        BadConfig{"[mesh]\ndimension = 3\n[geometry]\nstride_phase = 1", "geometry.stride_phase = '1': 1 is the next stride's 0"},
        BadConfig{"[mesh]\ndimension = 3\n[geometry]\nstride_phase = -0.1", "geometry.stride_phase = '-0.1'"},
        BadConfig{"[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.5\npose = standing",
                  "geometry.stride_phase = '0.5': replaces geometry.pose"},
        BadConfig{"[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.5\n[pacers]\nstride_offset = 1.5",
                  "pacers.stride_offset = '1.5'"},
        BadConfig{"[geometry]\nstl = /no/such/runner.stl\n[mesh]\ndimension = 3",
                  "geometry.stl = '/no/such/runner.stl': cannot be read"},
        BadConfig{"[formation]\npreset = ahead, ahead", "ahead given twice"},
        BadConfig{"[formation]\npreset = ahead, wedge", "formation.preset = 'ahead, wedge': 'wedge' is not one of"},
        BadConfig{"[formation]\npreset = ahead\n[sweep.behind]\nback_gap = 1", "sweep.behind.back_gap = '1': behind is not in formation.preset"},
        BadConfig{"[formation]\npreset = ahead\n[sweep.ahead]\nfront_gap = 0.1", "sweep.ahead.front_gap = '0.1'"},
        BadConfig{"[mesh]\nlevel = ultra", "mesh.level = 'ultra': expected one of coarse|medium|fine|extra-fine"},
        BadConfig{"[solver]\nturbulence = LES", "solver.turbulence = 'LES'"},
        BadConfig{"[solver]\napplication = rm", "solver.application = 'rm'"},
        BadConfig{"[solver]\nmax_iterations = 0", "solver.max_iterations = '0'"},
        BadConfig{"[solver]\ntolerance = 1", "solver.tolerance = '1'"},
        BadConfig{"[solver]\nunknown_key = 1", "unknown key 'solver.unknown_key'"},
        BadConfig{"[solver]\nmode = implicit", "solver.mode = 'implicit'"},
        BadConfig{"[solver]\nmode = transient\napplication = simpleFoam", "steady only"},
        BadConfig{"[solver]\napplication = pimpleFoam", "transient only"},
        BadConfig{"[solver]\napplication = icoFoam", "solver.application = 'icoFoam'"},
        BadConfig{"[solver]\nend_time = -1", "solver.end_time = '-1'"},
        BadConfig{"[solver]\nmode = transient\nend_time = 2\naveraging_start = 3", "must be before solver.end_time"},
        BadConfig{"[solver]\nmax_courant = 100", "solver.max_courant = '100'"},
        BadConfig{"[solver]\nouter_correctors = 0", "solver.outer_correctors = '0'"},
        BadConfig{"[solver]\nouter_correctors = 2.5", "solver.outer_correctors = '2.5'"},
        BadConfig{"[solver]\nsettled_tolerance = 2", "solver.settled_tolerance = '2'"},
        BadConfig{"[solver]\nsettled_window = 1", "solver.settled_window = '1'"},
        BadConfig{"[athlete]\nheight = 1.6\nheight = 1.7", "given more than once"}));

TEST(SweepConfig, SeveralFormationsSweepTheirOwnAxes) {
    // The Breaking4 study: a pacer ahead at every gap, one behind alone, the pair at one point.
    const auto c = SweepConfig::parse(
        "[formation]\npreset = ahead, behind, ahead-behind\n"
        "[sweep]\nfront_gap = 0.8, 1.3, 2.0\nback_gap = 1.0\n"
        "[sweep.ahead-behind]\nfront_gap = 1.3\n");
    EXPECT_EQ(c.presets, (std::vector<std::string>{"ahead", "behind", "ahead-behind"}));
    EXPECT_EQ(c.axesFor("ahead").frontGaps, (std::vector<double>{0.8, 1.3, 2.0}));
    EXPECT_EQ(c.axesFor("ahead-behind").frontGaps, (std::vector<double>{1.3}));
    EXPECT_EQ(c.axesFor("ahead-behind").backGaps, (std::vector<double>{1.0}));  // inherited

    const auto plan = SweepPlan::expand(c);
    std::vector<std::string> names;
    for (const auto& spec : plan) names.push_back(spec.name);
    EXPECT_EQ(names, (std::vector<std::string>{"solo", "ahead-f0.8", "ahead-f1.3", "ahead-f2", "behind-b1",
                                               "ahead-behind-f1.3-b1"}));
}

TEST(SweepConfig, ThreeDimensionalSweepsDefaultToTheMediumLevel) {
    EXPECT_EQ(SweepConfig::parse("").level, "coarse");
    EXPECT_EQ(SweepConfig::parse("[mesh]\ndimension = 3\n").level, "medium");
    EXPECT_EQ(SweepConfig::parse("[mesh]\ndimension = 3\nlevel = coarse\n").level, "coarse");
    EXPECT_EQ(SweepConfig::parse("[mesh]\ndimension = 3\n").geometryPose, "mid-stride");
    // Calm air: νt/ν = 10 unless a length scale is given; the 3D box as validation.md chose it.
    const auto c3 = SweepConfig::parse("[mesh]\ndimension = 3\ndownstream = 12\n");
    EXPECT_DOUBLE_EQ(c3.turbulenceViscosityRatio, 10.0);
    EXPECT_DOUBLE_EQ(c3.turbulenceLengthScale, 0.0);
    EXPECT_DOUBLE_EQ(c3.domain.downstream, 12.0);
    EXPECT_DOUBLE_EQ(c3.domain.upstream, drafting::meshes::FormationDomain{}.upstream);
    EXPECT_EQ(c3.toJson()["mesh"]["downstream_m"], 12.0);
    EXPECT_TRUE(c3.toJson()["run"]["turbulence_length_scale_m"].is_null());
    EXPECT_EQ(SweepConfig::parse("").gapDefinition, "centre");
}

TEST(SweepConfig, ExtraFineIsAFourthLevel) {
    EXPECT_EQ(SweepConfig::parse("[mesh]\nlevel = extra-fine\n").level, "extra-fine");
    const auto level = drafting::meshes::MeshLevel::from("extra-fine");
    EXPECT_EQ(level.index(), 3);
    EXPECT_EQ(level.text(), "extra-fine");
    EXPECT_NEAR(level.cellScale(), std::pow(std::sqrt(2.0), -3), 1e-15);
    EXPECT_EQ(drafting::meshes::MeshLevel::names(),
              (std::vector<std::string>{"coarse", "medium", "fine", "extra-fine"}));
}

namespace {

// The message of the InputError `load` throws ("" if none).
std::string refusal(const std::function<void()>& load) {
    try {
        load();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

std::string parseRefusal(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return refusal([&] { SweepConfig::parse(text, overrides); });
}

bool printable(const std::string& line) {
    return std::none_of(line.begin(), line.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c < 0x20 || c == 0x7f;
    });
}

}  // namespace

TEST(SweepConfigFile, ErrorsCarryTheFileLineFieldAndValue) {
    drafting::test::TempDir tmp;
    const std::string path = tmp.path() + "/bad.cfg";
    drafting::test::writeFile(path, "name = x\n[sweep]\nfront_gap = 1,x\n");
    try {
        SweepConfig::load(path);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.site().label, "config file");
        EXPECT_EQ(e.site().file, std::optional<std::string>(path));
        EXPECT_EQ(e.site().line, 3);
        EXPECT_EQ(e.site().field, "sweep.front_gap");
        EXPECT_EQ(e.site().value, std::optional<std::string>("1,x"));
    }
    try {
        SweepConfig::parse("", {"--athlete.height=9"});
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.site().label, "command line");
        EXPECT_FALSE(e.site().file);
        EXPECT_EQ(e.site().field, "athlete.height");
        EXPECT_EQ(e.site().value, std::optional<std::string>("9"));
    }
}

TEST(SweepConfigFile, MessagesNameTheFileAndLineOrTheCommandLine) {
    drafting::test::TempDir tmp;
    const std::string path = tmp.path() + "/bad.cfg";
    drafting::test::writeFile(path, "name = x\n[athlete]\nheight = 0.4\n");
    EXPECT_EQ(refusal([&] { SweepConfig::load(path); }).rfind("config file '" + path + "', line 3: athlete.height = '0.4'", 0),
              0u)
        << refusal([&] { SweepConfig::load(path); });
    EXPECT_EQ(parseRefusal("", {"--athlete.height=9"}).rfind("command line: athlete.height = '9'", 0), 0u)
        << parseRefusal("", {"--athlete.height=9"});
    // The key from a nested checker (common::ValueList, common::SafeName, mile time) gets the origin too.
    EXPECT_NE(parseRefusal("\n[sweep]\nfront_gap = 1:2:0").find("config text, line 3: sweep.front_gap = '1:2:0'"),
              std::string::npos);
    EXPECT_NE(parseRefusal("", {"--run.mile_time=4:7"}).find("command line: run.mile_time = '4:7'"), std::string::npos);
}

TEST(SweepConfigFile, ADirectoryIsNotAConfig) {
    drafting::test::TempDir tmp;
    EXPECT_EQ(refusal([&] { SweepConfig::load(tmp.path()); }), "config file '" + tmp.path() + "': is a directory");
}

TEST(SweepConfigFile, AnEmptyPathIsNotTheDefaults) {
    EXPECT_EQ(refusal([] { SweepConfig::load(""); }), "config file '': cannot be read (empty path)");
}

TEST(SweepConfigFile, AFifoIsRefusedWithoutBlocking) {
    drafting::test::TempDir tmp;
    const std::string fifo = tmp.path() + "/pipe.cfg";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(refusal([&] { SweepConfig::load(fifo); }), "config file '" + fifo + "': not a regular file");
}

TEST(SweepConfigFile, LargeOrBinaryFilesAreRefused) {
    drafting::test::TempDir tmp;
    const std::string big = tmp.path() + "/big.cfg";
    drafting::test::writeFile(big, "# " + std::string(2 * 1024 * 1024, 'x') + "\n");
    EXPECT_NE(refusal([&] { SweepConfig::load(big); }).find("larger than 1 MiB"), std::string::npos);
    const std::string binary = tmp.path() + "/binary.cfg";
    drafting::test::writeFile(binary, std::string("name = a\n\x7f" "ELF") + std::string(3, '\0'));
    EXPECT_EQ(refusal([&] { SweepConfig::load(binary); }),
              "config file '" + binary + "', line 2: a NUL byte (binary, not a sweep config)");
}

TEST(SweepConfigFile, LinesOfOtherFilesAreNeverEchoed) {
    const std::string shadow = parseRefusal("root:$6$SECRET:19000:0:99999:7:::\n");
    EXPECT_EQ(shadow, "config text, line 1: not 'key = value'");
    EXPECT_EQ(parseRefusal("export TOKEN=SECRET\n"), "config text, line 1: not 'key = value'");
    EXPECT_EQ(parseRefusal("[SECRET stuff]\n"), "config text, line 1: not a [section] header");
    // A key-shaped key is named, its value is not: the key is unknown, so its value means nothing.
    EXPECT_EQ(parseRefusal("password = SECRET\n"), "config text, line 1: unknown key 'password' (see docs/config.md)");
}

TEST(SweepConfigFile, AByteOrderMarkIsSkipped) {
    const auto c = SweepConfig::parse("\xEF\xBB\xBFname = bom\n[athlete]\nheight = 1.6\n");
    EXPECT_EQ(c.name, "bom");
    EXPECT_DOUBLE_EQ(c.athleteHeight, 1.6);
}

TEST(SweepConfigFile, ControlCharactersAndHugeValuesAreQuotedSafely) {
    const std::string esc = "\x1b[2J\x1b]0;owned\x07";
    for (const std::string& text :
         {"[athlete]\nheight = " + esc, "name = a" + esc, "[sweep]\nfront_gap = 1, " + esc,
          "[formation]\npreset = ahead, " + esc, "[mesh]\nlevel = " + esc, "[run]\nmile_time = " + esc,
          "[formation]\npreset = custom\npositions = (1" + esc + ", 0)",
          "[athlete]\nheight = " + std::string(100000, '7'), "[sweep]\nfront_gap = " + std::string(10000, '1') + "x"}) {
        const std::string what = parseRefusal(text);
        EXPECT_FALSE(what.empty()) << text.substr(0, 80);
        EXPECT_TRUE(printable(what)) << what;
        EXPECT_LE(what.size(), 400u) << what;
    }
    EXPECT_NE(parseRefusal("[athlete]\nheight = " + esc).find("athlete.height = '\\x1b[2J\\x1b]0;owned\\x07'"),
              std::string::npos);
    const std::string unknown = parseRefusal("", {"--athlete.\x1b[2J=1"});
    EXPECT_EQ(unknown, "command line: unknown key 'athlete.\\x1b[2J' (see docs/config.md)");
}

TEST(SweepConfigFile, NumbersAreDecimalOnly) {
    for (const char* bad : {"0x1.8p0", "inf", "nan", "1e999", "-inf", "1.6abc", "", "0X1P0"}) {
        EXPECT_NE(parseRefusal(std::string("[athlete]\nheight = ") + bad).find("not a number"), std::string::npos) << bad;
        EXPECT_NE(parseRefusal("", {std::string("--athlete.height=") + bad}).find("command line: athlete.height"),
                  std::string::npos)
            << bad;
    }
    EXPECT_NE(parseRefusal("[formation]\npreset = custom\npositions = (0x1p1, 0)").find("'0x1p1' is not a number"),
              std::string::npos);
    EXPECT_NE(parseRefusal("[sweep]\nlateral = 0x1p-1").find("'0x1p-1': not a number"), std::string::npos);
    for (const char* bad : {"0x10", "1e3", "1000.0", "+", "1 6", "0b1", "0x1p4"})
        EXPECT_NE(parseRefusal(std::string("[solver]\nmax_iterations = ") + bad).find("not a whole number"),
                  std::string::npos)
            << bad;
    EXPECT_NE(parseRefusal("[solver]\nmax_iterations = 0x10").find("solver.max_iterations = '0x10': not a whole number"),
              std::string::npos);
    EXPECT_DOUBLE_EQ(SweepConfig::parse("[athlete]\nheight = 16e-1\n").athleteHeight, 1.6);
    EXPECT_EQ(SweepConfig::parse("[solver]\nmax_iterations = +800\n").maxIterations, 800);
}

TEST(SweepConfigFile, CrossKeyMessagesNeverFailWithoutTheKeys) {
    // positions without a preset used to look up the absent formation.preset (std::out_of_range).
    EXPECT_EQ(parseRefusal("[formation]\npositions = (1.3, 0)"),
              "config text, line 2: formation.positions = '(1.3, 0)': explicit positions need formation.preset = "
              "custom (preset is ahead-behind)");
    EXPECT_NE(parseRefusal("[solver]\nmode = transient\nend_time = 1\naveraging_start = 2")
                  .find("solver.averaging_start = '2': must be before solver.end_time"),
              std::string::npos);
    // Unset, the transient times follow the box (CaseWriter): nothing to disagree with here.
    EXPECT_FALSE(SweepConfig::parse("[solver]\nmode = transient\n").endTime.has_value());
    EXPECT_NE(parseRefusal("[run]\nspeed = 6", {"--run.mile_time=4:00"})
                  .find("run.speed = '6' and run.mile_time = '4:00' (command line): give one, not both"),
              std::string::npos);
}

TEST(SweepConfigFile, StlMustBeARegularFile) {
    drafting::test::TempDir tmp;
    EXPECT_NE(parseRefusal("[mesh]\ndimension = 3\n[geometry]\nstl = " + tmp.path()).find("': is a directory"),
              std::string::npos);
    EXPECT_NE(parseRefusal("[mesh]\ndimension = 3\n[geometry]\nstl = /dev/zero").find("': not a regular file"),
              std::string::npos);
}

TEST(SweepConfigFile, KeysTwiceAreRefusedWithBothLines) {
    EXPECT_EQ(parseRefusal("[athlete]\nheight = 1.6\n\nheight = 1.7\n"),
              "config text, line 4: key athlete.height given more than once (first on line 2)");
    EXPECT_EQ(parseRefusal("", {"--athlete.height=1.6", "--athlete.height=1.7"}),
              "command line: key athlete.height given more than once");
    // The command line still wins over the file.
    EXPECT_DOUBLE_EQ(SweepConfig::parse("[athlete]\nheight = 1.6\n", {"--athlete.height=1.7"}).athleteHeight, 1.7);
}

// The config echoed beside a sweep (SweepConfig::toText) reads back to the very same settings, for
// every example and for the keys the examples leave out.
TEST(SweepConfigText, ReadsBackToTheSameSettings) {
    std::vector<std::pair<std::string, SweepConfig>> configs;
    for (const auto& e : std::filesystem::directory_iterator(std::string(DRAFTING_SOURCE_DIR) + "/cases/examples"))
        if (e.path().extension() == ".cfg" && !drafting::test::isRaceSchedule(e.path().string()))
            configs.emplace_back(e.path().filename().string(), SweepConfig::load(e.path().string()));
    configs.emplace_back("transient custom",
                         SweepConfig::parse("name = t\n[run]\nmile_time = 2:30.5\nheadwind = -1.5\nturbulence_length_scale = 0.05\n"
                                            "[formation]\npreset = custom, ahead\npositions = (1.3, 0), (-1.0, 0.45)\n"
                                            "gap_definition = clearance\n[sweep]\nfront_gap = 0.8:2.0:0.4\nlateral = 0, 0.3\n"
                                            "[sweep.ahead]\nfront_gap = 1.1\n[solver]\nmode = transient\nend_time = 6\n"
                                            "averaging_start = 2.5\nmax_courant = 0.7\nouter_correctors = 4\n[pacing]\nbaseline_time = 3:59.37\n"));
    // Numbers whose shortest fixed form has more than 17 decimals (a third of 0.05, 1.2e-12).
    configs.emplace_back("many decimals",
                         SweepConfig::parse("[run]\nturbulence_intensity = 0.016666666666666666\n[sweep]\n"
                                            "lateral = 0.016666666666666666\n[solver]\ntolerance = 1.234567e-12\n"));
    configs.emplace_back("pacers of their own size",
                         SweepConfig::parse("[pacers]\nheight = 1.83\nmass = 66.5\n[formation]\npreset = ahead, behind\n"
                                            "[sweep]\npacer_height = 1.6, 1.83\n[sweep.behind]\npacer_height = 1.75\n"));
    configs.emplace_back("pacers' height only", SweepConfig::parse("[pacers]\nheight = 1.75\n"));
    configs.emplace_back("crosswind", SweepConfig::parse("[run]\nmile_time = 4:07.64\nwind_speed = 2.5\nwind_direction = 112.5\n"));
    configs.emplace_back("out of step", SweepConfig::parse("[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.75\n"
                                                           "[pacers]\nstride_offset = 0.5\nheight = 1.8\n"));
    configs.emplace_back("in step", SweepConfig::parse("[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0\n"));
    configs.emplace_back("each pacer its own step",
                         SweepConfig::parse("[mesh]\ndimension = 3\n[geometry]\nstride_phase = 0.125\n[formation]\n"
                                            "preset = ahead-behind\n[pacers]\nstride_offset = 0.5, 0.25\n"));
    configs.emplace_back("single file 3D low-re",
                         SweepConfig::parse("[formation]\npreset = single-file\nahead = 3\nbehind = 0\nrow_gap = 0.75\n"
                                            "[mesh]\ndimension = 3\nlevel = fine\nside = 6\nwall_treatment = low-re\n"
                                            "[geometry]\npose = standing\n[solver]\nsettled_tolerance = 0.001\n"));
    for (const auto& [label, config] : configs) {
        SCOPED_TRACE(label);
        const std::string text = config.toText();
        SweepConfig back;
        try {
            back = SweepConfig::parse(text);
        } catch (const std::exception& e) {
            FAIL() << e.what() << "\n" << text;
        }
        EXPECT_EQ(back.toJson(), config.toJson()) << text;
        EXPECT_EQ(back.toText(), text);
        // The manifest's copy reads back the same, through the one JSON reader.
        EXPECT_EQ(SweepConfig::fromJson(config.toJson(), "manifest.json").toJson(), config.toJson());
    }
}

namespace {

std::string fromJsonError(const nlohmann::json& j) {
    try {
        SweepConfig::fromJson(j, "sweep/manifest.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

// manifest.json's config has one reader (issue 14): a missing key is refused, never filled with
// a default, and so is a key or a value draft-cases would not write.
TEST(SweepConfigJson, AMissingKeyIsRefusedNotDefaulted) {
    nlohmann::json j = SweepConfig::parse("[athlete]\nmass = 50\n").toJson();
    j["athlete"].erase("mass_kg");
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.athlete.mass_kg: missing");
    j = SweepConfig::parse("").toJson();
    j["run"]["speed_mps"] = "fast";
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.run.speed_mps = '\"fast\"': not a number");
}

TEST(SweepConfigJson, AWindNeedsBothItsKeys) {
    nlohmann::json j = SweepConfig::parse("[run]\nwind_speed = 2\nwind_direction = 45\n").toJson();
    EXPECT_DOUBLE_EQ(SweepConfig::fromJson(j, "m").windDirection, 45.0);
    j["run"].erase("wind_direction_deg");
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.run.wind_direction_deg: missing");
}

TEST(SweepConfigJson, AnUnknownKeyOrAValueTheConfigRefusesIsRefused) {
    nlohmann::json j = SweepConfig::parse("").toJson();
    j["run"]["wind_chill"] = 3;
    EXPECT_NE(fromJsonError(j).find("config.run.wind_chill"), std::string::npos) << fromJsonError(j);
    j = SweepConfig::parse("").toJson();
    j["athlete"]["height_m"] = 9.0;  // no athlete is 9 m tall: the config's own range check
    EXPECT_NE(fromJsonError(j).find("athlete.height"), std::string::npos) << fromJsonError(j);
    j = SweepConfig::parse("").toJson();
    j["name"] = "a\n[run]\nspeed = 99";  // a line break would smuggle in a key
    EXPECT_FALSE(fromJsonError(j).empty());
}

TEST(SweepConfigJson, AKeyNewerThanTheManifestReadsAsWhatItMeantThen) {
    nlohmann::json j = SweepConfig::parse("[mesh]\ndimension = 3\n").toJson();
    j["formation"].erase("gap_definition");  // centre to centre: the only definition before the key
    j["mesh"].erase("wall_treatment");       // wall functions: the only treatment before the key
    j.erase("pacing");  // the section came with its one key
    const SweepConfig c = SweepConfig::fromJson(j, "old/manifest.json");
    EXPECT_EQ(c.gapDefinition, "centre");
    EXPECT_EQ(c.wallTreatment, "wall-functions");
    EXPECT_EQ(c.pacingBaselineTime, 0.0);
    j["mesh"].erase("upstream_m");  // no known meaning: refused, not guessed
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.mesh.upstream_m: missing");

    // A 2D manifest of 2026-11-23: no pacing or geometry section, an inflow length scale without
    // the viscosity ratio, and a max_courant written for a steady sweep.
    j = SweepConfig::parse("[run]\nturbulence_length_scale = 0.05\n").toJson();
    j.erase("pacing");
    j.erase("geometry");
    j["run"].erase("turbulence_viscosity_ratio");
    j["formation"].erase("gap_definition");
    j["solver"]["max_courant"] = 1.0;
    const SweepConfig old = SweepConfig::fromJson(j, "old/manifest.json");
    EXPECT_DOUBLE_EQ(old.turbulenceLengthScale, 0.05);
    EXPECT_EQ(old.geometryPose, "mid-stride");
    // Every manifest from before pacers had sizes: no pacers section, no pacer_height axis.
    EXPECT_FALSE(old.pacerHeight);
    EXPECT_FALSE(old.pacerMass);
    EXPECT_TRUE(old.axes.pacerHeights.empty());
}

TEST(SweepConfigJson, ADamagedManifestIsOneLineNamingTheFieldNeverAnUnexpectedError) {
    nlohmann::json j = SweepConfig::parse("[mesh]\ndimension = 3\n").toJson();
    j["mesh"].erase("wall_treatment");
    j["mesh"]["dimension"] = "3";
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.mesh.dimension = '\"3\"': not an integer");
    j = SweepConfig::parse("").toJson();
    j["solver"]["mode"] = 5;
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.solver.mode = '5': not a string");
    j = SweepConfig::parse("").toJson();
    j["name"] = "a\nb";
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.name = '\"a\\nb\"': not a single line of text");
    j = SweepConfig::parse("").toJson();
    j["run"]["wind"] = 1;
    EXPECT_EQ(fromJsonError(j), "'sweep/manifest.json': config.run.wind = '1': not a key draft-cases writes");
}

TEST(SweepConfigJson, TheCommittedManifestsRead) {
    for (const char* sweep : {"generate/expected-tiny-2d", "generate/expected-tiny-3d", "reduction"}) {
        const std::string path = std::string(DRAFTING_SOURCE_DIR) + "/tests/data/" + sweep + "/manifest.json";
        const auto manifest = drafting::test::readFile(path);
        const auto config = nlohmann::json::parse(manifest).at("config");
        EXPECT_EQ(SweepConfig::fromJson(config, path).toJson(), config) << sweep;
    }
}
