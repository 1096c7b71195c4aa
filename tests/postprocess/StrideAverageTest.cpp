// draft-post --phase-sweep: the lead's drag over her stride, the mean of the instants' drags.
#include "cases/files/Manifest.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "postprocess/StrideAverage.hpp"
#include "TestSupport.hpp"
#include "support/PacingFixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

using namespace drafting;
using drafting::test::TempDir;
using drafting::test::writeCase;

namespace {

// A 3D sweep of her alone and one pacer 1.3 m ahead, posed at `phase` of the stride: her solo drag
// `solo`, behind the pacer `lead` (a negative lead: that case has no results).
std::string phaseSweep(const TempDir& dir, const std::string& phase, double solo, double lead,
                       const std::vector<std::string>& overrides = {}) {
    cases::files::Manifest m;
    m.sweepName = "stride";
    m.config = cases::config::SweepConfig::parse(
        "[athlete]\nheight = 1.57\nmass = 42\n[run]\nspeed = 6.7056\nair_density = 1.18\n[mesh]\ndimension = 3\n"
        "level = coarse\n[geometry]\nstride_phase = " + phase + "\n", overrides);
    m.cases.push_back({"solo", {{"formation", "solo"}}, "ok", ""});
    m.cases.push_back({"ahead-f1.3", {{"formation", "ahead"}, {"front_gap_m", 1.3}, {"lateral_m", 0.0}}, "ok", ""});
    writeCase(dir.path(), "solo", solo);
    if (lead > 0) writeCase(dir.path(), "ahead-f1.3", lead, 6.8);
    m.write(dir.path());
    return dir.path();
}

}  // namespace

