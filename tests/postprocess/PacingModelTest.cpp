// The pacing model: body weight, economy and speed, air share, the saving chain and its inputs.
#include "postprocess/PacingError.hpp"
#include "postprocess/PacingModel.hpp"
#include "TestSupport.hpp"
#include "support/PacingFixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace drafting;
using drafting::test::TempDir;
using drafting::test::exactSweep;
using drafting::test::kipyegon;
using drafting::test::writeCase;

namespace {

// Kipchoge-sized runner at 2:04 marathon pace: the calibration case of Kipp et al. 2019.
post::PacingInputs marathoner() {
    post::PacingInputs in;
    in.massKg = 52.0;
    in.heightM = 1.67;
    in.distanceM = 42195.0;
    in.baselineTimeS = 2 * 3600 + 4 * 60;
    in.airDensity = 1.2;
    return in;
}

double ratioAt(double speed, double gain = 0.01) {
    post::PacingInputs in = marathoner();
    in.baselineTimeS = in.distanceM / speed;
    const post::PacingModel m(in);
    return (m.speedForEconomyGain(gain) / speed - 1.0) / gain;
}

}  // namespace

TEST(PacingModel, ZeroSavingReturnsTheBaselineExactly) {
    const post::PacingModel m(kipyegon());
    const auto p = m.predict(0.0);
    EXPECT_EQ(p.timeS, 247.64);
    EXPECT_EQ(p.speedGainPct, 0.0);
    EXPECT_EQ(p.metabolicSavingPct, 0.0);
}

TEST(PacingModel, OnePercentBodyWeightCostsSixPointOneThreePercent) {
    // Soares da Silva, Kram & Hoogkamer 2022: +6.13 % metabolic power per 1 % body weight.
    for (double v : {3.3, 4.4, 6.5})
        EXPECT_NEAR(post::PacingModel::impededPower(v, 0.01) / post::PacingModel::runningPower(v), 1.0613, 1e-12);
}

TEST(PacingModel, SpeedGainIsTwoThirdsOfEconomyAtMarathonPace) {
    // Kipp, Kram & Hoogkamer 2019: at 2:04 marathon pace a 3 % better economy → 1.97 % faster, 2:01:36.
    const post::PacingModel m(marathoner());
    const double v = m.speedForEconomyGain(0.03);
    EXPECT_NEAR(100.0 * (v / m.baselineSpeed() - 1.0), 1.97, 0.02);
    EXPECT_NEAR(42195.0 / v, 2 * 3600 + 60 + 36, 5.0);
    // About 2/3 at 5.5 m/s (not fitted: a check of the curve's shape).
    EXPECT_NEAR(ratioAt(5.5, 0.03), 2.0 / 3.0, 0.03);
    // Near 1 at 3 m/s, above 1 below it, below 1 above it.
    EXPECT_NEAR(ratioAt(3.0), 1.0, 0.03);
    EXPECT_GT(ratioAt(2.6), 1.0);
    EXPECT_LT(ratioAt(4.0), 1.0);
}

TEST(PacingModel, AirShareMatchesPublishedRanges) {
    // Pugh 1971: ≈ 7.5–8 % at middle-distance speed (≈ 6 m/s); Davies 1980: ≈ 4 % at 6 m/s;
    // Soares da Silva et al. 2022: ≈ 8.5 % at 2 h marathon pace.
    post::PacingInputs in = marathoner();
    in.baselineTimeS = in.distanceM / 6.0;
    const double at6 = post::PacingModel(in).predict(0.0).airSharePct;
    EXPECT_GT(at6, 4.0);
    EXPECT_LT(at6, 9.0);
    in.baselineTimeS = 2 * 3600;
    const double marathon = post::PacingModel(in).predict(0.0).airSharePct;
    EXPECT_GT(marathon, 6.0);
    EXPECT_LT(marathon, 9.5);
}

TEST(PacingModel, SavingChainIsConsistent) {
    post::PacingInputs in = kipyegon();
    in.cdaM2 = 0.267;  // this project's 3D solo runner
    const post::PacingModel m(in);
    const auto p = m.predict(0.721);
    // Metabolic saving at the baseline speed: 6.13 f s / (1 + 6.13 f).
    const double f = p.soloDragN / (42.0 * 9.81);
    EXPECT_NEAR(p.metabolicSavingPct, 100.0 * 6.13 * f * 0.721 / (1.0 + 6.13 * f), 1e-9);
    EXPECT_NEAR(p.airPowerSavedW, 0.721 * p.soloDragN * m.baselineSpeed(), 1e-9);
    // She spends the same power faster: the prediction is on the iso-power line.
    EXPECT_NEAR(m.metabolicPower(p.speedMps, 0.721), m.metabolicPower(m.baselineSpeed(), 0.0), 1e-9);
    // Speed gain below the metabolic saving (curvilinear relation above 3 m/s) but not tiny.
    EXPECT_LT(p.speedGainPct, p.metabolicSavingPct);
    EXPECT_GT(p.speedGainPct, 0.5 * p.metabolicSavingPct);
    // A sub-4 needs 3.19 % (Soares da Silva et al. 2025): 72 % of the drag removed gets there.
    EXPECT_LT(p.timeS, 240.0);
    // More shelter, faster; monotonic.
    double last = 1e9;
    for (double s : {0.0, 0.2, 0.4, 0.6, 0.8, 1.0}) {
        const double t = m.predict(s).timeS;
        EXPECT_LT(t, last);
        last = t;
    }
}

TEST(PacingModel, OutOfRangeInputsAreRefusedNamingTheField) {
    auto expectRefused = [](post::PacingInputs in, const std::string& field) {
        try {
            post::PacingModel m(in);
            FAIL() << "accepted " << field;
        } catch (const post::PacingError& e) {
            EXPECT_EQ(std::string(e.what()).rfind(field, 0), 0u) << e.what();
        }
    };
    auto in = kipyegon();
    in.massKg = 0.0;
    expectRefused(in, "mass");
    in = kipyegon();
    in.massKg = -5.0;
    expectRefused(in, "mass");
    in = kipyegon();
    in.heightM = 0.0;
    expectRefused(in, "height");
    in = kipyegon(1.0);  // a 1-second mile
    expectRefused(in, "baseline-time");
    in = kipyegon();
    in.cdaM2 = -0.1;
    expectRefused(in, "cda");
    in = kipyegon();
    in.airDensity = NAN;
    expectRefused(in, "air-density");
    const post::PacingModel m(kipyegon());
    EXPECT_THROW(m.predict(-0.01), post::PacingError);
    EXPECT_THROW(m.predict(1.01), post::PacingError);
    EXPECT_THROW(m.predict(NAN), post::PacingError);
    EXPECT_NO_THROW(m.predict(1.0));
}

TEST(PacingModel, RaceTimesParseAndFormat) {
    EXPECT_DOUBLE_EQ(post::parseRaceTime("t", "4:07.64"), 247.64);
    EXPECT_DOUBLE_EQ(post::parseRaceTime("t", "59.5"), 59.5);
    for (const char* bad : {"", "4:7", "4:60.0", "-4:00", "4:00:00", "four", "4:0x", "1e3", "4:.5"})
        EXPECT_THROW(post::parseRaceTime("t", bad), post::PacingError) << bad;
    EXPECT_EQ(post::formatRaceTime(239.999), "4:00.00");
    EXPECT_EQ(post::formatRaceTime(247.64), "4:07.64");
}
