// Follow-ups of a hostile review: control characters from results.json never reach a terminal or
// a CSV raw, a manifest cannot list one case twice, and a results.json copied from another case or
// missing one of the case's runners is never reduced as that case's.
#include "common/Error.hpp"
#include "cases/study/ConvergenceStudy.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "cases/run/SweepStatus.hpp"
#include "postprocess/ReportPage.hpp"
#include "postprocess/SavingsTable.hpp"
#include "postprocess/SweepReport.hpp"
#include "postprocess/TableText.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

using namespace drafting;
using drafting::test::readFile;
using drafting::test::TempDir;

namespace {

constexpr double kRho = 1.18, kAir = 6.7, kArea = 0.5;
const double kQA = 0.5 * kRho * kAir * kAir * kArea;

nlohmann::json body(double drag) {
    return {{"drag_N", drag},   {"drag_ci95_N", 0.05}, {"drag_std_N", 0.1},
            {"side_N", 0.0},    {"lift_N", 0.0},       {"cda_m2", drag / (0.5 * kRho * kAir * kAir)},
            {"cd", drag / kQA}, {"reference_area_m2", kArea}};
}

nlohmann::json caseParameters(const std::string& formation, bool pacer) {
    nlohmann::json runners = nlohmann::json::array({{{"name", "lead"}, {"x_m", 0.0}, {"y_m", 0.0}}});
    if (pacer) runners.push_back({{"name", "pacer1"}, {"x_m", 1.0}, {"y_m", 0.0}});
    return {{"formation", formation}, {"air_density_kg_m3", kRho}, {"air_speed_mps", kAir},
            {"frontal_area_m2", kArea}, {"runners", runners}};
}

nlohmann::json results(const std::string& name, const nlohmann::json& params, bool withPacer) {
    nlohmann::json bodies = {{"lead", body(name == "solo" ? 7.0 : 4.0)}};
    if (withPacer) bodies["pacer1"] = body(6.0);
    return {{"case", name},      {"status", "ok"},      {"reason", ""}, {"iterations", 300},
            {"converged", true}, {"parameters", params}, {"bodies", bodies}};
}

// solo and ahead-f1 (lead behind pacer1), both ok and each its own; then ahead-f1's results.json is
// replaced by `aheadResults` when given.
std::string sweep(const TempDir& dir, const nlohmann::json& aheadResults = nullptr) {
    cases::files::Manifest m;
    m.sweepName = "followup";
    m.config = cases::config::SweepConfig::parse("[run]\nspeed = 6.7\nair_density = 1.18\n");
    for (const auto& [name, formation] : {std::pair{"solo", "solo"}, std::pair{"ahead-f1", "ahead"}}) {
        const auto params = caseParameters(formation, std::string(formation) == "ahead");
        m.cases.push_back({name, params, "ok", ""});
        std::filesystem::create_directories(dir.path() + "/" + name);
        nlohmann::json r = results(name, params, std::string(formation) == "ahead");
        if (std::string(name) == "ahead-f1" && !aheadResults.is_null()) r = aheadResults;
        common::JsonFile::writeAtomic(dir.path() + "/" + name + "/results.json", r);
    }
    m.write(dir.path());
    return dir.path();
}

const post::SavingsRow& row(const post::SavingsTable& t, const std::string& name) {
    for (const auto& r : t.rows())
        if (r.caseName == name) return r;
    throw std::runtime_error("no row " + name);
}

bool hasControl(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\n') || c == 0x7f;
    });
}

const std::string kHostile = "diverged\x1b[2J\x1b[31m red\nfake: line\x07\x7f";

}  // namespace

TEST(PostFollowup, CsvFieldEscapesControlCharacters) {
    EXPECT_EQ(post::TableText::csvField("a\x1b[31mb"), "a\\x1b[31mb");
    EXPECT_EQ(post::TableText::csvField(std::string("n\0l", 3)), "n\\x00l");
    EXPECT_EQ(post::TableText::csvField("bell\x07 del\x7f"), "bell\\x07 del\\x7f");
    // Quoting still applies to the escaped text, and newlines stay spaces in a quoted cell.
    EXPECT_EQ(post::TableText::csvField("x,\x1b\ny"), "\"x,\\x1b y\"");
    // A formula is still defused, its escape still escaped.
    EXPECT_EQ(post::TableText::csvField("=\x1b"), "'=\\x1b");
}