// Solo 8 and 10 N, lead 2 and 3 N: the stride's saving is 1 - 2.5 / 9 = 72.2 %, not the mean of the
// instants' 75 % and 70 %; the instants span 70 to 75 %, her solo 2 N of 9.
TEST(StrideAverage, TheMeanOfTheDragsNotOfTheSavings) {
    TempDir a, b;
    const std::string half = phaseSweep(b, "0.5", 10.0, 3.0);
    const std::string zero = phaseSweep(a, "0", 8.0, 2.0);
    const auto table = post::SavingsTable::fromSweep(half);
    const auto s = post::StrideAverage::build(half, table, {zero});
    ASSERT_EQ(s.phases().size(), 2u);
    EXPECT_EQ(s.phases()[0].phase, 0.0);  // sorted by phase, whichever was reduced
    EXPECT_EQ(s.phases()[1].dir, half);
    EXPECT_DOUBLE_EQ(s.soloDragN(), 9.0);
    EXPECT_NEAR(s.soloSpreadPct(), 100.0 * 2.0 / 9.0, 1e-12);
    ASSERT_EQ(s.rows().size(), 1u);  // the solo is no row
    const auto& row = s.rows()[0];
    EXPECT_EQ(row.status, "averaged");
    EXPECT_NEAR(*row.leadDragN, 2.5, 1e-12);
    EXPECT_NEAR(*row.savingPct, 100.0 * (1.0 - 2.5 / 9.0), 1e-12);
    EXPECT_NEAR(*row.savingMinPct, 70.0, 1e-12);
    EXPECT_NEAR(*row.savingMaxPct, 75.0, 1e-12);
    // The means' uncertainties: each instant's in quadrature over N, then the one saving rule.
    const auto iter = [](const post::SavingsTable& t, const std::string& name) {
        for (const auto& r : t.rows())
            if (r.caseName == name) return *r.dragLeadIterative;
        throw std::runtime_error("no row " + name);
    };
    const auto other = post::SavingsTable::fromSweep(zero);
    const double lead = std::hypot(iter(other, "ahead-f1.3"), iter(table, "ahead-f1.3")) / 2.0;
    const double solo = std::hypot(iter(other, "solo"), iter(table, "solo")) / 2.0;
    ASSERT_GT(lead, 0.0);
    EXPECT_NEAR(*row.leadIterN, lead, 1e-15);
    EXPECT_NEAR(*row.savingIterPct, *post::SavingsTable::savingUncertainty(2.5, lead, 9.0, solo), 1e-12);
    EXPECT_LT(*row.savingIterPct, *row.instants[0].savingIterPct);  // a mean of two is surer than either
    // Two phases: no phase sampling uncertainty, and the reason says why.
    EXPECT_FALSE(row.savingPhasePct);
    EXPECT_EQ(s.samplingWhyNot(), "needs at least 4 phases (2 given)");
    // The stride's mile: the reduced sweep's pacing model, her drag area scaled to her solo over the stride.
    const auto config = cases::files::Manifest::read(half).config;
    const auto pacing = post::PacingTable::build(table, config);
    const auto instant = pacing.rows()[1].prediction;
    ASSERT_TRUE(instant);
    const auto mile = s.pace(row, pacing);
    ASSERT_TRUE(mile);
    EXPECT_NEAR(mile->cdaM2, instant->cdaM2 * 9.0 / 10.0, 1e-15);
    EXPECT_NEAR(mile->dragSaving, *row.savingPct / 100.0, 1e-15);
    EXPECT_LT(mile->timeS, pacing.inputs().baselineTimeS);

    s.writeCsv(a.path() + "/stride.csv");
    const std::string csv = drafting::test::readFile(a.path() + "/stride.csv");
    EXPECT_NE(csv.find("ahead-f1.3,ahead,1.3,,0,0.5,ok,10,3,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("ahead-f1.3,ahead,1.3,,0,mean,averaged,9,2.5,"), std::string::npos) << csv;
    const auto j = s.toJson();
    EXPECT_EQ(j["rows"][0]["instants"].size(), 2u);
    EXPECT_DOUBLE_EQ(j["rows"][0]["saving_max_pct"].get<double>(), *row.savingMaxPct);
    EXPECT_EQ(j["phases"][1]["phase"], 0.5);
}

// A phase without the case's drag leaves the case without a mean (it would lean to the phases run),
// saying which phase and why; the phases that ran still show.
TEST(StrideAverage, NoMeanWithoutEveryPhase) {
    TempDir a, b;
    const std::string zero = phaseSweep(a, "0", 8.0, 2.0);
    const std::string half = phaseSweep(b, "0.5", 10.0, -1.0);
    const auto s = post::StrideAverage::build(zero, post::SavingsTable::fromSweep(zero), {half});
    const auto& row = s.rows()[0];
    EXPECT_EQ(row.status, "incomplete");
    EXPECT_EQ(row.reason.rfind("phase 0.5: failed: ", 0), 0u) << row.reason;
    EXPECT_FALSE(row.savingPct);
    EXPECT_FALSE(row.savingMinPct);
    EXPECT_NEAR(*row.instants[0].savingPct, 75.0, 1e-12);
    EXPECT_EQ(row.instants[1].status, "failed");
}

// Four phases: the phase sampling is how far the mean over every other phase (0 and 0.5; 0.25 and
// 0.75) falls from the mean over all, the larger of the two. Thirds are evenly spaced to 1e-6. A case
// only another phase has is listed, absent where it is missing.
TEST(StrideAverage, PhaseSamplingFromEveryOtherPhase) {
    TempDir a, b, c, d;
    const std::string p0 = phaseSweep(a, "0", 8.0, 2.0);
    const std::string p1 = phaseSweep(b, "0.25", 9.0, 2.0);
    const std::string p2 = phaseSweep(c, "0.5", 10.0, 3.0);
    const std::string p3 = phaseSweep(d, "0.75", 9.0, 3.5);
    const auto s = post::StrideAverage::build(p0, post::SavingsTable::fromSweep(p0), {p3, p1, p2});
    const auto& row = s.rows()[0];
    const double all = 100.0 * (1.0 - 10.5 / 36.0);
    const double even = 100.0 * (1.0 - 5.0 / 18.0), odd = 100.0 * (1.0 - 5.5 / 18.0);
    EXPECT_NEAR(*row.savingPct, all, 1e-12);
    EXPECT_NEAR(*row.savingPhasePct, std::max(std::abs(even - all), std::abs(odd - all)), 1e-12);
    EXPECT_TRUE(s.samplingWhyNot().empty());
    EXPECT_EQ(s.toJson()["phase_sampling"], "every other phase against all");

    TempDir t0, t1, t2;
    const std::string third0 = phaseSweep(t0, "0", 8.0, 2.0);
    const auto thirds = post::StrideAverage::build(third0, post::SavingsTable::fromSweep(third0),
                                                   {phaseSweep(t1, "0.333333", 9.0, 2.5), phaseSweep(t2, "0.666667", 9.0, 2.5)});
    EXPECT_EQ(thirds.samplingWhyNot(), "needs at least 4 phases (3 given)");

    // A case the reduced sweep's manifest lacks, which another phase has.
    TempDir e, f;
    const std::string zero = phaseSweep(e, "0", 8.0, 2.0);
    const std::string half = phaseSweep(f, "0.5", 10.0, 3.0);
    auto m = cases::files::Manifest::read(half);
    m.cases.push_back({"ahead-f2", {{"formation", "ahead"}, {"front_gap_m", 2.0}, {"lateral_m", 0.0}}, "ok", ""});
    m.write(half);
    writeCase(half, "ahead-f2", 5.0);
    const auto more = post::StrideAverage::build(zero, post::SavingsTable::fromSweep(zero), {half});
    ASSERT_EQ(more.rows().size(), 2u);
    EXPECT_EQ(more.rows()[1].caseName, "ahead-f2");
    EXPECT_EQ(more.rows()[1].status, "incomplete");
    EXPECT_EQ(more.rows()[1].instants[0].status, "absent");
}

// Only the same sweep at other phases, evenly spaced over the stride, each once.
TEST(StrideAverage, RefusesWhatIsNotTheSameSweepAtOtherPhases) {
    TempDir a, b, c, d, e, flat;
    const std::string zero = phaseSweep(a, "0", 8.0, 2.0);
    const std::string half = phaseSweep(b, "0.5", 10.0, 3.0);
    const std::string third = phaseSweep(c, "0.25", 9.0, 2.5);
    const std::string windy = phaseSweep(d, "0.5", 10.0, 3.0, {"--run.wind_speed=2", "--run.wind_direction=90"});
    const std::string again = phaseSweep(e, "0.5", 10.0, 3.0);
    const auto table = post::SavingsTable::fromSweep(zero);
    const auto refused = [&](const std::vector<std::string>& others) {
        return drafting::test::inputErrorOf([&] { post::StrideAverage::build(zero, table, others); });
    };
    EXPECT_NE(refused({windy}).find("run.wind_direction_deg: unset -> 90"), std::string::npos) << refused({windy});
    EXPECT_NE(refused({windy}).find("--phase-sweep"), std::string::npos);
    EXPECT_NE(refused({half, again}).find("at phase 0.5"), std::string::npos) << refused({half, again});
    EXPECT_NE(refused({half, half}).find("given twice"), std::string::npos) << refused({half, half});
    EXPECT_NE(refused({zero}).find("the sweep reduced itself"), std::string::npos);
    EXPECT_NE(refused({half, third}).find("not evenly spaced"), std::string::npos) << refused({half, third});
    EXPECT_NE(refused({third}).find("not evenly spaced"), std::string::npos);  // 0 and 0.25 leave 0.75 out
    EXPECT_NE(refused({flat.path()}).find("no manifest.json"), std::string::npos);
    const std::string twoD = drafting::test::exactSweep(flat);
    EXPECT_NE(drafting::test::inputErrorOf([&] { post::StrideAverage::build(twoD, post::SavingsTable::fromSweep(twoD), {zero}); })
                  .find("SWEEPDIR = '" + twoD + "': poses no phase of the stride"),
              std::string::npos);
}
