// scripts/studies/*.py: the reductions scripts/study.sh runs after its cases, on case folders written
// here with known drags: the saving and its iterative uncertainty, the non-physical rule, cases not
// run yet against cases that ran and failed, and the exit status.
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kStudies = std::string(DRAFTING_SOURCE_DIR) + "/scripts/studies/";

void write(const fs::path& path, const json& j) {
    fs::create_directories(path.parent_path());
    drafting::test::writeFile(path.string(), j.dump());
}

// A finished case's results.json: the lead's drag with its 95 % interval and drift, and y+.
json result(double leadDragN, double ci95N = 0.0, double driftN = 0.0, double yPlus = 40.0) {
    return {{"status", "ok"},
            {"iterations", 400},
            {"converged", true},
            {"stop", "settled"},
            {"mesh", {{"cells", 1000}}},
            {"bodies",
             {{"lead",
               {{"drag_N", leadDragN}, {"drag_ci95_N", ci95N}, {"drag_mean_drift_N", driftN}, {"y_plus", {{"mean", yPlus}}}}}}}};
}

void domainCase(const fs::path& dir, const json& results) {
    write(dir / "results.json", results);
    write(dir / "case.json", {{"parameters", {{"domain", {{"blockage_pct", 1.5}}}, {"inflow", {{"viscosity_ratio", 10}}}}}});
    write(dir / "meshCheck.json", {{"cells", 1234}});
}

}  // namespace

TEST(StudyReduction, DomainSavingCarriesBothDragsIterativeUncertaintyAndRefusesANonPhysicalCase) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    // Solo 8 N with a 0.03 N interval and 0.04 N drift (0.05 N in quadrature), lead 2 N exactly.
    domainCase(out / "base" / "solo", result(8.0, 0.03, 0.04));
    domainCase(out / "base" / "ahead-f1.3", result(2.0));
    domainCase(out / "side-x2" / "solo", result(8.0));
    domainCase(out / "side-x2" / "ahead-f1.3", result(-0.1));  // pushed forward: no saving
    json diverged = result(8.0);
    diverged["status"] = "diverged";
    diverged["reason"] = "drag above 100 times its start";
    domainCase(out / "above-x2" / "solo", diverged);  // ran and failed: not "not finished yet"
    domainCase(out / "above-x2" / "ahead-f1.3", result(2.0));
    json unmeshed = result(8.0);
    unmeshed["status"] = "failed";
    unmeshed["reason"] = "snappyHexMesh exited with status 1";
    write(out / "side-x4" / "solo" / "results.json", unmeshed);  // failed meshing: no meshCheck.json
    domainCase(out / "side-x4" / "ahead-f1.3", result(2.0));
    const std::string target = tmp.path() + "/domain.json";
    const auto run = drafting::test::runCommand(
        {"/usr/bin/python3", kStudies + "domain.py", out.string(), "coarse", target, "base", "side-x2", "above-x2", "side-x4", "upstream-x2"});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;  // a case ran and gave no saving
    const json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["rows"].size(), 1u) << j.dump(1);
    EXPECT_NEAR(j["rows"][0]["saving_pct"].get<double>(), 75.0, 1e-12);
    // 100 (2/8) sqrt((0/2)^2 + (0.05/8)^2) = 0.15625 points.
    EXPECT_NEAR(j["rows"][0]["saving_iter_pct"].get<double>(), 0.15625, 1e-12);
    EXPECT_NE(j["failed"]["side-x2/ahead-f1.3"].get<std::string>().find("non-physical drag on lead"), std::string::npos);
    EXPECT_EQ(j["failed"]["above-x2/solo"], "drag above 100 times its start");
    EXPECT_EQ(j["failed"]["side-x4/solo"], "snappyHexMesh exited with status 1");
    EXPECT_EQ(j["pending"], json::array({"upstream-x2"}));
    EXPECT_FALSE(fs::exists(target + ".tmp"));
}

