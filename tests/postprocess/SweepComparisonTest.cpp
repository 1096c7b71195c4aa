// draft-post --compare: a sweep's savings beside others, each against its own solo, moves from the first.
#include "cases/files/Manifest.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "postprocess/SweepComparison.hpp"
#include "TestSupport.hpp"
#include "support/PacingFixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

using namespace drafting;
using drafting::test::TempDir;
using drafting::test::exactSweep;
using drafting::test::writeCase;

namespace {

// exactSweep, then the wind: her solo drag `solo`, and behind the pacer at 1.3 m `lead`, in a sweep
// whose config sets a 2 m/s crosswind.
std::string windySweep(const TempDir& dir, double solo, double lead) {
    const std::string sweep = exactSweep(dir);
    auto m = cases::files::Manifest::read(sweep);
    m.config = cases::config::SweepConfig::parse(
        "[athlete]\nheight = 1.57\nmass = 42\n[run]\nspeed = 6.7056\nair_density = 1.18\nwind_speed = 2\n"
        "wind_direction = 90\n[pacing]\nbaseline_time = 4:07.64\n");
    m.write(sweep);
    writeCase(sweep, "solo", solo);
    writeCase(sweep, "ahead-f" + std::to_string(1.3), lead, 6.8);
    return sweep;
}

const post::SweepComparison::Row& rowAt(const post::SweepComparison& c, double gap) {
    for (const auto& r : c.rows())
        if (r.frontGap && std::abs(*r.frontGap - gap) < 1e-9) return r;
    throw std::runtime_error("no row at that gap");
}

}  // namespace

TEST(SweepComparison, EachSavingAgainstItsOwnSoloAndTheMoveFromTheFirst) {
    TempDir calm, wind;
    const std::string reference = exactSweep(calm);
    const std::string windy = windySweep(wind, 8.0, 6.0);
    const auto table = post::SavingsTable::fromSweep(windy);
    const auto c = post::SweepComparison::build("w90", windy, table, {{"calm", reference}});
    ASSERT_EQ(c.sweeps().size(), 2u);
    EXPECT_EQ(c.sweeps()[0].label, "calm");
    EXPECT_EQ(c.sweeps()[1].label, "w90");
    EXPECT_TRUE(c.sweeps()[0].differs.empty());
    // What the wind sweep changed, named by its keys; nothing else (the name is left out).
    ASSERT_EQ(c.sweeps()[1].differs.size(), 2u);
    EXPECT_NE(c.sweeps()[1].differs[0].find("run.wind_direction_deg: unset -> 90"), std::string::npos);
    ASSERT_EQ(c.rows().size(), 5u);  // the solo is no row
    const auto& row = rowAt(c, 1.3);
    const double calmSaving = 100.0 * std::exp(-std::pow(1.3 / 2.3, 1.7));
    EXPECT_NEAR(*row.cells[0].savingPct, calmSaving, 1e-9);
    EXPECT_NEAR(*row.cells[1].savingPct, 100.0 * (1.0 - 6.0 / 8.0), 1e-9);  // against the windy solo
    EXPECT_FALSE(row.cells[0].movePct);
    EXPECT_NEAR(*row.cells[1].movePct, 25.0 - calmSaving, 1e-9);
    EXPECT_NEAR(*row.cells[1].moveIterPct, std::hypot(*row.cells[0].savingIterPct, *row.cells[1].savingIterPct), 1e-12);
    // At 2.0 m the windy sweep kept the calm lead drag: against her larger solo in the wind that
    // is a larger saving, the solo's move being part of the factor's.
    const auto& far = rowAt(c, 2.0);
    EXPECT_NEAR(*far.cells[1].savingPct, 100.0 * (1.0 - 7.0 * (1.0 - std::exp(-std::pow(2.0 / 2.3, 1.7))) / 8.0), 1e-9);
    EXPECT_GT(*far.cells[1].movePct, 0.0);

    c.writeCsv(wind.path() + "/factors.csv");
    const std::string csv = test::readFile(wind.path() + "/factors.csv");
    EXPECT_NE(csv.find("ahead-f1.3"), std::string::npos);
    EXPECT_NE(csv.find(",w90,ok,25,"), std::string::npos) << csv;
    const auto j = c.toJson();
    EXPECT_EQ(j["reference"], "calm");
    EXPECT_EQ(j["rows"].size(), 10u);  // a row per case and sweep
    EXPECT_DOUBLE_EQ(j["sweeps"][1]["solo_drag_N"].get<double>(), 8.0);
}