TEST(PostFollowup, TerminalTextIsEscapedWholeAndUnquoted) {
    EXPECT_EQ(post::TableText::terminal("a\x1b[31mb\nc\td"), "a\\x1b[31mb\\nc\\td");
    EXPECT_EQ(post::TableText::terminal("plain reason"), "plain reason");
    const std::string longText(500, 'x');
    EXPECT_EQ(post::TableText::terminal(longText), longText);  // never cut
}

TEST(PostFollowup, ControlCharactersInAReasonNeverReachTheCsvs) {
    TempDir dir;
    auto failed = results("ahead-f1", caseParameters("ahead", true), true);
    failed["status"] = "failed";
    failed["reason"] = kHostile;
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir, failed));
    ASSERT_EQ(row(table, "ahead-f1").status, "failed");
    table.writeCsv(dir.path() + "/savings.csv");
    table.writeBodiesCsv(dir.path() + "/bodies.csv");
    for (const char* file : {"/savings.csv", "/bodies.csv"}) {
        const std::string text = readFile(dir.path() + file);
        EXPECT_FALSE(hasControl(text)) << file << ": " << text;
        EXPECT_NE(text.find("diverged\\x1b[2J\\x1b[31m red fake: line\\x07\\x7f"), std::string::npos) << text;
    }
}

TEST(PostFollowup, ResultsCopiedFromAnotherCaseFailThatCase) {
    TempDir dir;
    const auto copied = results("solo", caseParameters("solo", false), false);
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir, copied));
    const auto& r = row(table, "ahead-f1");
    EXPECT_EQ(r.status, "failed");
    EXPECT_FALSE(r.savingPct.has_value());
    EXPECT_NE(r.reason.find("ahead-f1/results.json': case = 'solo': not its folder's case 'ahead-f1'"),
              std::string::npos)
        << r.reason;
    EXPECT_EQ(row(table, "solo").status, "ok");
}

TEST(PostFollowup, ResultsMissingARunnerOfTheManifestFailThatCase) {
    TempDir dir;
    const auto leadOnly = results("ahead-f1", caseParameters("ahead", true), false);
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir, leadOnly));
    const auto& r = row(table, "ahead-f1");
    EXPECT_EQ(r.status, "failed");
    EXPECT_NE(r.reason.find("ahead-f1/results.json': bodies: no runner 'pacer1'"), std::string::npos) << r.reason;
}

TEST(PostFollowup, ResultsOfTheirOwnCaseWithEveryRunnerAreReduced) {
    TempDir dir;
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir));
    EXPECT_EQ(row(table, "ahead-f1").status, "ok") << row(table, "ahead-f1").reason;
    EXPECT_EQ(row(table, "ahead-f1").bodies.size(), 2u);
}

TEST(StatusFollowup, DuplicateCaseNamesInTheManifestAreRefused) {
    TempDir dir;
    sweep(dir);
    auto j = common::JsonFile::read(dir.path() + "/manifest.json");
    j["cases"].push_back(j["cases"][1]);
    common::JsonFile::writeAtomic(dir.path() + "/manifest.json", j);
    try {
        cases::files::Manifest::read(dir.path());
        ADD_FAILURE() << "a duplicate case name was accepted";
    } catch (const common::InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("manifest.json': cases[2].name = '\"ahead-f1\"': a duplicate case name (also cases[1])"),
                  std::string::npos)
            << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
}

TEST(StatusFollowup, TableEscapesReasonsFromResultsAndManifest) {
    TempDir dir;
    auto failed = results("ahead-f1", caseParameters("ahead", true), true);
    failed["status"] = "failed";
    failed["reason"] = kHostile;
    sweep(dir, failed);
    // The manifest's own reason (a case without results.json) and its sweep name too.
    auto j = common::JsonFile::read(dir.path() + "/manifest.json");
    j["name"] = "evil\x1b]0;title\x07";
    j["cases"].push_back({{"name", "ahead-f2"}, {"parameters", caseParameters("ahead", true)},
                          {"status", "failed"}, {"reason", "killed\r\x1b[Kok"}});
    common::JsonFile::writeAtomic(dir.path() + "/manifest.json", j);
    const std::string table = cases::run::SweepStatus::table(cases::run::SweepStatus::read(dir.path()));
    EXPECT_FALSE(hasControl(table)) << table;
    EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 4) << table;  // three cases and the summary
    EXPECT_NE(table.find("diverged\\x1b[2J\\x1b[31m red\\nfake: line\\x07\\x7f"), std::string::npos) << table;
    EXPECT_NE(table.find("killed\\r\\x1b[Kok"), std::string::npos) << table;
    EXPECT_NE(table.find("sweep evil\\x1b]0;title\\x07: 1 ok, 2 failed"), std::string::npos) << table;
}