TEST(StudyReduction, ModelFormKeepsALowReCaseOnlyWhereItsLayersReachedTheWall) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    write(out / "base" / "solo" / "results.json", result(8.0));
    write(out / "base" / "ahead-f1.3" / "results.json", result(2.0));
    write(out / "base" / "solo" / "case.json", {{"template", 6}, {"dimension", 3}});
    write(out / "low-re" / "solo" / "results.json", result(8.0, 0.0, 0.0, 64.0));  // wall-function y+
    write(out / "low-re" / "ahead-f1.3" / "results.json", result(2.0, 0.0, 0.0, 5.0));
    write(out / "urans" / "solo" / "results.json", result(8.0));
    write(out / "urans" / "ahead-f1.3" / "results.json", result(2.4));
    const std::string target = tmp.path() + "/model-form.json";
    const auto run = drafting::test::runCommand({"/usr/bin/python3", kStudies + "model_form.py", out.string(), "coarse", target,
                                                 "base|ahead", "low-re|ahead", "urans|ahead"});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    const json j = json::parse(drafting::test::readFile(target));
    EXPECT_NE(j["failed"]["low-re/solo"].get<std::string>().find("did not reach the wall"), std::string::npos);
    // URANS: 70 % against base's 75 %: moved -5 points, and the spread names the model not obtained.
    const json& spread = j["spread"]["ahead-f1.3"];
    EXPECT_NEAR(spread["moves_pts"]["urans"].get<double>(), -5.0, 1e-9);
    EXPECT_NEAR(spread["model_form_pts"].get<double>(), 5.0, 1e-9);
    EXPECT_EQ(spread["variants_pending"], json::array({"low-re"}));
    EXPECT_EQ(j["template"], 6);
}

TEST(StudyReduction, AReferenceLevelNotRunIsPendingAndADamagedOneFailed) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    json coarse = result(0.3);
    coarse["bodies"]["ahmed"] = {{"cd", 0.30}, {"cd_ci95", 0.002}, {"drag_mean_drift_rel", 0.001}};
    coarse["checks"] = json::array({{{"quantity", "bodies.ahmed.cd"}, {"value", 0.30}, {"pass", true}}});
    write(out / "coarse" / "results.json", coarse);
    json medium = coarse;
    medium["checks"][0]["value"] = 0.33;
    write(out / "medium" / "results.json", medium);
    fs::create_directories(out / "fine");
    drafting::test::writeFile((out / "fine" / "results.json").string(), "{cut off");
    const std::string target = tmp.path() + "/reference.json";
    const auto run = drafting::test::runCommand(
        {"/usr/bin/python3", kStudies + "reference.py", out.string(), "ahmed-25", target, "coarse", "medium", "fine", "extra-fine"});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    const json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["rows"].size(), 2u);
    EXPECT_NEAR(j["rows"][1]["checks"][0]["moved_pct"].get<double>(), 10.0, 1e-9);
    EXPECT_EQ(j["rows"][1]["checks"][0]["moved_from_level"], "coarse");
    ASSERT_EQ(j["failed"].size(), 1u);
    EXPECT_EQ(j["failed"][0]["level"], "fine");
    EXPECT_EQ(j["pending"], json::array({"extra-fine"}));
}

TEST(StudyReduction, ACourantLimitThatRanAndFailedIsFailedNotPending) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    json ahead = result(2.0, 0.02);
    ahead["bodies"]["pacer1"] = {{"drag_N", 7.0}, {"drag_ci95_N", 0.05}};
    write(out / "co1" / "solo" / "results.json", result(8.0, 0.04));
    write(out / "co1" / "ahead-f1.3" / "results.json", ahead);
    json diverged = result(8.0);
    diverged["status"] = "diverged";
    diverged["reason"] = "Courant number above 50";
    write(out / "co4" / "solo" / "results.json", diverged);
    write(out / "co4" / "ahead-f1.3" / "results.json", ahead);
    write(out / "co2" / "solo" / "results.json", result(8.0));  // ahead not run yet
    const std::string target = tmp.path() + "/courant.json";
    const auto run = drafting::test::runCommand(
        {"/usr/bin/python3", kStudies + "courant.py", out.string(), target, "1|1", "2|1", "4|2"});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    const json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["rows"].size(), 1u) << j.dump(1);
    EXPECT_NEAR(j["rows"][0]["saving_pct"].get<double>(), 75.0, 1e-12);
    // The intervals only: 100 (2/8) sqrt((0.02/2)^2 + (0.04/8)^2) = 0.2795 points.
    EXPECT_NEAR(j["rows"][0]["saving_ci95_pct"].get<double>(), 25.0 * std::sqrt(1e-4 + 2.5e-5), 1e-12);
    EXPECT_EQ(j["failed"]["co4/solo"], "Courant number above 50");
    EXPECT_EQ(j["pending"], json::array({"co2"}));
}

