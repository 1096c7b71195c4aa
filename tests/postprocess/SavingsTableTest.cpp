// The savings table: every body with its error bars, the GCI and model-form spread attached only where their studies ran.
#include "cases/files/CaseFile.hpp"
#include "common/Error.hpp"
#include "cases/study/ConvergenceStudy.hpp"
#include "cases/files/Manifest.hpp"
#include "common/JsonFile.hpp"
#include "postprocess/ModelFormFile.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsTable.hpp"
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

TEST(SavingsTable, EveryBodyAndItsErrorBar) {
    TempDir dir;
    const auto table = post::SavingsTable::fromSweep(exactSweep(dir));
    const auto& row = table.rows()[1];
    ASSERT_EQ(row.bodies.size(), 2u);
    EXPECT_EQ(row.bodies[0].body, "lead");
    EXPECT_EQ(row.bodies[1].body, "pacer1");
    EXPECT_NEAR(*row.bodies[1].savingPct, 100.0 * (1 - 6.8 / 7.0), 1e-9);
    // 95 % half-widths of 0.02 N on both drags, in quadrature, as points of saving.
    const double lead = *row.dragLead;
    EXPECT_NEAR(*row.savingCi95Pct, 100.0 * lead / 7.0 * std::hypot(0.02 / lead, 0.02 / 7.0), 1e-9);
    table.writeBodiesCsv(dir.path() + "/bodies.csv");
    const std::string csv = test::readFile(dir.path() + "/bodies.csv");
    EXPECT_NE(csv.find(",pacer1,6.8,0.02,7,"), std::string::npos) << csv;
}

TEST(SavingsTable, TheIterativeErrorBarHoldsTheDriftOfTheMean) {
    // A mean still creeping is an uncertainty the 95 % interval cannot see: runnerDrag's drift of
    // each drag joins its interval in quadrature (saving_iter_pct); without a drift the two agree.
    TempDir dir;
    exactSweep(dir);
    auto addDrift = [&](const std::string& name, double drift) {
        const std::string path = dir.path() + "/" + name + "/results.json";
        auto j = common::JsonFile::read(path);
        j["bodies"]["lead"]["drag_mean_drift_N"] = drift;
        common::JsonFile::writeAtomic(path, j);
    };
    addDrift("solo", 0.07);
    addDrift("ahead-f" + std::to_string(1.3), 0.03);
    const auto table = post::SavingsTable::fromSweep(dir.path());
    const post::SavingsRow* row = nullptr;
    const post::SavingsRow* still = nullptr;
    for (const auto& r : table.rows()) {
        if (r.frontGap && std::abs(*r.frontGap - 1.3) < 1e-9) row = &r;
        if (r.frontGap && std::abs(*r.frontGap - 2.0) < 1e-9) still = &r;
    }
    ASSERT_TRUE(row && still);
    const double lead = *row->dragLead;
    EXPECT_NEAR(*row->dragLeadDrift, 0.03, 1e-12);
    EXPECT_NEAR(*row->savingIterPct,
                100.0 * lead / 7.0 * std::hypot(std::hypot(0.02, 0.03) / lead, std::hypot(0.02, 0.07) / 7.0), 1e-9);
    EXPECT_GT(*row->savingIterPct, *row->savingCi95Pct);
    // The 2.0 m case has no drift of its own, but the solo baseline's still counts.
    const double far = *still->dragLead;
    EXPECT_NEAR(*still->savingIterPct, 100.0 * far / 7.0 * std::hypot(0.02 / far, std::hypot(0.02, 0.07) / 7.0), 1e-9);
    table.writeCsv(dir.path() + "/savings.csv");
    const std::string csv = test::readFile(dir.path() + "/savings.csv");
    EXPECT_NE(csv.find("drag_lead_drift_N,saving_iter_pct,"), std::string::npos) << csv;
}