TEST(StatusFollowup, AVeryLongReasonKeepsItsLineBreak) {
    const nlohmann::json status = {
        {"sweep", "s"},
        {"counts", {{"pending", 0}, {"ok", 0}, {"failed", 2}}},
        {"cases",
         {{{"name", "a"}, {"status", "failed"}, {"reason", std::string(400, 'x')}, {"lead_drag_N", nullptr}},
          {{"name", "b"}, {"status", "failed"}, {"reason", "short"}, {"lead_drag_N", nullptr}}}}};
    const std::string table = cases::run::SweepStatus::table(status);
    EXPECT_NE(table.find(std::string(400, 'x') + "\n  b "), std::string::npos) << table;
}

TEST(StatusFollowup, ResultsCopiedFromAnotherCaseShowAsFailed) {
    TempDir dir;
    sweep(dir, results("solo", caseParameters("solo", false), false));
    const auto status = cases::run::SweepStatus::read(dir.path());
    EXPECT_EQ(status["counts"]["ok"], 1) << status.dump();
    EXPECT_EQ(status["counts"]["failed"], 1) << status.dump();
    EXPECT_NE(status["cases"][1]["reason"].get<std::string>().find("case = 'solo'"), std::string::npos)
        << status.dump();
}

TEST(PostFollowup, TheReportSaysTheModelFormIsInNoErrorBar) {
    TempDir dir;
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir));
    for (const bool withStudy : {false, true}) {
        post::SweepReport report;
        report.sweepName = "followup";
        report.table = &table;
        if (withStudy) report.gciStudy = "docs/studies/mesh-x.json";
        const auto notes = report.model()["savings"]["notes"];
        ASSERT_TRUE(notes.is_array()) << notes;
        const bool said = std::any_of(notes.begin(), notes.end(), [](const nlohmann::json& n) {
            return n.get<std::string>().find("Not in any bar: the model form") != std::string::npos;
        });
        EXPECT_TRUE(said) << notes;
    }
}

// The note names the sweep's own model, from its config, and never echoes an unknown value.
TEST(PostFollowup, TheModelFormNoteNamesTheSweepsOwnModel) {
    TempDir dir;
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir));
    auto noteFor = [&table](const cases::config::SweepConfig& config) {
        post::SweepReport report;
        report.table = &table;
        report.config = config;
        const nlohmann::json notes = report.model()["savings"]["notes"];  // a copy: model() is a temporary
        for (const auto& n : notes)
            if (n.get<std::string>().rfind("Not in any bar", 0) == 0) return n.get<std::string>();
        return std::string();
    };
    EXPECT_NE(noteFor(cases::config::SweepConfig::parse("[solver]\nmode = steady\nturbulence = kOmegaSST\n[mesh]\ndimension = 3\n"
                                                "wall_treatment = wall-functions\n"))
                  .find("(steady k-omega SST with wall functions, a frozen pose)"),
              std::string::npos);
    EXPECT_NE(noteFor(cases::config::SweepConfig::parse("[solver]\nmode = transient\nturbulence = kOmegaSST\n[mesh]\ndimension = 3\n"
                                                "wall_treatment = low-re\n"))
                  .find("(unsteady (URANS) k-omega SST resolved toward the wall (layers for y+ about 1), a frozen pose)"),
              std::string::npos);
    EXPECT_NE(noteFor(cases::config::SweepConfig::parse("[solver]\nturbulence = laminar\n[mesh]\ndimension = 2\n"))
                  .find("(steady laminar flow, a 2D section, a frozen pose)"),
              std::string::npos);
    // A sweep at an instant of the measured stride says so, and where the pacers are in it.
    EXPECT_NE(noteFor(cases::config::SweepConfig::parse("[solver]\nmode = steady\nturbulence = kOmegaSST\n[mesh]\ndimension = 3\n"
                                                "wall_treatment = wall-functions\n[geometry]\nstride_phase = 0.25\n"
                                                "[pacers]\nstride_offset = 0.5\n"))
                  .find("(steady k-omega SST with wall functions, one instant of a measured stride (her phase 0.25, "
                        "the pacers' 0.75; quasi-steady: the limbs do not move))"),
              std::string::npos);
    cases::config::SweepConfig unknownModel;  // a value no config accepts, set past the parser
    unknownModel.turbulence = "<script>";
    const std::string hostile = noteFor(unknownModel);
    EXPECT_EQ(hostile.find("<script>"), std::string::npos) << hostile;
    EXPECT_NE(hostile.find("an unrecorded turbulence model"), std::string::npos) << hostile;
}