TEST(StudyReduction, ALongRunThatFailedIsFailedNotPending) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    const json manifest = {{"cases", json::array({{{"name", "solo"}}, {{"name", "ahead-f1.3"}}})}};
    write(out / "stopped" / "manifest.json", manifest);
    write(out / "long" / "manifest.json", manifest);
    // Stopped at 8.00 ± 0.05 (0.03 interval, 0.04 drift); the long run's mean 8.05 ± 0.01: within.
    write(out / "stopped" / "solo" / "results.json", result(8.0, 0.03, 0.04));
    write(out / "long" / "solo" / "results.json", result(8.05, 0.01));
    write(out / "stopped" / "ahead-f1.3" / "results.json", result(2.0));
    json killed = result(2.0);
    killed["status"] = "failed";
    killed["reason"] = "simpleFoam exited with status 137";
    write(out / "long" / "ahead-f1.3" / "results.json", killed);
    const std::string target = tmp.path() + "/long-run.json";
    const auto run = drafting::test::runCommand(
        {"/usr/bin/python3", kStudies + "long_run.py", out.string(), "coarse", "3000", target});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    const json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["rows"].size(), 1u) << j.dump(1);
    EXPECT_TRUE(j["rows"][0]["within_interval"].get<bool>());
    EXPECT_NEAR(j["rows"][0]["stopped_iterative_N"].get<double>(), 0.05, 1e-12);
    EXPECT_EQ(j["failed"]["long/ahead-f1.3"], "simpleFoam exited with status 137");
    // Not run at all: pending. Failed: not.
    EXPECT_EQ(j["pending"], json::array({"ahead-behind-f1.3-b1", "behind-b1"}));
}