namespace {

// exactSweep at a mesh level, its cases written with template 5.
std::string sweepAtLevel(const TempDir& dir, const std::string& level) {
    const std::string sweep = exactSweep(dir);
    auto m = cases::files::Manifest::read(sweep);
    m.config.dimension = 3;
    m.config.level = level;
    m.write(sweep);
    for (const auto& c : m.cases) {
        cases::files::CaseFile caseFile;
        caseFile.name = c.name;
        caseFile.templateVersion = "5";
        caseFile.write(sweep + "/" + c.name + "/case.json");
    }
    return sweep;
}

// A study case whose lead (and pacer) saving has this bounded GCI at each level given (null: the
// triplet diverges there).
cases::study::ConvergenceFile::Case studyCase(const std::string& name, const std::string& formation,
                                       const nlohmann::json& leadAt, const nlohmann::json& pacerAt = nullptr) {
    auto quantity = [](const nlohmann::json& at) {
        cases::study::ConvergenceFile::Quantity q;
        for (const auto& [level, gci] : at.items()) {
            auto& g = q.atLevel[level];
            g.behaviour = gci.is_null() ? "divergent" : "monotonic";
            g.gciBounded = gci.is_null() ? std::nan("") : gci.get<double>();
        }
        return q;
    };
    cases::study::ConvergenceFile::Case c;
    c.name = name;
    c.formation = formation;
    c.status = "ok";
    c.savings.emplace();
    (*c.savings)["lead"] = quantity(leadAt);
    if (!pacerAt.is_null()) (*c.savings)["pacer1"] = quantity(pacerAt);
    return c;
}

cases::study::ConvergenceFile study(const std::vector<cases::study::ConvergenceFile::Case>& caseList, const std::string& templ = "5") {
    cases::study::ConvergenceFile s;
    s.levels = {"coarse", "medium", "fine"};
    s.templateVersion = templ;
    s.cases = caseList;
    return s;
}

const post::SavingsRow& rowOf(const post::SavingsTable& t, const std::string& name) {
    for (const auto& r : t.rows())
        if (r.caseName == name) return r;
    throw std::runtime_error("no row " + name);
}

// A model-form study (scripts/study.sh model-form) at `level` holding one case's spread.
post::ModelFormFile modelFormStudy(const std::string& level, const std::string& caseName, const nlohmann::json& moves,
                                   const nlohmann::json& pending = nlohmann::json::array(),
                                   const nlohmann::json& templ = "5") {
    double largest = 0.0;
    for (const auto& [v, m] : moves.items()) largest = std::max(largest, std::fabs(m.get<double>()));
    return post::ModelFormFile::fromJson(
        {{"study", "model-form"},
         {"level", level},
         {"template", templ},
         {"spread", {{caseName, {{"saving_base_pct", 65.0}, {"moves_pts", moves}, {"model_form_pts", largest},
                                 {"variants_pending", pending}}}}}},
        "S");
}

// A case's results.json with this status and lead drag (reason "diverged" when not ok).
void writeResult(const std::string& dir, const std::string& name, const std::string& status, double leadDrag) {
    std::filesystem::create_directories(dir + "/" + name);
    const nlohmann::json lead = {{"drag_N", leadDrag}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01},
                                 {"cda_m2", leadDrag / 26.5}, {"cd", 0.9}, {"reference_area_m2", 0.365}};
    nlohmann::json r = {{"case", name}, {"status", status}, {"reason", status == "ok" ? "" : "diverged"},
                        {"iterations", 500}, {"converged", true}, {"bodies", {{"lead", lead}}}};
    common::JsonFile::writeAtomic(dir + "/" + name + "/results.json", r);
}

// A manifest of these cases (name, parameters) at 6.7 m/s, every case ok.
cases::files::Manifest manifestWith(const std::vector<std::pair<std::string, nlohmann::json>>& caseList) {
    cases::files::Manifest m;
    m.sweepName = "t";
    m.config = cases::config::SweepConfig::parse("[run]\nspeed = 6.7\n");
    for (const auto& [name, params] : caseList) m.cases.push_back({name, params, "ok", ""});
    return m;
}

}  // namespace

