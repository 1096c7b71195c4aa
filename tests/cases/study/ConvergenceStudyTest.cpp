// The convergence study's reduction on four levels of manufactured results: ratios from the cells,
// both triplets, the GCI at each level, and the saving as a quantity of its own.
#include "common/Error.hpp"
#include "cases/files/CaseFile.hpp"
#include "cases/study/ConvergenceStudy.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

using namespace drafting;
using drafting::test::TempDir;

namespace {

const std::vector<std::string> kFour{"coarse", "medium", "fine", "extra-fine"};

// Cell size of level k relative to coarse: ratios 1.33, 1.34, 1.32 (what snappyHexMesh reaches).
double nominalSize(int k) {
    const double step[] = {1.0, 1.33, 1.34, 1.32};
    double h = 1.0;
    for (int i = 1; i <= k; ++i) h /= step[i];
    return h;
}

void writeCase(const std::string& sweep, const std::string& name, long cells, const nlohmann::json& drags) {
    const std::string dir = sweep + "/" + name;
    std::filesystem::create_directories(dir);
    nlohmann::json bodies = nlohmann::json::object();
    for (const auto& [body, d] : drags.items())
        bodies[body] = {{"drag_N", d}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01},
                        {"cda_m2", d.get<double>() / 26.5}, {"cd", d.get<double>() / 9.5}, {"reference_area_m2", 0.357}};
    // results.json's count is the owner file's; meshCheck.json's is the one the study uses.
    common::JsonFile::writeAtomic(dir + "/results.json",
                                 {{"case", name}, {"status", "ok"}, {"reason", ""}, {"iterations", 300},
                                  {"converged", true}, {"bodies", bodies},
                                  {"mesh", {{"cells", cells + 7}, {"dimension", 3}}}});
    common::JsonFile::writeAtomic(dir + "/meshCheck.json", {{"ok", true}, {"cells", cells}});
    drafting::cases::files::CaseFile caseFile;
    caseFile.name = name;
    caseFile.templateVersion = "5";
    caseFile.write(dir + "/case.json");
}

// Solo drag 7 + 20 h², the lead's saving 67 − 30 h² exactly (h from the ahead case's own cells),
// the pacer's drag 6.6 + 5 h².
struct Study {
    std::vector<double> hAhead;
    std::string dir;
};

Study writeStudy(const TempDir& tmp) {
    Study s;
    s.dir = tmp.path() + "/study";
    for (int k = 0; k < 4; ++k) {
        const std::string sweep = s.dir + "/" + kFour[k];
        std::filesystem::create_directories(sweep);
        cases::files::Manifest m;
        m.sweepName = "gci";
        m.config = cases::config::SweepConfig::parse("[run]\nspeed = 6.7\n[mesh]\ndimension = 3\nlevel = " + std::string(kFour[k]) + "\n");
        m.cases.push_back({"solo", {{"formation", "solo"}}, "ok", ""});
        m.cases.push_back({"ahead-f1.3", {{"formation", "ahead"}, {"front_gap_m", 1.3}}, "ok", ""});
        m.write(sweep);
        const long soloCells = std::lround(80000.0 / std::pow(nominalSize(k), 3));
        const long aheadCells = std::lround(120000.0 / std::pow(nominalSize(k), 3));
        const double hSolo = std::cbrt(80000.0 / soloCells), hAhead = std::cbrt(120000.0 / aheadCells);
        s.hAhead.push_back(hAhead);
        const double solo = 7.0 + 20.0 * hSolo * hSolo;
        const double saving = 67.0 - 30.0 * hAhead * hAhead;
        writeCase(sweep, "solo", soloCells, {{"lead", solo}});
        writeCase(sweep, "ahead-f1.3", aheadCells,
                  {{"lead", solo * (1.0 - saving / 100.0)}, {"pacer1", 6.6 + 5.0 * hAhead * hAhead}});
    }
    return s;
}

}  // namespace

