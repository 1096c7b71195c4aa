// draft-post's sanity: results and manifests that no runner or sweep can have are refused, per case
// or for the whole reduction, with one line naming the file, the field and the value.
#include "cases/files/CaseResult.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "postprocess/FlowFieldExport.hpp"
#include "postprocess/PacingTable.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsTable.hpp"
#include "postprocess/TableText.hpp"
#include "solver/monitoring/DivergenceGuard.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

using namespace drafting;
using drafting::test::TempDir;

namespace {

// ½ ρ U² A of the fixture's air and runner: drag = kQA × Cd.
constexpr double kRho = 1.18, kAir = 6.7, kArea = 0.5;
const double kQA = 0.5 * kRho * kAir * kAir * kArea;

nlohmann::json parameters(const std::string& formation, std::optional<double> frontGap = std::nullopt) {
    nlohmann::json p = {{"formation", formation},
                        {"air_density_kg_m3", kRho},
                        {"air_speed_mps", kAir},
                        {"frontal_area_m2", kArea}};
    if (frontGap) p["front_gap_m"] = *frontGap;
    return p;
}

// A body whose drag and Cd agree, as runnerDrag writes them.
nlohmann::json body(double drag) {
    return {{"drag_N", drag},       {"drag_ci95_N", 0.05},         {"drag_std_N", 0.1},
            {"side_N", 0.0},        {"lift_N", 0.0},               {"cda_m2", drag / (0.5 * kRho * kAir * kAir)},
            {"cd", drag / kQA},     {"reference_area_m2", kArea}};
}

nlohmann::json results(const std::string& name, const nlohmann::json& lead, const std::string& formation = "ahead") {
    return {{"case", name},       {"status", "ok"},
            {"reason", ""},       {"iterations", 300},
            {"converged", true},  {"parameters", parameters(formation)},
            {"bodies", {{"lead", lead}}}};
}

// solo (7 N) and ahead-f0 … ahead-f3 at 1, 1.5, 2, 2.5 m with savings 60, 45, 30, 20 %; `edit`
// changes the results.json of case `edited` before it is written.
std::string sweep(const TempDir& dir, const std::string& edited = "",
                  const std::function<void(nlohmann::json&)>& edit = {}) {
    cases::files::Manifest m;
    m.sweepName = "sanity";
    m.config = cases::config::SweepConfig::parse("[athlete]\nheight = 1.57\nmass = 42\n[run]\nspeed = 6.7\nair_density = 1.18\n");
    auto add = [&](const std::string& name, const nlohmann::json& params, double drag) {
        m.cases.push_back({name, params, "ok", ""});
        auto r = results(name, body(drag), params["formation"].get<std::string>());
        if (name == edited && edit) edit(r);
        std::filesystem::create_directories(dir.path() + "/" + name);
        common::JsonFile::writeAtomic(dir.path() + "/" + name + "/results.json", r);
    };
    add("solo", {{"formation", "solo"}}, 7.0);
    const double savings[] = {0.6, 0.45, 0.3, 0.2};
    int i = 0;
    for (double gap : {1.0, 1.5, 2.0, 2.5}) {
        const std::string name = "ahead-f" + std::to_string(i);
        add(name, {{"formation", "ahead"}, {"front_gap_m", gap}}, 7.0 * (1.0 - savings[i]));
        ++i;
    }
    m.write(dir.path());
    return dir.path();
}

const post::SavingsRow& row(const post::SavingsTable& t, const std::string& name) {
    for (const auto& r : t.rows())
        if (r.caseName == name) return r;
    throw std::runtime_error("no row " + name);
}

template <class Error, class F>
std::string messageOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "nothing was thrown";
    return "";
}

}  // namespace