TEST(SavingsTable, TheSavingsGciComesFromTheStudyAtTheSweepsOwnLevel) {
    TempDir dir;
    auto table = post::SavingsTable::fromSweep(sweepAtLevel(dir, "medium"));
    EXPECT_EQ(table.level(), "medium");
    const std::string own = "ahead-f" + std::to_string(1.3), other = "ahead-f" + std::to_string(0.8);
    // Without a study: nothing, and why.
    EXPECT_FALSE(rowOf(table, own).savingGciPct.has_value());
    EXPECT_FALSE(rowOf(table, own).savingTotalPct.has_value());
    EXPECT_EQ(rowOf(table, own).savingGciSource.rfind("none: no convergence study", 0), 0u);

    const auto s = study({studyCase(own, "ahead", {{"medium", 1.5}, {"fine", 0.4}}, {{"medium", 0.7}, {"fine", 0.2}}),
                          studyCase("ahead-f2", "ahead", {{"medium", 0.9}, {"fine", 0.3}})});
    EXPECT_EQ(table.attachGci(s, "docs/studies/mesh-x.json"), 5);
    const auto& row = rowOf(table, own);
    ASSERT_TRUE(row.savingGciPct.has_value());
    EXPECT_DOUBLE_EQ(*row.savingGciPct, 1.5);  // the medium level's, not the fine one's
    EXPECT_EQ(row.savingGciSource, "study docs/studies/mesh-x.json level medium, case " + own);
    EXPECT_NEAR(*row.savingTotalPct, std::hypot(*row.savingIterPct, 1.5), 1e-12);
    ASSERT_EQ(row.bodies.size(), 2u);
    EXPECT_DOUBLE_EQ(*row.bodies[1].savingGciPct, 0.7);  // the pacer's own saving
    EXPECT_NEAR(*row.bodies[1].savingTotalPct, std::hypot(*row.bodies[1].savingIterPct, 0.7), 1e-12);
    // A case the study does not hold takes the largest GCI of its formation, and says so.
    const auto& moved = rowOf(table, other);
    EXPECT_DOUBLE_EQ(*moved.savingGciPct, 1.5);
    EXPECT_NE(moved.savingGciSource.find("case " + own + " (this case is not in the study: the largest of its 2 ahead"),
              std::string::npos)
        << moved.savingGciSource;
    EXPECT_DOUBLE_EQ(*rowOf(table, "solo").savingGciPct, 0.0);
    EXPECT_EQ(rowOf(table, "solo").savingGciSource, "solo baseline: its saving is 0 by definition");

    table.writeCsv(dir.path() + "/savings.csv");
    const std::string csv = test::readFile(dir.path() + "/savings.csv");
    EXPECT_NE(csv.find("drag_lead_drift_N,saving_iter_pct,saving_gci_source,saving_total_pct,saving_model_pct,"
                       "saving_model_source,saving_all_pct,pacer_height_m\n"),
              std::string::npos);
    EXPECT_NE(csv.find(",1.5,"), std::string::npos) << csv;
    table.writeBodiesCsv(dir.path() + "/bodies.csv");
    EXPECT_NE(test::readFile(dir.path() + "/bodies.csv")
                  .find("saving_iter_pct,saving_gci_source,saving_total_pct,saving_model_pct,saving_model_source,"
                        "saving_all_pct,height_m,stride_phase\n"),
              std::string::npos);
    const auto json = table.toJson();
    EXPECT_EQ(json["discretisation_study"], "docs/studies/mesh-x.json");
    EXPECT_EQ(json["rows"][3]["saving_gci_source"], row.savingGciSource);
}