TEST(ConvergenceStudy, LevelsMustBeThreeOrMoreConsecutive) {
    EXPECT_EQ(cases::study::ConvergenceStudy::parseLevels("coarse,medium,fine,extra-fine"), kFour);
    EXPECT_EQ(cases::study::ConvergenceStudy::parseLevels("medium, fine, extra-fine"),
              (std::vector<std::string>{"medium", "fine", "extra-fine"}));
    EXPECT_EQ(cases::study::ConvergenceStudy::defaultLevels(), (std::vector<std::string>{"coarse", "medium", "fine"}));
    for (const char* bad : {"coarse,medium", "coarse,fine,extra-fine", "fine,medium,coarse", "coarse,medium,ultra",
                            "coarse,medium,fine,", "", "coarse,coarse,medium"}) {
        try {
            cases::study::ConvergenceStudy::parseLevels(bad);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const common::InputError& e) {
            EXPECT_EQ(std::string(e.what()).rfind("--levels = '", 0), 0u) << e.what();
        }
    }
}

TEST(ConvergenceStudy, FourLevelsGiveTwoTripletsWithRatiosFromTheCells) {
    TempDir tmp;
    const Study s = writeStudy(tmp);
    const auto reduced = cases::study::ConvergenceStudy::reduce(s.dir, kFour);
    const auto study = reduced.toJson();
    EXPECT_EQ(study["format"], cases::study::ConvergenceFile::kFormat);
    EXPECT_EQ(study["template"], "5");
    ASSERT_EQ(study["triplets"].size(), 2u);
    EXPECT_EQ(study["triplets"][1], nlohmann::json({"medium", "fine", "extra-fine"}));
    const auto& ahead = study["cases"][1];
    ASSERT_EQ(ahead["case"], "ahead-f1.3");
    EXPECT_EQ(ahead["status"], "ok");
    EXPECT_EQ(ahead["formation"], "ahead");
    // The cells are meshCheck.json's, the ratios the cube roots of their quotients.
    const double cm = ahead["levels"]["medium"]["cells"].get<double>(), cf = ahead["levels"]["fine"]["cells"].get<double>();
    EXPECT_EQ(cm, std::lround(120000.0 / std::pow(nominalSize(1), 3)));
    EXPECT_NEAR(ahead["triplets"][0]["r21"].get<double>(), std::cbrt(cf / cm), 1e-12);
    EXPECT_NEAR(ahead["triplets"][0]["r21"].get<double>(), 1.34, 1e-4);
    EXPECT_FALSE(ahead["triplets"][0]["ratio_below_minimum"].get<bool>());

    // The solo drag: second order towards 7 N in both triplets.
    const auto& solo = study["cases"][0];
    EXPECT_FALSE(solo.contains("savings"));
    for (const auto& t : solo["bodies"]["lead"]["triplets"]) {
        EXPECT_NEAR(t["estimate"]["order"].get<double>(), 2.0, 1e-6);
        EXPECT_NEAR(t["estimate"]["extrapolated"].get<double>(), 7.0, 1e-9);
    }

    // The saving: its own order and extrapolation, GCIs in points.
    const auto& saving = ahead["savings"]["lead"];
    ASSERT_EQ(saving["triplets"].size(), 2u);
    for (const auto& t : saving["triplets"]) {
        EXPECT_EQ(t["estimate"]["behaviour"], "monotonic");
        EXPECT_NEAR(t["estimate"]["order"].get<double>(), 2.0, 1e-6);
        EXPECT_NEAR(t["estimate"]["extrapolated"].get<double>(), 67.0, 1e-8);
        EXPECT_TRUE(t["estimate"].contains("gci_fine_bounded_abs"));
        EXPECT_FALSE(t["estimate"].contains("gci_fine"));  // a relative GCI of a saving means nothing
    }
    EXPECT_NEAR(saving["saving_pct"]["fine"].get<double>(), 67.0 - 30.0 * s.hAhead[2] * s.hAhead[2], 1e-9);

    // The GCI at each level, from the finest triplet that holds it; an exact power law makes it
    // Fs × the true error of that level, 1.25 × 30 h².
    const auto& at = saving["at_level"];
    EXPECT_FALSE(at.contains("coarse"));
    EXPECT_EQ(at["medium"]["triplet"], nlohmann::json({"coarse", "medium", "fine"}));
    EXPECT_EQ(at["medium"]["role"], "medium");
    EXPECT_EQ(at["fine"]["triplet"], nlohmann::json({"medium", "fine", "extra-fine"}));
    EXPECT_EQ(at["fine"]["role"], "medium");
    ASSERT_EQ(at["fine"]["others"].size(), 1u);
    EXPECT_EQ(at["fine"]["others"][0]["role"], "fine");
    EXPECT_EQ(at["extra-fine"]["role"], "fine");
    for (int k = 1; k < 4; ++k) {
        const auto& a = at[kFour[k]];
        EXPECT_NEAR(a["gci_abs"].get<double>(), 1.25 * 30.0 * s.hAhead[k] * s.hAhead[k], 1e-6) << kFour[k];
        EXPECT_NEAR(a["gci_bounded_abs"].get<double>(), a["gci_abs"].get<double>(), 1e-5 * a["gci_abs"].get<double>());
    }
    // The pacer's own saving and drag are reduced too; drag GCIs are relative.
    EXPECT_TRUE(ahead["savings"]["pacer1"]["at_level"]["fine"]["gci_bounded_abs"].is_number());
    EXPECT_NEAR(ahead["bodies"]["pacer1"]["at_level"]["fine"]["gci"].get<double>(),
                1.25 * 5.0 * s.hAhead[2] * s.hAhead[2] / (6.6 + 5.0 * s.hAhead[2] * s.hAhead[2]), 1e-6);

    // Both files written; the file reads back to the same study; the table shows the saving rows.
    EXPECT_EQ(common::JsonFile::read(s.dir + "/convergence.json"), study);
    EXPECT_EQ(cases::study::ConvergenceFile::fromJson(study, "S", common::JsonFields::Source::run).toJson(), study);
    const std::string csv = test::readFile(s.dir + "/convergence.csv");
    EXPECT_NE(csv.find("ahead-f1.3,saving_pct,lead,medium/fine/extra-fine,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",points\n"), std::string::npos);
    const std::string table = cases::study::ConvergenceStudy::table(reduced);
    EXPECT_NE(table.find("saving"), std::string::npos) << table;
    EXPECT_NE(table.find("m/f/xf"), std::string::npos) << table;
}

TEST(ConvergenceStudy, AMissingLevelLeavesTheOtherTripletAndSaysSo) {
    TempDir tmp;
    const Study s = writeStudy(tmp);
    std::filesystem::remove(s.dir + "/extra-fine/ahead-f1.3/results.json");
    const auto study = cases::study::ConvergenceStudy::reduce(s.dir, kFour).toJson();
    const auto& ahead = study["cases"][1];
    EXPECT_EQ(ahead["status"], "partial");
    EXPECT_NE(ahead["reason"].get<std::string>().find("extra-fine: not run"), std::string::npos);
    const auto& at = ahead["savings"]["lead"]["at_level"];
    // fine now comes from the only triplet left, where it is the finest grid.
    EXPECT_EQ(at["fine"]["triplet"], nlohmann::json({"coarse", "medium", "fine"}));
    EXPECT_EQ(at["fine"]["role"], "fine");
    EXPECT_FALSE(at.contains("extra-fine"));
    EXPECT_EQ(study["cases"][0]["status"], "ok");

    // A level not run yet is pending, not failed: a study interrupted mid-level says so.
    const std::string fine = s.dir + "/fine/ahead-f1.3/results.json", medium = s.dir + "/medium/ahead-f1.3/results.json";
    const auto fineResult = common::JsonFile::read(fine), mediumResult = common::JsonFile::read(medium);
    std::filesystem::remove(fine);
    const auto waiting = cases::study::ConvergenceStudy::reduce(s.dir, kFour);
    EXPECT_EQ(waiting.cases[1].status, "pending") << waiting.toJson()["cases"][1].dump();
    // Pending levels and undefined triplets read back as written.
    EXPECT_EQ(cases::study::ConvergenceFile::fromJson(waiting.toJson(), "S", common::JsonFields::Source::run).toJson(),
              waiting.toJson());
    EXPECT_EQ(waiting.cases[1].levels.at("fine").status, "pending");
    EXPECT_EQ(waiting.cases[1].levels.at("medium").status, "ok");
    EXPECT_NE(cases::study::ConvergenceStudy::table(waiting).find("ahead-f1.3: pending (fine: not run"), std::string::npos)
        << cases::study::ConvergenceStudy::table(waiting);
    // ... and a level that failed makes it failed.
    auto broken = mediumResult;
    broken["status"] = "failed";
    broken["reason"] = "draftFoam exited with code 1";
    common::JsonFile::writeAtomic(medium, broken);
    EXPECT_EQ(cases::study::ConvergenceStudy::reduce(s.dir, kFour).cases[1].status, "failed");
    common::JsonFile::writeAtomic(fine, fineResult);
    common::JsonFile::writeAtomic(medium, mediumResult);

    // Three levels only: the old study, one triplet.
    const auto three = cases::study::ConvergenceStudy::reduce(s.dir, {"coarse", "medium", "fine"}).toJson();
    EXPECT_EQ(three["triplets"].size(), 1u);
    EXPECT_EQ(three["cases"][1]["status"], "ok");
    // Nothing at all to reduce is bad input.
    EXPECT_THROW(cases::study::ConvergenceStudy::reduce(tmp.path() + "/nothing", kFour), common::InputError);
}

TEST(ConvergenceStudy, ANonPhysicalOrForeignResultFailsItsLevelAndNeverEntersTheGci) {
    TempDir tmp;
    const Study s = writeStudy(tmp);
    // A drag coefficient of 50 on the fine ahead case: the savings table would refuse it, so must the study.
    const std::string fine = s.dir + "/fine/ahead-f1.3/results.json";
    auto j = common::JsonFile::read(fine);
    j["bodies"]["lead"]["cd"] = 50.0;
    common::JsonFile::writeAtomic(fine, j);
    // The medium solo case holds another case's results (a copied file).
    const std::string medium = s.dir + "/medium/solo/results.json";
    auto copied = common::JsonFile::read(medium);
    copied["case"] = "ahead-f1.3";
    common::JsonFile::writeAtomic(medium, copied);

    const auto study = cases::study::ConvergenceStudy::reduce(s.dir, kFour).toJson();
    const auto& ahead = study["cases"][1];
    EXPECT_EQ(ahead["levels"]["fine"]["status"], "failed");
    EXPECT_NE(ahead["levels"]["fine"]["reason"].get<std::string>().find("non-physical drag on lead: Cd = 50"),
              std::string::npos)
        << ahead["levels"]["fine"]["reason"];
    // Both triplets contain the fine level: no saving is extrapolated from it.
    EXPECT_FALSE(ahead["savings"]["lead"]["at_level"].contains("fine"));
    const auto& solo = study["cases"][0];
    EXPECT_EQ(solo["levels"]["medium"]["status"], "failed");
    EXPECT_NE(solo["levels"]["medium"]["reason"].get<std::string>().find("not its folder's case"), std::string::npos)
        << solo["levels"]["medium"]["reason"];
}

TEST(ConvergenceStudy, ARunnerPushedForwardFailsItsLevelAndNeverEntersTheGci) {
    TempDir tmp;
    const Study s = writeStudy(tmp);
    // The extra-fine pacer pushed forward (a consistent negative drag): a saving above 100 %.
    const std::string extraFine = s.dir + "/extra-fine/ahead-f1.3/results.json";
    auto j = common::JsonFile::read(extraFine);
    j["bodies"]["pacer1"]["drag_N"] = -0.5;
    j["bodies"]["pacer1"]["cd"] = -0.5 / 9.5;
    j["bodies"]["pacer1"]["cda_m2"] = -0.5 / 26.5;
    common::JsonFile::writeAtomic(extraFine, j);

    const auto study = cases::study::ConvergenceStudy::reduce(s.dir, kFour).toJson();
    const auto& ahead = study["cases"][1];
    EXPECT_EQ(ahead["levels"]["extra-fine"]["status"], "failed");
    EXPECT_NE(ahead["levels"]["extra-fine"]["reason"].get<std::string>().find(
                  "non-physical drag on pacer1: drag_N = -0.5 is not positive"),
              std::string::npos)
        << ahead["levels"]["extra-fine"]["reason"];
    // Only the first triplet (coarse, medium, fine) is left for either runner's saving.
    for (const char* body : {"lead", "pacer1"}) {
        EXPECT_FALSE(ahead["savings"][body]["at_level"].contains("extra-fine")) << body;
        EXPECT_FALSE(ahead["savings"][body]["saving_pct"].contains("extra-fine")) << body;
    }
}

TEST(ConvergenceStudy, ALevelFolderTakesTheStudysGciOnlyWhenItsManifestSaysItIsALevel) {
    TempDir tmp;
    const Study s = writeStudy(tmp);
    cases::study::ConvergenceStudy::reduce(s.dir, kFour);
    const std::string medium = s.dir + "/medium";
    int outputs = 0;
    auto gciSource = [&] {
        const std::string out = tmp.path() + "/post" + std::to_string(++outputs);
        const auto post = drafting::test::runCommand({DRAFT_POST_BIN, medium, "-o", out, "--no-plot"});
        EXPECT_EQ(post.exitCode, 0) << post.out << post.err;
        return common::JsonFile::read(out + "/savings.json")["rows"][1]["saving_gci_source"].get<std::string>();
    };
    const std::string fromStudy = "study " + s.dir + " level medium, case ahead-f1.3";
    // Written today without the mark: a sweep of its own, whatever its folder is called.
    EXPECT_EQ(cases::files::Manifest::read(medium).schema, 2);
    EXPECT_EQ(gciSource().rfind("none: no convergence study", 0), 0u);
    // draft-cases convergence marks each level.
    auto manifest = cases::files::Manifest::read(medium);
    manifest.studyLevel = "medium";
    manifest.write(medium);
    EXPECT_EQ(common::JsonFile::read(medium + "/manifest.json")["study"], nlohmann::json({{"level", "medium"}}));
    EXPECT_EQ(gciSource(), fromStudy);
    // A manifest from before the mark (no schema) is judged by its folder's name, as then.
    auto old = common::JsonFile::read(medium + "/manifest.json");
    old.erase("schema");
    old.erase("study");
    common::JsonFile::writeAtomic(medium + "/manifest.json", old);
    EXPECT_EQ(cases::files::Manifest::read(medium).schema, 1);
    EXPECT_EQ(gciSource(), fromStudy);

    // A schema this tool does not know, or a study level that is no name: one line, the field.
    for (const auto& [key, value, field] : std::vector<std::tuple<std::string, nlohmann::json, std::string>>{
             {"schema", 3, "schema = '3'"},
             {"schema", "2", "schema = '\"2\"'"},
             {"study", {{"level", "../x"}}, "study.level = '\"../x\"': not a level name"},
             {"study", "medium", "study = '\"medium\"': not an object"}}) {
        auto bad = old;
        bad[key] = value;
        common::JsonFile::writeAtomic(medium + "/manifest.json", bad);
        try {
            cases::files::Manifest::read(medium);
            ADD_FAILURE() << key << " = " << value.dump() << " was accepted";
        } catch (const common::InputError& e) {
            EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
        }
    }
}