TEST(StudyReduction, PacerSizeMovesTheSavingFromTheIdenticalMannequin) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    // Identical: solo 8 N, lead 2 N behind her own copy (75 %). Own size: lead 1.6 N behind a pacer
    // of 1.8 m (80 %, +5 points); the behind case failed.
    const auto withPacer = [](double lead, const json& pacer) {
        json r = result(lead, 0.02);
        r["bodies"]["pacer1"] = {{"drag_N", 9.0}, {"cd", 0.8}};
        r["parameters"] = {{"formation", "ahead"}, {"front_gap_m", 1.3}, {"height_m", 1.57}, {"mass_kg", 42.0},
                           {"frontal_area_m2", 0.36}, {"runners", json::array({{{"name", "lead"}}, pacer})}};
        return r;
    };
    for (const char* v : {"identical", "own"}) write(out / v / "solo" / "results.json", result(8.0, 0.04));
    write(out / "identical" / "manifest.json", {{"cases", json::array({{{"name", "solo"}}, {{"name", "ahead-f1.3-ph1.57"}}})}});
    write(out / "identical" / "ahead-f1.3-ph1.57" / "results.json", withPacer(2.0, {{"name", "pacer1"}}));
    write(out / "own" / "manifest.json",
          {{"cases", json::array({{{"name", "solo"}}, {{"name", "ahead-f1.3-ph1.8"}}, {{"name", "behind-b1"}}})}});
    write(out / "own" / "ahead-f1.3-ph1.8" / "results.json",
          withPacer(1.6, {{"name", "pacer1"}, {"height_m", 1.8}, {"mass_kg", 65.0}, {"frontal_area_m2", 0.48}}));
    json failed = result(7.0);
    failed["status"] = "diverged";
    failed["reason"] = "drag above 100 times its start";
    write(out / "own" / "behind-b1" / "results.json", failed);
    const std::string target = tmp.path() + "/pacer-size.json";
    const auto run = drafting::test::runCommand({"/usr/bin/python3", kStudies + "pacer_size.py", out.string(), "coarse", target});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    const json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["rows"].size(), 2u) << j.dump(1);
    EXPECT_DOUBLE_EQ(j["rows"][0]["pacer_height_m"].get<double>(), 1.57);  // the athlete's
    EXPECT_DOUBLE_EQ(j["rows"][0]["pacer_frontal_area_m2"].get<double>(), 0.36);
    EXPECT_DOUBLE_EQ(j["rows"][1]["pacer_frontal_area_m2"].get<double>(), 0.48);
    EXPECT_NEAR(j["rows"][1]["saving_pct"].get<double>(), 80.0, 1e-12);
    EXPECT_NEAR(j["rows"][1]["moved_pts"].get<double>(), 5.0, 1e-12);
    // 100 (D/8) sqrt((0.02/D)^2 + (0.04/8)^2) for D = 2 and 1.6, then in quadrature.
    const double a = 25.0 * std::sqrt(1e-4 + 2.5e-5), b = 20.0 * std::sqrt(std::pow(0.02 / 1.6, 2) + 2.5e-5);
    EXPECT_NEAR(j["rows"][1]["moved_iter_pts"].get<double>(), std::hypot(a, b), 1e-12);
    EXPECT_EQ(j["failed"]["own/behind-b1"], "drag above 100 times its start");
    EXPECT_TRUE(j["pending"].empty());
}

TEST(StudyReduction, WindMovesTheSavingFromCalmAir) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    // Calm: solo 8 N, 2 N behind the pacer (75 %). Crosswind: solo 8.2 N with 1.5 N of side force,
    // 6.15 N behind the pacer (25 %, -50 points).
    const auto withWind = [](double lead, double side, const json& wind) {
        json r = result(lead);
        r["bodies"]["lead"]["side_N"] = side;
        r["parameters"] = {{"air_speed_mps", 7.0}};
        r["parameters"].update(wind);
        return r;
    };
    write(out / "calm" / "solo" / "results.json", withWind(8.0, 0.0, json::object()));
    write(out / "calm" / "ahead-f1.3" / "results.json", withWind(2.0, 0.0, json::object()));
    const json cross = {{"wind_speed_mps", 2.0}, {"wind_direction_deg", 90.0}};
    write(out / "w90" / "solo" / "results.json", withWind(8.2, 1.5, cross));
    write(out / "w90" / "ahead-f1.3" / "results.json", withWind(6.15, 1.2, cross));
    const std::string target = tmp.path() + "/wind.json";
    const auto run = drafting::test::runCommand(
        {"/usr/bin/python3", kStudies + "wind.py", out.string(), "coarse", target, "calm", "w90", "w45"});
    EXPECT_EQ(run.exitCode, 0) << run.out << run.err;
    const json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["rows"].size(), 2u) << j.dump(1);
    EXPECT_DOUBLE_EQ(j["rows"][0]["wind_speed_mps"].get<double>(), 0.0);  // calm writes no wind
    EXPECT_DOUBLE_EQ(j["rows"][1]["solo_side_N"].get<double>(), 1.5);
    EXPECT_NEAR(j["rows"][1]["saving_pct"].get<double>(), 25.0, 1e-12);
    EXPECT_NEAR(j["rows"][1]["saving_moved_pts"].get<double>(), -50.0, 1e-12);
    EXPECT_EQ(j["pending"], json::array({"w45/solo", "w45/ahead-f1.3"}));
}