TEST(SavingsTable, NoGciFromAnotherLevelFormationOrTemplate) {
    const std::string own = "ahead-f" + std::to_string(1.3);
    const auto s = study({studyCase(own, "ahead", {{"medium", 1.5}, {"fine", 0.4}})});
    auto sourceAt = [&](const std::string& level, const cases::study::ConvergenceFile& st) {
        TempDir dir;
        auto table = post::SavingsTable::fromSweep(sweepAtLevel(dir, level));
        EXPECT_EQ(table.attachGci(st, "S"), 0) << level;
        const auto& row = rowOf(table, own);
        EXPECT_FALSE(row.savingGciPct.has_value());
        EXPECT_FALSE(row.savingTotalPct.has_value());
        EXPECT_FALSE(row.bodies[0].savingGciPct.has_value());
        return row.savingGciSource;
    };
    // Not a level of the study, or its coarsest: none, never the nearest level's.
    EXPECT_EQ(sourceAt("extra-fine", s), "none: level extra-fine not in study S");
    // At the coarsest, what the study says one level up about the same case: its GCI there, or why none.
    EXPECT_EQ(sourceAt("coarse", s),
              "none: level coarse is the coarsest of study S (no GCI of its own); at medium its bounded GCI is 1.50 points");
    EXPECT_EQ(sourceAt("coarse", study({studyCase(own, "ahead", {{"medium", nullptr}})})),
              "none: level coarse is the coarsest of study S (no GCI of its own); its case there has no saving GCI at "
              "level medium (divergent)");
    // Another formation only.
    EXPECT_EQ(sourceAt("medium", study({studyCase("behind-b1", "behind", {{"medium", 0.3}})})),
              "none: no ahead case with a saving GCI at level medium in study S");
    // Another case template: the study's cases are not these.
    EXPECT_EQ(sourceAt("medium", study({studyCase(own, "ahead", {{"medium", 1.5}})}, "4")),
              "none: case template 5, study S template 4 (the cases differ: run the study again)");
    // This case in the study without a GCI at the level: none, not another case's.
    EXPECT_EQ(sourceAt("medium", study({studyCase(own, "ahead", {{"medium", nullptr}}),
                                        studyCase("ahead-f2", "ahead", {{"medium", 0.9}})})),
              "none: study S case " + own + " has no saving GCI at level medium (divergent)");
    // Nor carried to a case the study does not hold when one of its formation has none.
    {
        TempDir dir;
        auto table = post::SavingsTable::fromSweep(sweepAtLevel(dir, "medium"));
        table.attachGci(study({studyCase(own, "ahead", {{"medium", nullptr}}), studyCase("ahead-f2", "ahead", {{"medium", 0.9}})}),
                        "S");
        EXPECT_EQ(rowOf(table, "ahead-f" + std::to_string(0.8)).savingGciSource,
                  "none: this case is not in study S, and its ahead case " + own +
                      " has no saving GCI at level medium (divergent)");
    }
    // A study directory whose convergence.json cannot be read (an older format): none, and why.
    {
        TempDir dir;
        auto table = post::SavingsTable::fromSweep(sweepAtLevel(dir, "medium"));
        table.attachNoGci("'S/convergence.json': format: missing", "S");
        EXPECT_EQ(rowOf(table, own).savingGciSource, "none: 'S/convergence.json': format: missing");
        EXPECT_FALSE(rowOf(table, own).savingGciPct.has_value());
        EXPECT_EQ(table.gciStudy(), "S");
    }
}