// Before any number, the page says what the numbers are worth: 2D is qualitative; 3D names its
// mesh and which uncertainties its bars hold.
TEST(PostFollowup, TheReportOpensWithWhatItsNumbersAreWorth) {
    TempDir dir;
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir));
    auto fidelityOf = [&table](const std::optional<cases::config::SweepConfig>& config, std::optional<std::string> study = std::nullopt) {
        post::SweepReport report;
        report.sweepName = "followup";
        report.table = &table;
        report.config = config;
        report.gciStudy = study;
        return report.model();
    };
    const auto twoD = fidelityOf(cases::config::SweepConfig::parse("[mesh]\ndimension = 2\n"));
    EXPECT_EQ(twoD["fidelity"]["kind"], "qualitative");
    EXPECT_NE(twoD["fidelity"]["text"].get<std::string>().find("2D sections: qualitative"), std::string::npos);
    const std::string page = post::ReportPage::render(twoD, dir.path());
    const auto banner = page.find("<p class=\"fidelity low\"><strong>What these numbers are worth.</strong> 2D sections");
    ASSERT_NE(banner, std::string::npos);
    EXPECT_LT(banner, page.find("<dl class=\"summary\">"));  // before the first number

    const std::string threeD = fidelityOf(cases::config::SweepConfig::parse("[mesh]\ndimension = 3\nwall_treatment = wall-functions\n"
                                                                    "[solver]\nmode = steady\nturbulence = kOmegaSST\n"))["fidelity"]["text"];
    EXPECT_NE(threeD.find("3D runners, mesh "), std::string::npos) << threeD;
    EXPECT_NE(threeD.find("steady k-omega SST with wall functions"), std::string::npos) << threeD;
    EXPECT_NE(threeD.find("Discretisation: not known (no convergence study given)"), std::string::npos) << threeD;
    // A study that matched none of this sweep's savings says so, rather than pointing at the table.
    const std::string withStudy =
        fidelityOf(cases::config::SweepConfig::parse("[mesh]\ndimension = 3\n"), "docs/studies/mesh-x.json")["fidelity"]["text"];
    EXPECT_NE(withStudy.find("docs/studies/mesh-x.json gives none for this sweep's level and cases (not known)"),
              std::string::npos)
        << withStudy;
    post::SweepReport matched;
    matched.table = &table;
    matched.config = cases::config::SweepConfig::parse("[mesh]\ndimension = 3\n");
    matched.gciStudy = "docs/studies/mesh-x.json";
    matched.gciAttached = 2;
    const std::string attached = matched.model()["fidelity"]["text"];
    EXPECT_NE(attached.find("the bounded GCI from docs/studies/mesh-x.json for 2 saving(s)"), std::string::npos)
        << attached;
    EXPECT_NE(threeD.find("Iterative uncertainty of the savings: up to "), std::string::npos) << threeD;
    const std::string unknown = fidelityOf(std::nullopt)["fidelity"]["text"];  // no manifest read
    EXPECT_NE(unknown.find("not recorded"), std::string::npos) << unknown;
}