TEST(SweepComparison, AFailedOrMissingCaseHasNoSavingAndNoMove) {
    TempDir calm, wind;
    const std::string reference = exactSweep(calm);
    const std::string windy = windySweep(wind, 8.0, 6.0);
    // A lead pushed forward is non-physical: failed, never a number beside the others.
    writeCase(windy, "ahead-f" + std::to_string(1.0), -0.5, 6.8);
    std::filesystem::remove_all(windy + "/ahead-f" + std::to_string(2.0));
    const auto table = post::SavingsTable::fromSweep(windy);
    const auto c = post::SweepComparison::build("w90", windy, table, {{"calm", reference}});
    const auto& failed = rowAt(c, 1.0).cells[1];
    EXPECT_EQ(failed.status, "failed");
    EXPECT_FALSE(failed.savingPct);
    EXPECT_FALSE(failed.movePct);
    EXPECT_FALSE(failed.reason.empty());
    const auto& gone = rowAt(c, 2.0).cells[1];
    EXPECT_NE(gone.status, "ok");
    EXPECT_FALSE(gone.movePct);
    EXPECT_TRUE(rowAt(c, 2.0).cells[0].savingPct);  // the reference still has its own
}

TEST(SweepComparison, RefusesWhatWouldMixMoreThanTheFactor) {
    TempDir a, b;
    const std::string reference = exactSweep(a);
    const std::string other = exactSweep(b);
    const auto table = post::SavingsTable::fromSweep(other);
    // Another mesh level: its moves would hold discretisation error.
    auto m = cases::files::Manifest::read(reference);
    m.config.level = "fine";
    m.write(reference);
    std::string e = drafting::test::inputErrorOf([&] { post::SweepComparison::build("b", other, table, {{"a", reference}}); });
    EXPECT_NE(e.find("--compare = 'a="), std::string::npos) << e;
    EXPECT_NE(e.find("mesh level 'fine'"), std::string::npos) << e;
    m.config.level = table.level();
    m.write(reference);
    e = drafting::test::inputErrorOf([&] { post::SweepComparison::build("b", other, table, {{"a", reference}, {"a", reference}}); });
    EXPECT_NE(e.find("given twice"), std::string::npos) << e;
    e = drafting::test::inputErrorOf([&] { post::SweepComparison::build("b", other, table, {{"b", reference}}); });
    EXPECT_NE(e.find("the sweep reduced itself"), std::string::npos) << e;
    e = drafting::test::inputErrorOf([&] { post::SweepComparison::build("b", other, table, {{"a", b.path() + "/solo"}}); });
    EXPECT_NE(e.find("no manifest.json"), std::string::npos) << e;
}

TEST(SweepComparison, TheOptionIsALabelAndADirectory) {
    const auto [label, dir] = post::SweepComparison::parseOption("calm=runs/x=y");
    EXPECT_EQ(label, "calm");
    EXPECT_EQ(dir, "runs/x=y");
    for (const char* bad : {"calm", "=runs/x", "a/b=runs/x", "calm=", "a b=runs/x"}) {
        const std::string e = drafting::test::inputErrorOf([&] { post::SweepComparison::parseOption(bad); });
        EXPECT_EQ(e.rfind("--compare = '", 0), 0u) << bad << ": " << e;
    }
}

TEST(SweepComparison, OneSoloRunTwiceIsCountedOnceInTheMove) {
    // Two sweeps of the same solo case (its drag equal to the last bit), the lead 0.1 N apart at 1.3 m:
    // the move is 100 × 0.1 / 7 points, and its uncertainty the two leads' over the one solo drag,
    // smaller than the two savings' in quadrature, which would count the solo's twice.
    TempDir a, b;
    const std::string reference = exactSweep(a);
    const std::string other = exactSweep(b);
    const double lead = 7.0 * (1.0 - std::exp(-std::pow(1.3 / 2.3, 1.7)));
    writeCase(other, "ahead-f" + std::to_string(1.3), lead + 0.1, 6.8);
    const auto table = post::SavingsTable::fromSweep(other);
    const auto c = post::SweepComparison::build("b", other, table, {{"a", reference}});
    const auto& cell = rowAt(c, 1.3).cells[1];
    EXPECT_TRUE(cell.soloShared);
    EXPECT_NEAR(*cell.movePct, -100.0 * 0.1 / 7.0, 1e-9);
    // The fixture's drags each carry a 95 % half-width of 0.02 N and no drift.
    const double expected = 100.0 / 7.0 * std::hypot(std::hypot(0.02, 0.02), 0.1 / 7.0 * 0.02);
    EXPECT_NEAR(*cell.moveIterPct, expected, 1e-9);
    EXPECT_LT(*cell.moveIterPct, std::hypot(*rowAt(c, 1.3).cells[0].savingIterPct, *cell.savingIterPct));
    // The same folder again, under another label or the reduced sweep itself, is refused.
    const std::string e = drafting::test::inputErrorOf([&] { post::SweepComparison::build("b", other, table, {{"a", other}}); });
    EXPECT_NE(e.find("the sweep reduced itself"), std::string::npos) << e;
    const std::string twice =
        drafting::test::inputErrorOf([&] { post::SweepComparison::build("b", other, table, {{"a", reference}, {"c", reference + "/."}}); });
    EXPECT_NE(twice.find("the same sweep as --compare a"), std::string::npos) << twice;
}