TEST(SavingsTable, TheModelFormSpreadIsAttachedOnlyToTheCaseTheStudyRanAtItsLevel) {
    TempDir dir;
    auto table = post::SavingsTable::fromSweep(sweepAtLevel(dir, "medium"));
    const std::string own = "ahead-f" + std::to_string(1.3), other = "ahead-f" + std::to_string(0.8);
    // Without a study: nothing, and why; the bar is the numerical one.
    EXPECT_FALSE(rowOf(table, own).savingModelPct.has_value());
    EXPECT_EQ(rowOf(table, own).savingModelSource, "none: no model-form study (draft-post --model-form FILE)");
    EXPECT_DOUBLE_EQ(rowOf(table, own).errorBarPct(), rowOf(table, own).numericalErrorPct());

    table.attachGci(study({studyCase(own, "ahead", {{"medium", 1.5}})}), "G");
    EXPECT_EQ(table.attachModelForm(modelFormStudy("medium", own, {{"low-re", 0.8}, {"urans", -2.5}}), "M"), 1);
    const auto& row = rowOf(table, own);
    ASSERT_TRUE(row.savingModelPct.has_value());
    EXPECT_DOUBLE_EQ(*row.savingModelPct, 2.5);  // the largest move, whatever its sign
    EXPECT_FALSE(row.savingModelPartial);
    EXPECT_EQ(row.savingModelSource, "study M level medium, case " + own +
                                         ": the largest move of the saving from the study's model (low-re +0.80, "
                                         "urans -2.50 points)");
    EXPECT_NEAR(*row.savingAllPct, std::sqrt(*row.savingIterPct * *row.savingIterPct + 1.5 * 1.5 + 2.5 * 2.5), 1e-12);
    EXPECT_NEAR(row.errorBarPct(), *row.savingAllPct, 1e-12);
    EXPECT_NEAR(row.numericalErrorPct(), *row.savingTotalPct, 1e-12);  // what the fit weighs by
    // The lead's body row has it; a pacer's saving was not in the study.
    EXPECT_DOUBLE_EQ(*row.bodies[0].savingModelPct, 2.5);
    EXPECT_FALSE(row.bodies[1].savingModelPct.has_value());
    EXPECT_EQ(row.bodies[1].savingModelSource, "none: a model-form study measures the lead's saving only");
    // Another gap of the same formation: not carried over.
    EXPECT_FALSE(rowOf(table, other).savingModelPct.has_value());
    EXPECT_EQ(rowOf(table, other).savingModelSource, "none: case " + other + " is not in study M (it holds " + own + ")");
    EXPECT_DOUBLE_EQ(*rowOf(table, "solo").savingModelPct, 0.0);
    // Without a GCI the all-in bar is unknown, and the plot's bar shows what is known.
    {
        TempDir d2;
        auto t2 = post::SavingsTable::fromSweep(sweepAtLevel(d2, "medium"));
        t2.attachModelForm(modelFormStudy("medium", own, {{"urans", 2.0}}, {"low-re"}), "M");
        const auto& r2 = rowOf(t2, own);
        EXPECT_FALSE(r2.savingAllPct.has_value());
        EXPECT_TRUE(r2.savingModelPartial);
        EXPECT_NE(r2.savingModelSource.find("; a lower bound: not run yet or failed: low-re"), std::string::npos)
            << r2.savingModelSource;
        EXPECT_NEAR(r2.errorBarPct(), std::hypot(*r2.savingIterPct, 2.0), 1e-12);
        t2.writeCsv(d2.path() + "/savings.csv");
        EXPECT_NE(test::readFile(d2.path() + "/savings.csv").find(",2,\"study M level medium"), std::string::npos);
        EXPECT_EQ(t2.toJson()["model_form_study"], "M");
        EXPECT_EQ(t2.toJson()["rows"][3]["saving_model_lower_bound"], true);
    }
    // Another level or case template: none, and why.
    auto sourceAt = [&](const std::string& level, const post::ModelFormFile& st) {
        TempDir d;
        auto t = post::SavingsTable::fromSweep(sweepAtLevel(d, level));
        EXPECT_EQ(t.attachModelForm(st, "M"), 0);
        EXPECT_FALSE(rowOf(t, own).savingModelPct.has_value());
        return rowOf(t, own).savingModelSource;
    };
    EXPECT_EQ(sourceAt("medium", modelFormStudy("coarse", own, {{"urans", 2.0}})),
              "none: study M is at level coarse, this sweep at medium (a model's effect is measured at one level and "
              "not carried to another)");
    EXPECT_EQ(sourceAt("medium", modelFormStudy("medium", own, {{"urans", 2.0}}, nlohmann::json::array(), "4")),
              "none: case template 5, study M template 4 (the cases differ: run the study again)");
    // A 2D section has the same level and case names: a study of 3D runners says nothing of it.
    {
        TempDir d;
        const std::string sweep = sweepAtLevel(d, "medium");
        auto m = cases::files::Manifest::read(sweep);
        m.config.dimension = 2;
        m.write(sweep);
        auto t = post::SavingsTable::fromSweep(sweep);
        EXPECT_EQ(t.attachModelForm(modelFormStudy("medium", own, {{"urans", 2.0}}), "M"), 0);
        EXPECT_EQ(rowOf(t, own).savingModelSource, "none: study M is of 3D runners, this sweep is 2D");
    }
    // A case the study has not finished under any other model yet says so.
    {
        TempDir d;
        auto t = post::SavingsTable::fromSweep(sweepAtLevel(d, "medium"));
        auto st = modelFormStudy("medium", own, {{"urans", 2.0}});
        st.pending = {"urans/" + other, "urans/solo"};
        t.attachModelForm(st, "M");
        EXPECT_EQ(rowOf(t, other).savingModelSource,
                  "none: no other model has finished case " + other + " in study M yet (not run yet: urans)");
    }
}