// The stride study lists each instant and takes the mean over the stride from draft-post's
// stride.json (--phase-sweep; its rule is StrideAverageTest's): solo 8 and 10 N, lead 2 and 3 N in
// step. The out-of-step mean waits for its second phase (pending, and no stride.json), and the frozen
// pose is the pacer-size study's identical mannequin.
TEST(StudyReduction, StrideTakesTheMeanOverTheStrideFromDraftPost) {
    drafting::test::TempDir tmp;
    const fs::path out = tmp.path();
    const auto at = [](double lead, double area, const json& pacer) {
        json r = result(lead, 0.01);
        r["parameters"] = {{"frontal_area_m2", area}, {"runners", json::array({{{"name", "lead"}}, pacer})}};
        return r;
    };
    const json inStep = {{"name", "pacer1"}};
    for (const auto& [variant, solo, lead] : {std::tuple<const char*, double, double>{"in-p0", 8.0, 2.0},
                                              {"in-p0.5", 10.0, 3.0},
                                              {"out-p0", 8.0, 2.4}}) {
        write(out / variant / "manifest.json", {{"cases", json::array({{{"name", "solo"}}, {{"name", "ahead-f1.3"}}})}});
        write(out / variant / "solo" / "results.json", at(solo, 0.36, inStep));
        write(out / variant / "ahead-f1.3" / "results.json",
              at(lead, 0.36, std::string(variant).rfind("out", 0) == 0
                                 ? json{{"name", "pacer1"}, {"stride_phase", 0.5}, {"frontal_area_m2", 0.37}}
                                 : inStep));
    }
    const double mean = 100.0 * (1 - 2.5 / 9.0);
    write(out / "in-mean" / "stride.json",
          {{"phases", json::array({{{"phase", 0.0}}, {{"phase", 0.5}}})},
           {"solo_drag_N", 9.0},
           {"solo_spread_pct", 100.0 * 2.0 / 9.0},
           {"rows", json::array({{{"case", "ahead-f1.3"}, {"status", "averaged"}, {"lead_drag_N", 2.5},
                                  {"saving_pct", mean}, {"saving_iter_pct", 0.1}, {"saving_min_pct", 70.0},
                                  {"saving_max_pct", 75.0}}})}});
    const std::string frozen = tmp.path() + "/pacer-size-coarse.json";
    write(frozen, {{"rows", json::array({{{"variant", "identical"}, {"formation", "ahead"}, {"front_gap_m", 1.3},
                                          {"solo_drag_N", 9.0}, {"lead_drag_N", 3.15}, {"saving_pct", 65.0},
                                          {"saving_iter_pct", 0.1}}})}});
    const std::string target = tmp.path() + "/stride.json";
    const auto run = drafting::test::runCommand(
        {"/usr/bin/python3", kStudies + "stride.py", out.string(), "coarse", target, frozen, "0", "0.5"});
    EXPECT_EQ(run.exitCode, 0) << run.out << run.err;
    const json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["rows"].size(), 3u) << j.dump(1);
    EXPECT_DOUBLE_EQ(j["rows"][1]["pacer_phase"].get<double>(), 0.5);
    EXPECT_DOUBLE_EQ(j["rows"][1]["pacer_frontal_area_m2"].get<double>(), 0.37);
    ASSERT_EQ(j["averaged"].size(), 1u);  // in step only: out of step lacks phase 0.5
    const json& a = j["averaged"][0];
    EXPECT_EQ(a["step"], "in");
    EXPECT_DOUBLE_EQ(a["saving_pct"].get<double>(), mean);
    EXPECT_DOUBLE_EQ(a["lead_drag_N"].get<double>(), 2.5);
    EXPECT_NEAR(a["saving_spread_pts"].get<double>(), 5.0, 1e-9);
    EXPECT_NEAR(a["solo_drag_spread_pct"].get<double>(), 100.0 * 2.0 / 9.0, 1e-9);
    EXPECT_NEAR(a["moved_from_frozen_pts"].get<double>(), 100.0 * (1 - 2.5 / 9.0) - 65.0, 1e-9);
    EXPECT_EQ(j["pending"], json::array({"out-p0.5/solo", "out-p0.5/ahead-f1.3"}));
}