TEST(PostSanity, WrongTypedResultsFieldsNameTheFileAndTheField) {
    auto refused = [](nlohmann::json j, const std::string& expected) {
        const std::string what =
            messageOf<common::RunError>([&] { cases::files::CaseResult::fromJson(j, "sweep/a/results.json"); });
        EXPECT_NE(what.find("'sweep/a/results.json': " + expected), std::string::npos) << what;
        EXPECT_EQ(what.find("json.exception"), std::string::npos) << what;
    };
    const auto good = results("a", body(3.0));
    auto j = good;
    j["iterations"] = "many";
    refused(j, "iterations = '\"many\"': not a count of iterations");
    j = good;
    j["iterations"] = 12.5;
    refused(j, "iterations = '12.5'");
    j = good;
    j["converged"] = "yes";
    refused(j, "converged = '\"yes\"': not true or false");
    j = good;
    j["case"] = 7;
    refused(j, "case = '7': not a string");
    j = good;
    j["parameters"] = "fast";
    refused(j, "parameters = '\"fast\"': not an object");
    j = good;
    j["bodies"]["lead"]["drag_N"] = "lots";
    refused(j, "bodies.lead.drag_N = '\"lots\"': not a number");
    j = good;
    j["bodies"]["lead"]["drag_ci95_N"] = {1, 2};
    refused(j, "bodies.lead.drag_ci95_N = '[1,2]': not a number");
    j = good;
    j["bodies"]["lead"]["y_plus"] = {{"mean", "high"}};
    refused(j, "bodies.lead.y_plus.mean = '\"high\"'");
    j = good;
    j["bodies"]["pacer1"] = 3.0;
    refused(j, "bodies.pacer1 = '3.0': not an object");
    j = good;
    j["mesh"] = {{"cells", "many"}};
    refused(j, "mesh.cells = '\"many\"'");
    j = good;
    j["status"] = 1;
    refused(j, "status = '1': not a string");
}

TEST(PostSanity, ABadResultsFileFailsOnlyItsCase) {
    TempDir dir;
    const auto path = sweep(dir, "ahead-f1", [](nlohmann::json& r) { r["iterations"] = "many"; });
    const auto table = post::SavingsTable::fromSweep(path);
    const auto& bad = row(table, "ahead-f1");
    EXPECT_EQ(bad.status, "failed");
    EXPECT_NE(bad.reason.find(path + "/ahead-f1/results.json': iterations"), std::string::npos) << bad.reason;
    EXPECT_FALSE(bad.savingPct.has_value());
    EXPECT_EQ(row(table, "ahead-f0").status, "ok");
    EXPECT_EQ(row(table, "ahead-f2").status, "ok");

    // Not JSON at all: that case fails, the sweep is still reduced.
    test::writeFile(path + "/ahead-f2/results.json", "{\"status\": ");
    const auto again = post::SavingsTable::fromSweep(path);
    EXPECT_EQ(row(again, "ahead-f2").status, "failed");
    EXPECT_EQ(row(again, "ahead-f0").status, "ok");
}

TEST(PostSanity, ADragThatDisagreesWithItsOwnCdIsRefused) {
    auto r = cases::files::CaseResult::fromJson(results("a", body(4.0)));
    EXPECT_TRUE(r.checkPhysical()) << r.reason;

    // The hostile tester's -500 N with a plausible Cd: a saving of thousands of per cent.
    auto lead = body(4.0);
    lead["drag_N"] = -500.0;
    r = cases::files::CaseResult::fromJson(results("a", lead));
    EXPECT_FALSE(r.checkPhysical());
    EXPECT_EQ(r.status, "failed");
    EXPECT_NE(r.reason.find("non-physical drag on lead: drag_N = -500 disagrees with its Cd"), std::string::npos)
        << r.reason;

    // Off by 1 %: refused; by 0.01 % (print rounding): accepted.
    lead = body(4.0);
    lead["drag_N"] = 4.04;
    EXPECT_FALSE(cases::files::CaseResult::fromJson(results("a", lead)).checkPhysical());
    lead["drag_N"] = 4.0004;
    EXPECT_TRUE(cases::files::CaseResult::fromJson(results("a", lead)).checkPhysical());

    // Without the parameters, runnerDrag's own reference gives ρ, U and A.
    auto j = results("a", body(4.0));
    j.erase("parameters");
    j["bodies"]["lead"]["drag_N"] = -500.0;
    j["reference"] = {{"rho_kg_m3", kRho}, {"U_mps", kAir}, {"area_m2", kArea}};
    EXPECT_FALSE(cases::files::CaseResult::fromJson(j).checkPhysical());
}