TEST(SavingsTable, SavingIsRelativeToSolo) {
    TempDir dir;
    const auto m = manifestWith({{"solo", {{"formation", "solo"}}},
                                 {"ahead-f1", {{"formation", "ahead"}, {"front_gap_m", 1.0}}},
                                 {"behind-b1", {{"formation", "behind"}, {"back_gap_m", 1.0}}}});
    m.write(dir.path());
    writeResult(dir.path(), "solo", "ok", 10.0);
    writeResult(dir.path(), "ahead-f1", "ok", 4.0);
    writeResult(dir.path(), "behind-b1", "ok", 9.5);
    const auto t = post::SavingsTable::fromSweep(dir.path());
    ASSERT_EQ(t.rows().size(), 3u);
    EXPECT_DOUBLE_EQ(t.soloDrag(), 10.0);
    EXPECT_NEAR(*t.rows()[0].savingPct, 0.0, 1e-12);
    EXPECT_NEAR(*t.rows()[1].savingPct, 60.0, 1e-12);
    EXPECT_NEAR(*t.rows()[2].savingPct, 5.0, 1e-12);
    EXPECT_FALSE(t.rows()[2].frontGap.has_value());
}

TEST(SavingsTable, FailedAndMissingCasesAreListedWithReasonAndNoNumbers) {
    TempDir dir;
    const auto m = manifestWith({{"solo", {{"formation", "solo"}}},
                                 {"a", {{"formation", "ahead"}, {"front_gap_m", 1.0}}},
                                 {"b", {{"formation", "ahead"}, {"front_gap_m", 2.0}}}});
    m.write(dir.path());
    writeResult(dir.path(), "solo", "ok", 10.0);
    writeResult(dir.path(), "a", "failed", 4.0);
    const auto t = post::SavingsTable::fromSweep(dir.path());
    EXPECT_EQ(t.rows()[1].status, "failed");
    EXPECT_EQ(t.rows()[1].reason, "diverged");
    EXPECT_FALSE(t.rows()[1].savingPct.has_value());
    EXPECT_EQ(t.rows()[2].status, "failed");
    EXPECT_NE(t.rows()[2].reason.find("no results.json"), std::string::npos);

    t.writeCsv(dir.path() + "/savings.csv");
    const std::string csv = test::readFile(dir.path() + "/savings.csv");
    EXPECT_EQ(csv.rfind("case,formation,front_gap_m,back_gap_m,lateral_m,speed_mps,drag_lead_N,drag_solo_N,saving_pct",
                        0),
              0u);
    EXPECT_NE(csv.find("a,ahead,1,,,6.7,,10,,,true,failed,diverged"), std::string::npos) << csv;
}

TEST(SavingsTable, NoSoloBaselineIsBadInput) {
    // The manifest's fault, not the machine's: exit 1 (PostSanity has the message).
    TempDir dir;
    manifestWith({{"a", {{"formation", "ahead"}, {"front_gap_m", 1.0}}}}).write(dir.path());
    writeResult(dir.path(), "a", "ok", 4.0);
    EXPECT_THROW(post::SavingsTable::fromSweep(dir.path()), common::InputError);
}

TEST(SavingsTable, FailedSoloIsAnError) {
    TempDir dir;
    manifestWith({{"solo", {{"formation", "solo"}}}}).write(dir.path());
    writeResult(dir.path(), "solo", "failed", 10.0);
    EXPECT_THROW(post::SavingsTable::fromSweep(dir.path()), post::PostError);
}