// With a model-form study, the banner, the columns and the notes say the spread is in the ± all
// bar; a study that gives this sweep none says so rather than point at the table.
TEST(PostFollowup, AModelFormStudyPutsItsSpreadInTheAllBarAndSaysSo) {
    TempDir dir;
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir));
    post::SweepReport report;
    report.table = &table;
    report.config = cases::config::SweepConfig::parse("[mesh]\ndimension = 3\n");
    report.modelFormStudy = "docs/studies/model-form-coarse.json";
    report.modelFormAttached = 1;
    const nlohmann::json m = report.model();
    const std::string banner = m["fidelity"]["text"];
    EXPECT_NE(banner.find("Model form: the spread of the saving over the models of docs/studies/model-form-coarse.json "
                          "for 1 saving(s), in the figures' error bars and the ± model form column"),
              std::string::npos)
        << banner;
    std::vector<std::string> keys;
    for (const auto& c : m["savings"]["columns"]) keys.push_back(c["key"]);
    const auto at = [&keys](const std::string& k) { return std::find(keys.begin(), keys.end(), k) - keys.begin(); };
    EXPECT_EQ(at("saving_model_pct"), at("saving_iter_pct") + 1);  // no GCI column without a convergence study
    EXPECT_EQ(at("saving_all_pct"), at("saving_model_pct") + 1);
    EXPECT_LT(at("saving_model_source"), static_cast<long>(keys.size()));
    const nlohmann::json notes = m["savings"]["notes"];
    // No note says the bars hold less than they do: neither "in no bar" nor "it alone".
    EXPECT_TRUE(std::none_of(notes.begin(), notes.end(), [](const nlohmann::json& n) {
        return n.get<std::string>().find("Not in any bar") != std::string::npos ||
               n.get<std::string>().find("show it alone") != std::string::npos ||
               n.get<std::string>().find("what the error bars of the figures show") != std::string::npos;
    })) << notes;
    EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const nlohmann::json& n) {
        return n.get<std::string>().find("The figures' error bars are every part that is known") != std::string::npos;
    })) << notes;
    report.modelFormAttached = 0;
    const std::string none = report.model()["fidelity"]["text"];
    EXPECT_NE(none.find("docs/studies/model-form-coarse.json gives none for this sweep's level and cases, so it is in no "
                        "bar (not known)"),
              std::string::npos)
        << none;
}

TEST(PostFollowup, TheBannerCountsTheCasesLeftOutAsNonPhysical) {
    TempDir dir;
    const std::string path = sweep(dir);
    // A pacer that pushes the lead forward: the table fails it, and the banner says one was left out.
    const std::string results = path + "/" + cases::files::Manifest::read(path).cases[1].name + "/results.json";
    auto j = common::JsonFile::read(results);
    const double cd = j["bodies"]["lead"]["cd"].get<double>(), drag = j["bodies"]["lead"]["drag_N"].get<double>();
    j["bodies"]["lead"]["drag_N"] = -drag;
    j["bodies"]["lead"]["cd"] = -cd;
    if (j["bodies"]["lead"].contains("cda_m2")) j["bodies"]["lead"]["cda_m2"] = -j["bodies"]["lead"]["cda_m2"].get<double>();
    common::JsonFile::writeAtomic(results, j);
    const post::SavingsTable table = post::SavingsTable::fromSweep(path);
    post::SweepReport report;
    report.table = &table;
    report.config = cases::config::SweepConfig::parse("[mesh]\ndimension = 2\n");
    const std::string text = report.model()["fidelity"]["text"];
    EXPECT_NE(text.find("1 case(s) gave a non-physical result and are left out"), std::string::npos) << text;
}