TEST(PostSanity, ANegativeDragIsASolversOutputButNoRunnersSaving) {
    // A 2D tandem section pushes the runner behind: a consistent solver output, a non-physical
    // saving (above 100 %) that no table, fit or pacing prediction may show.
    auto r = cases::files::CaseResult::fromJson(results("a", body(-0.5)));
    EXPECT_TRUE(r.checkPhysical()) << r.reason;
    EXPECT_FALSE(r.checkDragPositive());
    EXPECT_EQ(r.failure, cases::files::CaseResult::Failure::nonPhysical);
    EXPECT_EQ(r.reason, "non-physical drag on lead: drag_N = -0.5 is not positive (a saving of 100 % or more): "
                        "a runner in a real formation is never pushed forward; a 2D tandem section can be");
    TempDir dir;
    const auto path = sweep(dir, "ahead-f0", [](nlohmann::json& j) { j["bodies"]["lead"] = body(-0.5); });
    const auto table = post::SavingsTable::fromSweep(path);
    EXPECT_EQ(row(table, "ahead-f0").status, "failed");
    EXPECT_EQ(row(table, "ahead-f0").reason, r.reason);
    EXPECT_FALSE(row(table, "ahead-f0").savingPct.has_value());
    const auto pacing = post::PacingTable::build(table, cases::files::Manifest::read(path).config);
    EXPECT_FALSE(pacing.rows()[1].prediction.has_value());
    EXPECT_NE(pacing.rows()[1].note.find("failed: non-physical drag on lead"), std::string::npos)
        << pacing.rows()[1].note;

    // A pacer pushed forward fails the case too, and a drag of exactly zero is a 100 % saving.
    for (const double pacerDrag : {-0.1, 0.0}) {
        TempDir other;
        const auto p = sweep(other, "ahead-f0", [&](nlohmann::json& j) { j["bodies"]["pacer1"] = body(pacerDrag); });
        const auto t = post::SavingsTable::fromSweep(p);
        EXPECT_EQ(row(t, "ahead-f0").status, "failed") << pacerDrag;
        EXPECT_NE(row(t, "ahead-f0").reason.find("drag on pacer1"), std::string::npos) << row(t, "ahead-f0").reason;
    }
    // A small positive drag is a saving just below 100 %: kept.
    TempDir kept;
    const auto k = sweep(kept, "ahead-f0", [](nlohmann::json& j) { j["bodies"]["lead"] = body(0.01); });
    EXPECT_EQ(row(post::SavingsTable::fromSweep(k), "ahead-f0").status, "ok");
}

TEST(PostSanity, ANegativeSpreadIsRefused) {
    for (const char* key : {"drag_ci95_N", "drag_std_N", "cd_ci95"}) {
        auto lead = body(4.0);
        lead[key] = -0.2;
        auto r = cases::files::CaseResult::fromJson(results("a", lead));
        EXPECT_FALSE(r.checkPhysical()) << key;
        EXPECT_NE(r.reason.find(std::string("non-physical spread on lead: ") + key + " = -0.2 is negative"),
                  std::string::npos)
            << r.reason;
    }
    auto lead = body(4.0);
    lead["drag_ci95_N"] = nullptr;  // no interval (too few batches) is not a wrong one
    EXPECT_TRUE(cases::files::CaseResult::fromJson(results("a", lead)).checkPhysical());
}

TEST(PostSanity, TheCdBoundIsTheSolversOwn) {
    const solver::monitoring::DivergenceGuard::Limits limits;
    EXPECT_EQ(cases::files::CaseResult::kMinCd, limits.minCd);
    EXPECT_EQ(cases::files::CaseResult::kMaxCd, limits.maxCd);
    auto lead = body(kQA * (limits.maxCd + 0.5));
    auto r = cases::files::CaseResult::fromJson(results("a", lead));
    EXPECT_FALSE(r.checkPhysical());
    EXPECT_NE(r.reason.find("outside [-2, 10]"), std::string::npos) << r.reason;
}