// The factors study takes draft-post's factors.json whole and adds each case's interaction: the move
// of all three factors at once minus the sum of their moves alone, with the four moves' iterative
// uncertainties in quadrature (exact: each move holds the reference's once, and it enters twice).
// Beside them, the proportions variant's saving minus the size variant's. A failed case is listed
// and exits 3.
TEST(StudyReduction, FactorsAddTheInteractionOfTheThreeFactorsAndTheLimbsMove) {
    drafting::test::TempDir tmp;
    const auto cell = [](const std::string& sweep, double saving, double iter, json move, json moveIter) {
        return json{{"case", "ahead-f1.3"}, {"formation", "ahead"}, {"series", "no pacer behind"},
                    {"front_gap_m", 1.3}, {"back_gap_m", nullptr}, {"lateral_m", 0.0}, {"sweep", sweep},
                    {"status", "ok"}, {"reason", ""}, {"saving_pct", saving}, {"saving_iter_pct", iter},
                    {"move_pct", move}, {"move_iter_pct", moveIter}};
    };
    json rows = json::array({cell("identical", 65.0, 0.1, nullptr, nullptr), cell("size", 80.0, 0.2, 15.0, 0.3),
                             cell("stride", 64.0, 0.1, -1.0, 0.2), cell("wind", 13.0, 0.3, -52.0, 0.4),
                             cell("all", 30.0, 0.3, -35.0, 0.5), cell("proportions", 81.0, 0.4, 16.0, 0.5)});
    json sweeps = json::array();
    for (const char* l : {"identical", "size", "stride", "wind", "all", "proportions"})
        sweeps.push_back({{"label", l}, {"dir", std::string("runs/") + l}, {"solo_drag_N", 7.0},
                          {"differs_from_reference", json::array()}});
    const std::string source = tmp.path() + "/factors.json", target = tmp.path() + "/study.json";
    drafting::test::writeFile(source, json{{"reference", "identical"}, {"level", "coarse"}, {"sweeps", sweeps},
                                           {"rows", rows}, {"notes", json::array({"n"})}}.dump());
    auto run = drafting::test::runCommand({"/usr/bin/python3", kStudies + "factors.py", source, "coarse", target});
    EXPECT_EQ(run.exitCode, 0) << run.out << run.err;
    json j = json::parse(drafting::test::readFile(target));
    ASSERT_EQ(j["cases"].size(), 1u) << j.dump(1);
    const auto& c = j["cases"][0];
    EXPECT_NEAR(c["sum_of_single_moves_pct"].get<double>(), -38.0, 1e-12);
    EXPECT_NEAR(c["interaction_pct"].get<double>(), 3.0, 1e-12);
    EXPECT_NEAR(c["interaction_iter_pct"].get<double>(), std::sqrt(0.09 + 0.04 + 0.16 + 0.25), 1e-12);
    EXPECT_EQ(j["reference"], "identical");
    // Female and male limbs beside the size variant (not in all, so not in the interaction).
    EXPECT_NEAR(c["proportions_move_from_size_pct"].get<double>(), 1.0, 1e-12);
    EXPECT_NEAR(c["proportions_move_from_size_iter_pct"].get<double>(), std::hypot(0.4, 0.2), 1e-12);

    rows[4]["status"] = "failed";
    rows[4]["reason"] = "non-physical: lead drag -0.5 N";
    rows[4]["saving_pct"] = rows[4]["move_pct"] = rows[4]["move_iter_pct"] = nullptr;
    drafting::test::writeFile(source, json{{"reference", "identical"}, {"level", "coarse"}, {"sweeps", sweeps},
                                           {"rows", rows}, {"notes", json::array()}}.dump());
    run = drafting::test::runCommand({"/usr/bin/python3", kStudies + "factors.py", source, "coarse", target});
    EXPECT_EQ(run.exitCode, 3) << run.out << run.err;
    EXPECT_NE(run.out.find("failed: all/ahead-f1.3: non-physical"), std::string::npos) << run.out;
    j = json::parse(drafting::test::readFile(target));
    EXPECT_FALSE(j["cases"][0].contains("interaction_pct"));
}