// No saving with an interval is "not known", never a reassuring 0.00; a sweep of the solo case alone
// has no savings to rate.
TEST(PostFollowup, TheBannerNeverShowsAnUncertaintyItDoesNotHave) {
    TempDir dir;
    const std::string path = sweep(dir);
    for (const auto& e : cases::files::Manifest::read(path).cases) {
        const std::string results = path + "/" + e.name + "/results.json";
        auto j = common::JsonFile::read(results);
        for (auto& [name, body] : j["bodies"].items()) {
            body.erase("drag_ci95_N");
            body.erase("drag_mean_drift_N");
        }
        common::JsonFile::writeAtomic(results, j);
    }
    const post::SavingsTable table = post::SavingsTable::fromSweep(path);
    post::SweepReport report;
    report.table = &table;
    report.config = cases::config::SweepConfig::parse("[mesh]\ndimension = 3\n");
    const std::string text = report.model()["fidelity"]["text"];
    EXPECT_NE(text.find("Iterative uncertainty of the savings: not known (no saving has an interval or a drift)"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("0.00"), std::string::npos) << text;
}

// A case that missed the convergence test only by its residuals (every runner's drag settled) is told
// apart from one whose drag still drifts, in the banner and in the warnings; and a study whose triplet
// diverges for a saving says that no GCI bounds it.
TEST(PostFollowup, TheBannerTellsASettledDragFromADriftingOneAndADivergentStudy) {
    TempDir dir;
    const std::string path = sweep(dir);
    for (const auto& [name, settled] : {std::pair{"solo", false}, std::pair{"ahead-f1", true}}) {
        const std::string results = path + "/" + name + "/results.json";
        auto j = common::JsonFile::read(results);
        j["converged"] = false;
        j["convergence"] = {{"drag_settled", settled}};
        j["residuals"] = {{"below_tolerance", false}};
        common::JsonFile::writeAtomic(results, j);
    }
    post::SavingsTable table = post::SavingsTable::fromSweep(path);
    EXPECT_EQ(row(table, "ahead-f1").dragSettled, std::optional<bool>(true));
    EXPECT_EQ(row(table, "solo").dragSettled, std::optional<bool>(false));
    post::SweepReport report;
    report.table = &table;
    report.config = cases::config::SweepConfig::parse("[mesh]\ndimension = 3\n");
    auto model = report.model();
    const std::string text = model["fidelity"]["text"];
    EXPECT_NE(text.find("2 of 2 finished case(s) did not meet the convergence test (in 1 of them every runner's mean "
                        "drag settled while the residuals stayed above tolerance)"),
              std::string::npos)
        << text;
    const std::string warnings = model["warnings"].dump();
    EXPECT_NE(warnings.find("Not converged (forces are a mean over the last iterations; see drag_std_N): solo\""),
              std::string::npos)
        << warnings;
    EXPECT_NE(warnings.find("residuals stayed above tolerance (the ± iterative column holds the drag's interval and "
                            "drift): ahead-f1"),
              std::string::npos)
        << warnings;

    // A study at whose coarsest level this sweep ran, its triplet for ahead-f1 divergent one level up.
    auto m = cases::files::Manifest::read(path);
    m.config.dimension = 3;
    m.config.level = "coarse";
    m.write(path);
    table = post::SavingsTable::fromSweep(path);
    cases::study::ConvergenceFile study;
    study.levels = {"coarse", "medium", "fine"};
    auto& divergent = study.cases.emplace_back();
    divergent.name = "ahead-f1";
    divergent.formation = "ahead";
    divergent.status = "ok";
    divergent.savings.emplace();
    auto& medium = (*divergent.savings)["lead"].atLevel["medium"];
    medium.behaviour = "divergent";
    medium.gciBounded = std::nan("");
    table.attachGci(study, "S");
    report.gciStudy = "S";
    const std::string withStudy = report.model()["fidelity"]["text"];
    EXPECT_NE(withStudy.find("S gives none for this sweep's level and cases (not known); its triplet diverges for the "
                             "saving of ahead-f1, so no GCI bounds that error at any level"),
              std::string::npos)
        << withStudy;
}

// The Files section's first entry is the sweep's .pvd, one link with a title and an address (it
// once held two half-entries, the title's pair and the address's pair, as two empty bullets).
TEST(PostFollowup, TheFilesSectionLinksTheParaViewSweepAsOneEntry) {
    post::FlowSweepExport flow;
    flow.pvd = "flow/sweep.pvd";
    post::FlowCaseExport one;
    one.caseName = "solo";
    one.slice = "flow/solo/slice.vtp";
    one.surfaces = "flow/solo/surfaces.vtm";
    flow.cases.push_back(one);
    TempDir dir;
    const post::SavingsTable table = post::SavingsTable::fromSweep(sweep(dir));
    post::SweepReport report;
    report.table = &table;
    report.flow = &flow;
    {
        const auto links = report.model()["links"];
        ASSERT_TRUE(links.is_array());
        for (const auto& l : links) {
            ASSERT_TRUE(l.is_object()) << l.dump();
            EXPECT_FALSE(l.value("href", "").empty()) << l.dump();
            EXPECT_FALSE(l.value("title", "").empty()) << l.dump();
        }
        EXPECT_EQ(links.front()["href"], "flow/sweep.pvd");
    }
    // With the ParaView script, the formations' series and the echoed config: the script first,
    // then each series, then the whole sweep; the config among the tables.
    flow.script = "flow/open-in-paraview.py";
    flow.series.push_back({"solo", "flow/solo.pvd", "none", {0.0}, {"solo"}});
    flow.series.push_back({"ahead", "flow/ahead.pvd", "front_gap_m", {1.3, 2.0}, {"ahead-f1.3", "ahead-f2"}});
    report.configFile = "draft-cases.cfg";
    const auto links = report.model()["links"];
    std::vector<std::string> hrefs;
    for (const auto& l : links) hrefs.push_back(l.value("href", ""));
    EXPECT_EQ(std::vector<std::string>(hrefs.begin(), hrefs.begin() + 4),
              (std::vector<std::string>{"flow/open-in-paraview.py", "flow/solo.pvd", "flow/ahead.pvd", "flow/sweep.pvd"}));
    EXPECT_EQ(links[2]["title"], "ParaView: ahead, its time the front gap");
    EXPECT_EQ(links[1]["title"], "ParaView: solo (one case)");  // not "its time the none"
    EXPECT_NE(std::find(hrefs.begin(), hrefs.end(), "draft-cases.cfg"), hrefs.end());
}

// The report names the build, host, date and command that generated the cases, from manifest.json,
// with the command as a shell takes it back.
TEST(PostFollowup, TheReportSaysWhichBuildAndCommandMadeTheCases) {
    TempDir dir;
    const std::string path = sweep(dir);
    auto m = cases::files::Manifest::read(path);
    cases::files::Provenance p;
    p.tool = "draft-cases";
    p.version = "9.9.9";
    p.commit = "abc1234";
    p.openfoam = "v1912";
    p.host = "node<1>";
    p.date = "2026-11-27T03:00:00Z";
    p.command = {"draft-cases", "sweep", "my study.cfg", "-o", "runs/x", "--solver.note", "it's"};
    m.provenance = p;
    m.write(path);
    const auto read = cases::files::Manifest::read(path);
    ASSERT_TRUE(read.provenance.has_value());
    EXPECT_EQ(read.provenance->command, p.command);
    const post::SavingsTable table = post::SavingsTable::fromSweep(path);
    post::SweepReport report;
    report.table = &table;
    report.casesMadeBy = read.provenance;
    const auto model = report.model();
    EXPECT_EQ(model["cases_made_by"], "draft-cases 9.9.9 (git abc1234, OpenFOAM v1912) on node<1> at 2026-11-27T03:00:00Z");
    EXPECT_EQ(model["cases_command"], "draft-cases sweep 'my study.cfg' -o runs/x --solver.note 'it'\\''s'");
    TempDir out;
    post::ReportPage::write(model, out.path());
    const std::string html = readFile(out.path() + "/report.html");
    EXPECT_NE(html.find("Cases generated by draft-cases 9.9.9 (git abc1234, OpenFOAM v1912) on node&lt;1&gt;"),
              std::string::npos);
}

// A manifest whose provenance is not an object, or whose command holds a number, is refused with
// the field named; one without provenance (older than the field) reads as before.
TEST(PostFollowup, AMalformedProvenanceIsRefusedWithItsField) {
    TempDir dir;
    const std::string path = sweep(dir);
    auto j = common::JsonFile::read(path + "/manifest.json");
    EXPECT_FALSE(cases::files::Manifest::read(path).provenance.has_value());
    j["provenance"] = "yesterday";
    common::JsonFile::writeAtomic(path + "/manifest.json", j);
    try {
        cases::files::Manifest::read(path);
        FAIL() << "a string provenance was read";
    } catch (const common::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("provenance = '\"yesterday\"': not an object"), std::string::npos) << e.what();
    }
    j["provenance"] = {{"command", {"draft-cases", 3}}};
    common::JsonFile::writeAtomic(path + "/manifest.json", j);
    try {
        cases::files::Manifest::read(path);
        FAIL() << "a command with a number was read";
    } catch (const common::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("provenance.command"), std::string::npos) << e.what();
    }
}