TEST(PostSanity, ARefusedCaseIsKeptOutOfTablesFitsAndPacing) {
    TempDir dir;
    const auto path = sweep(dir, "ahead-f1", [](nlohmann::json& r) { r["bodies"]["lead"]["drag_N"] = -500.0; });
    const auto table = post::SavingsTable::fromSweep(path);
    const auto& bad = row(table, "ahead-f1");
    EXPECT_EQ(bad.status, "failed");
    EXPECT_FALSE(bad.savingPct.has_value());
    EXPECT_TRUE(bad.bodies.empty());
    const auto curves = post::SavingsFit::fit(table);
    ASSERT_EQ(curves.size(), 1u);
    EXPECT_EQ(curves[0].gaps.size(), 3u);  // four gaps, one refused
    for (double s : curves[0].savings) EXPECT_LE(s, 100.0);
    const auto pacing = post::PacingTable::build(table, cases::files::Manifest::read(path).config);
    for (const auto& p : pacing.rows())
        if (p.caseName == "ahead-f1") {
            EXPECT_FALSE(p.prediction.has_value());
            EXPECT_NE(p.note.find("failed: non-physical drag"), std::string::npos) << p.note;
        }
    const auto json = table.toJson();
    EXPECT_EQ(json["rows"][2]["status"], "failed");
    EXPECT_TRUE(json["rows"][2]["saving_pct"].is_null());
}

TEST(PostSanity, TwoSoloBaselinesOrNoneRefuseTheReductionNamingTheManifestAndCases) {
    TempDir dir;
    const auto path = sweep(dir);
    auto manifest = common::JsonFile::read(path + "/manifest.json");
    manifest["cases"][2]["parameters"]["formation"] = "solo";
    common::JsonFile::writeAtomic(path + "/manifest.json", manifest);
    std::string what = messageOf<common::InputError>([&] { post::SavingsTable::fromSweep(path); });
    EXPECT_NE(what.find("'" + path + "/manifest.json': 2 solo baseline cases 'solo, ahead-f1'"), std::string::npos)
        << what;

    for (auto& c : manifest["cases"]) c["parameters"]["formation"] = "ahead";
    common::JsonFile::writeAtomic(path + "/manifest.json", manifest);
    what = messageOf<common::InputError>([&] { post::SavingsTable::fromSweep(path); });
    EXPECT_NE(what.find("'" + path + "/manifest.json': no solo baseline case"), std::string::npos) << what;
}

