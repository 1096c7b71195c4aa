#include "cases/study/ConvergenceFile.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

using namespace drafting;
using Source = common::JsonFields::Source;

namespace {

const std::string kCommitted = std::string(DRAFTING_SOURCE_DIR) + "/docs/studies/mesh-gci-breaking4-3d.json";

// The refusal of `study` read as a user's file: its one line.
std::string refusal(const nlohmann::json& study) {
    try {
        cases::study::ConvergenceFile::fromJson(study, "S.json", Source::input);
    } catch (const common::InputError& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

// The study committed under docs/studies/ (the one draft-post --discretisation reads in the
// README) reads into the type and writes back to the same JSON, key for key and number for number.
TEST(ConvergenceFile, TheCommittedStudyRoundTrips) {
    const nlohmann::json committed = common::JsonFile::read(kCommitted);
    const auto study = cases::study::ConvergenceFile::fromJson(committed, kCommitted, Source::input);
    EXPECT_EQ(study.toJson(), committed);
    ASSERT_NE(study.find("ahead-f1.3", "ahead"), nullptr);
    const auto& lead = study.find("ahead-f1.3", "ahead")->savings->at("lead");
    EXPECT_EQ(lead.atLevel.at("medium").behaviour, "divergent");
    EXPECT_TRUE(std::isnan(lead.atLevel.at("medium").gciBounded));  // null: no GCI, never 0
    EXPECT_EQ(study.find("ahead-f1.3", "behind"), nullptr);
    EXPECT_FALSE(study.find("solo", "solo")->savings.has_value());
}

// Every fault is one line naming the file, the field and the value, of the kind the source says.
TEST(ConvergenceFile, AFaultNamesTheFileTheFieldAndTheValue) {
    const nlohmann::json good = common::JsonFile::read(kCommitted);
    auto with = [&](const std::function<void(nlohmann::json&)>& change) {
        nlohmann::json j = good;
        change(j);
        return refusal(j);
    };
    EXPECT_EQ(refusal(good), "accepted");
    EXPECT_EQ(with([](auto& j) { j.erase("format"); }).rfind("'S.json': format: missing: not a convergence.json of "
                                                                "'draft-cases convergence 2' (reduce an older study again",
                                                                0),
              0u);
    EXPECT_EQ(with([](auto& j) { j["format"] = "draft-cases convergence 1"; })
                  .rfind("'S.json': format = '\"draft-cases convergence 1\"': not a convergence.json", 0),
              0u);
    EXPECT_EQ(with([](auto& j) { j["levels"] = {"coarse", "fine", "extra-fine"}; }),
              "'S.json': levels = '[\"coarse\",\"fine\",\"extra-fine\"]': not a list of three or more consecutive "
              "mesh levels, coarsest first");
    EXPECT_EQ(with([](auto& j) { j["levels"] = {"medium", "fine"}; }).rfind("'S.json': levels = ", 0), 0u);
    EXPECT_EQ(with([](auto& j) { j["cases"][1]["savings"]["lead"]["saving_pct"]["fine"] = "55"; }),
              "'S.json': cases[1].savings.lead.saving_pct.fine = '\"55\"': not a finite number");
    EXPECT_EQ(with([](auto& j) { j["cases"][1]["savings"]["lead"]["at_level"]["fine"]["gci_bounded_abs"] = "0"; }),
              "'S.json': cases[1].savings.lead.at_level.fine.gci_bounded_abs = '\"0\"': not a number");
    EXPECT_EQ(with([](auto& j) { j["cases"][0]["bodies"]["lead"]["triplets"][0]["estimate"]["behaviour"] = "fast"; }),
              "'S.json': cases[0].bodies.lead.triplets[0].estimate.behaviour = '\"fast\"': not a convergence behaviour");
    EXPECT_EQ(with([](auto& j) { j["cases"][1]["levels"]["fine"]["cells"] = -3; }),
              "'S.json': cases[1].levels.fine.cells = '-3': not a count");
    EXPECT_EQ(with([](auto& j) { j["cases"][1]["triplets"][0]["triplet"] = {"coarse", "medium", "huge"}; }),
              "'S.json': cases[1].triplets[0].triplet = '\"huge\"': not one of the study's levels");
    EXPECT_EQ(with([](auto& j) { j["cases"][1].erase("formation"); }), "'S.json': cases[1].formation: missing");
    // A study a run wrote (a study directory's own file) fails as a run error instead.
    nlohmann::json damaged = good;
    damaged["cases"] = "none";
    EXPECT_THROW(cases::study::ConvergenceFile::fromJson(damaged, "S.json", Source::run), common::RunError);
}

// --discretisation FILE: a file that is not there or not JSON is one line naming the option.
TEST(ConvergenceFile, ReadNamesTheOption) {
    test::TempDir dir;
    try {
        cases::study::ConvergenceFile::read(dir.path() + "/none.json", "--discretisation");
        ADD_FAILURE() << "read a missing file";
    } catch (const common::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("--discretisation"), std::string::npos) << e.what();
    }
}

// What the writer never writes is refused rather than read as something else: a misspelt key, a
// method constant of another build, a null count, a GCI at a level its triplet does not place it,
// a non-solo case without savings.
TEST(ConvergenceFile, AnythingTheWriterDoesNotWriteIsRefused) {
    const nlohmann::json good = common::JsonFile::read(kCommitted);
    auto with = [&](const std::function<void(nlohmann::json&)>& change) {
        nlohmann::json j = good;
        change(j);
        return refusal(j);
    };
    EXPECT_EQ(with([](auto& j) { j["cases"][1]["saving"] = 1; }),
              "'S.json': cases[1].saving = '1': not a key of a convergence.json");
    EXPECT_EQ(with([](auto& j) { j["min_ratio"] = 1.1; }).rfind("'S.json': min_ratio = '1.1': not what this build reduces with (1.3)", 0), 0u);
    EXPECT_EQ(with([](auto& j) { j["cases"][0]["bodies"]["lead"]["triplets"][0]["estimate"]["order_iterations"] = nullptr; }),
              "'S.json': cases[0].bodies.lead.triplets[0].estimate.order_iterations = 'null': not a count");
    EXPECT_EQ(with([](auto& j) { j["cases"][0]["bodies"]["lead"]["triplets"][0]["estimate"]["order_solved"] = nullptr; }),
              "'S.json': cases[0].bodies.lead.triplets[0].estimate.order_solved = 'null': not true or false");
    EXPECT_EQ(with([](auto& j) { j["cases"][1]["savings"]["lead"]["at_level"]["fine"]["role"] = "medium"; })
                  .rfind("'S.json': cases[1].savings.lead.at_level.fine.role = '\"medium\"': not the place of level fine", 0),
              0u);
    EXPECT_EQ(with([](auto& j) { j["cases"][1].erase("savings"); }), "'S.json': cases[1].savings: missing");
    EXPECT_EQ(with([](auto& j) { j["cases"][0]["savings"] = nlohmann::json::object(); }),
              "'S.json': cases[0].savings: the solo case has no saving of its own");
    EXPECT_EQ(with([](auto& j) { j["cases"][1]["triplets"][0] = {{"triplet", {"coarse", "medium", "fine"}}, {"reason", ""}}; }),
              "'S.json': cases[1].triplets[0].reason = '\"\"': empty: a triplet without ratios says why");
}