// Pacers of their own size (issue 16): a row carries their height, the plots and fits split their
// series by it, and a pacer of another size has no saving against her solo drag.
TEST(SavingsTable, PacersOfTheirOwnSizeSplitTheSeriesAndHaveNoSavingOfTheirOwn) {
    TempDir dir;
    exactSweep(dir);
    auto m = cases::files::Manifest::read(dir.path());
    for (const double height : {1.7, 1.9}) {
        const std::string name = "ahead-f1.3-ph" + std::to_string(height);
        m.cases.push_back({name,
                           {{"formation", "ahead"},
                            {"front_gap_m", 1.3},
                            {"lateral_m", 0.0},
                            {"runners", nlohmann::json::array({{{"name", "lead"}, {"x_m", 0.0}, {"y_m", 0.0}},
                                                               {{"name", "pacer1"}, {"x_m", 1.3}, {"y_m", 0.0},
                                                                {"height_m", height}, {"mass_kg", 65.0}}})}},
                           "ok",
                           ""});
        test::writeCase(dir.path(), name, 2.0, 8.5);
    }
    m.write(dir.path());
    const auto table = post::SavingsTable::fromSweep(dir.path());
    const auto& own = rowOf(table, "ahead-f1.3-ph" + std::to_string(1.9));
    ASSERT_TRUE(own.pacerHeight);
    EXPECT_DOUBLE_EQ(*own.pacerHeight, 1.9);
    EXPECT_FALSE(rowOf(table, "solo").pacerHeight);
    ASSERT_EQ(own.bodies.size(), 2u);
    EXPECT_NEAR(*own.bodies[0].savingPct, 100.0 * (1 - 2.0 / 7.0), 1e-9);  // the lead: against her solo drag
    EXPECT_FALSE(own.bodies[1].savingPct);                                   // the pacer: no baseline of its size
    EXPECT_DOUBLE_EQ(own.bodies[1].ownHeightM.value(), 1.9);
    // One series per height, apart from the athlete's own pacers.
    EXPECT_NE(post::SavingsFit::seriesLabel(own), post::SavingsFit::seriesLabel(rowOf(table, "ahead-f1.3-ph" + std::to_string(1.7))));
    EXPECT_NE(post::SavingsFit::seriesLabel(own), post::SavingsFit::seriesLabel(table.rows()[1]));
    EXPECT_NE(post::SavingsFit::seriesLabel(own).find("pacers 1.9 m tall"), std::string::npos);
    EXPECT_DOUBLE_EQ(table.toJson()["rows"].back()["pacer_height_m"].get<double>(), 1.9);
}

// A pacer out of her step (issue 16) is posed at another phase than her solo body: its drag and Cd
// stand, its saving against her solo drag is empty; the lead's saving is as ever.
TEST(SavingsTable, APacerOutOfHerStepHasNoSavingOfItsOwn) {
    TempDir dir;
    exactSweep(dir);
    auto m = cases::files::Manifest::read(dir.path());
    const std::string name = "ahead-f1.3-out-of-step";
    m.cases.push_back({name,
                       {{"formation", "ahead"},
                        {"front_gap_m", 1.3},
                        {"lateral_m", 0.0},
                        {"runners", nlohmann::json::array({{{"name", "lead"}, {"x_m", 0.0}, {"y_m", 0.0}},
                                                           {{"name", "pacer1"}, {"x_m", 1.3}, {"y_m", 0.0}, {"stride_phase", 0.5}}})}},
                       "ok",
                       ""});
    test::writeCase(dir.path(), name, 2.0, 8.5);
    m.write(dir.path());
    const auto table = post::SavingsTable::fromSweep(dir.path());
    const auto& row = rowOf(table, name);
    ASSERT_EQ(row.bodies.size(), 2u);
    EXPECT_NEAR(*row.bodies[0].savingPct, 100.0 * (1 - 2.0 / 7.0), 1e-9);
    EXPECT_FALSE(row.bodies[1].savingPct);
    EXPECT_DOUBLE_EQ(row.bodies[1].ownStridePhase.value(), 0.5);
    EXPECT_FALSE(row.bodies[1].ownHeightM);
    table.writeBodiesCsv(dir.path() + "/bodies.csv");
    EXPECT_NE(test::readFile(dir.path() + "/bodies.csv").find(",pacer1,"), std::string::npos);
    EXPECT_NE(test::readFile(dir.path() + "/bodies.csv").find(",0.5\n"), std::string::npos);
}