TEST(PostSanity, AWrongTypedManifestIsOneLineNamingTheFileAndTheField) {
    TempDir dir;
    const auto path = sweep(dir);
    const auto good = common::JsonFile::read(path + "/manifest.json");
    auto refused = [&](const std::function<void(nlohmann::json&)>& edit, const std::string& expected) {
        auto m = good;
        edit(m);
        common::JsonFile::writeAtomic(path + "/manifest.json", m);
        const std::string what = messageOf<common::InputError>([&] {
            const auto table = post::SavingsTable::fromSweep(path);
            post::PacingTable::build(table, cases::files::Manifest::read(path).config);
        });
        EXPECT_NE(what.find("manifest.json': " + expected), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        EXPECT_EQ(what.find("json.exception"), std::string::npos) << what;
    };
    refused([](nlohmann::json& m) { m["config"]["run"]["speed_mps"] = "fast"; },
            "config.run.speed_mps = '\"fast\"': not a number");
    refused([](nlohmann::json& m) { m["config"]["run"] = 6.7; }, "config.run = '6.7': not an object");
    refused([](nlohmann::json& m) { m["config"]["athlete"]["mass_kg"] = "42 kg"; },
            "config.athlete.mass_kg = '\"42 kg\"': not a number");
    refused([](nlohmann::json& m) { m["cases"][1]["parameters"]["formation"] = 3; },
            "cases[1].parameters.formation = '3': not a string");
    refused([](nlohmann::json& m) { m["cases"][1]["parameters"]["front_gap_m"] = "1.0"; },
            "cases[1].parameters.front_gap_m = '\"1.0\"': not a number");
    refused([](nlohmann::json& m) { m["cases"][1]["name"] = 12; }, "cases[1].name = '12': not a string");
    refused([](nlohmann::json& m) { m["cases"][1].erase("parameters"); }, "cases[1].parameters: missing");
    refused([](nlohmann::json& m) { m["cases"] = "solo"; }, "cases = '\"solo\"': not a list");
    refused([](nlohmann::json& m) { m["name"] = nullptr; }, "name = 'null': not a string");
    refused([](nlohmann::json& m) { m["cases"][1]["name"] = "../../etc"; },
            "cases[1].name = '\"../../etc\"': not a safe case name");
}

TEST(PostSanity, CsvTextCellsNeverRunAsFormulas) {
    using post::TableText;
    EXPECT_EQ(TableText::csvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    EXPECT_EQ(TableText::csvField("=1+2"), "'=1+2");
    EXPECT_EQ(TableText::csvField("+1"), "'+1");
    EXPECT_EQ(TableText::csvField("-1+2"), "'-1+2");
    EXPECT_EQ(TableText::csvField("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(TableText::csvField("\tx"), "'\tx");
    EXPECT_EQ(TableText::csvField("\rx"), "\"'\rx\"");
    EXPECT_EQ(TableText::csvField("solo"), "solo");
    EXPECT_EQ(TableText::csvField("a=b"), "a=b");
    EXPECT_EQ(TableText::csvField(""), "");
    // Numbers are numbers: a negative one is never prefixed.
    EXPECT_EQ(TableText::csvNumber(-3.5), "-3.5");

    TempDir dir;
    const auto path = sweep(dir, "ahead-f1", [](nlohmann::json& r) {
        r["status"] = "failed";
        r["reason"] = "=cmd|' /C calc'!A0";
    });
    auto manifest = common::JsonFile::read(path + "/manifest.json");
    manifest["cases"][1]["parameters"]["formation"] = "@ahead";
    common::JsonFile::writeAtomic(path + "/manifest.json", manifest);
    // A saving below zero: a negative number in the CSV, as a number.
    test::writeFile(path + "/ahead-f3/results.json", results("ahead-f3", body(7.7)).dump());
    const auto table = post::SavingsTable::fromSweep(path);
    table.writeCsv(path + "/savings.csv");
    table.writeBodiesCsv(path + "/bodies.csv");
    const std::string csv = test::readFile(path + "/savings.csv");
    EXPECT_NE(csv.find("\nahead-f0,'@ahead,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",failed,'=cmd|' /C calc'!A0,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",-10,"), std::string::npos) << csv;  // saving_pct of ahead-f3
    EXPECT_EQ(csv.find(",'-10"), std::string::npos) << csv;
    const std::string bodies = test::readFile(path + "/bodies.csv");
    EXPECT_NE(bodies.find(",failed,'=cmd|' /C calc'!A0"), std::string::npos) << bodies;
}

TEST(PostSanity, MessagesShowTheNumberAsGiven) {
    using post::TableText;
    EXPECT_EQ(TableText::plain(1.0000001), "1.0000001");
    EXPECT_EQ(TableText::plain(1.2), "1.2");
    EXPECT_EQ(TableText::plain(-42), "-42");
    EXPECT_EQ(TableText::plain(100000), "100000");
    EXPECT_EQ(TableText::plain(0.1), "0.1");
    EXPECT_EQ(TableText::plain(1e-05), "1e-05");
}

TEST(PostSanity, FlowExportSkipsWhatTheTablesRefuse) {
    TempDir dir;
    const auto path = sweep(dir, "ahead-f0", [](nlohmann::json& r) { r["iterations"] = "many"; });
    auto bad = common::JsonFile::read(path + "/ahead-f1/results.json");
    bad["bodies"]["lead"]["drag_N"] = -500.0;
    common::JsonFile::writeAtomic(path + "/ahead-f1/results.json", bad);
    post::FlowExportOptions options;
    options.render = false;
    const auto flow = post::FlowFieldExport::exportSweep(path, dir.path() + "/flow", options);
    std::string skipped;
    for (const auto& s : flow.skipped) skipped += s + "\n";
    EXPECT_NE(skipped.find("ahead-f0: '" + path + "/ahead-f0/results.json': iterations = '\"many\"'"),
              std::string::npos)
        << skipped;
    EXPECT_NE(skipped.find("ahead-f1: status failed: non-physical drag on lead"), std::string::npos) << skipped;
}
