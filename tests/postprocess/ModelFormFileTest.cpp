// A model-form study file read whole, a damaged one refused naming the field.
#include "postprocess/ModelFormFile.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
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

TEST(ModelFormFile, AStudyFileIsReadWholeAndADamagedOneRefusedNamingTheField) {
    TempDir dir;
    const nlohmann::json good = {
        {"study", "model-form"}, {"level", "coarse"}, {"template", "6"},
        {"spread", {{"ahead-f1.3", {{"saving_base_pct", 64.2}, {"moves_pts", {{"low-re", -1.25}, {"urans", 3.5}}},
                                    {"model_form_pts", 3.5}, {"variants_pending", {"urans"}}}}}}};
    common::JsonFile::writeAtomic(dir.path() + "/m.json", good);
    const auto file = post::ModelFormFile::read(dir.path() + "/m.json", "--model-form");
    EXPECT_EQ(file.level, "coarse");
    EXPECT_EQ(file.templateVersion, "6");
    ASSERT_NE(file.find("ahead-f1.3"), nullptr);
    EXPECT_DOUBLE_EQ(file.find("ahead-f1.3")->spreadPts, 3.5);
    EXPECT_DOUBLE_EQ(file.find("ahead-f1.3")->movesPts.at("low-re"), -1.25);
    EXPECT_EQ(file.find("ahead-f1.3")->pending, std::vector<std::string>{"urans"});
    EXPECT_EQ(file.find("behind-b1"), nullptr);

    auto refusal = [&](nlohmann::json j) {
        try {
            post::ModelFormFile::fromJson(j, "F");
        } catch (const common::InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    auto edited = [&](const std::string& pointer, const nlohmann::json& value) {
        nlohmann::json j = good;
        j[nlohmann::json::json_pointer(pointer)] = value;
        return refusal(j);
    };
    EXPECT_EQ(edited("/study", "mesh"), "'F': study = '\"mesh\"': not a model-form study (scripts/study.sh model-form)");
    EXPECT_EQ(edited("/level", 3), "'F': level = '3': not a mesh level");
    EXPECT_NE(edited("/level", "../x").find("'F': level"), std::string::npos);
    EXPECT_EQ(edited("/spread/ahead-f1.3/model_form_pts", "3.5"),
              "'F': spread.ahead-f1.3.model_form_pts = '\"3.5\"': not a finite number");
    EXPECT_NE(edited("/spread/ahead-f1.3/model_form_pts", 1.0).find("not the largest of its moves_pts"), std::string::npos);
    EXPECT_EQ(edited("/spread/ahead-f1.3/moves_pts", nlohmann::json::object()),
              "'F': spread.ahead-f1.3.moves_pts = '{}': not an object of model moves");
    EXPECT_NE(edited("/spread/ahead-f1.3/variants_pending", {1}).find("variants_pending = '1': not a variant name"),
              std::string::npos);
    EXPECT_NE(edited("/pending", {"urans"}).find("'F': pending = '\"urans\"': not VARIANT/CASE"), std::string::npos);
    EXPECT_NE(edited("/pending", {"urans/../x"}).find("'F': pending"), std::string::npos);
    {
        nlohmann::json withPending = good;
        withPending["pending"] = {"urans/behind-b1", "urans/solo", "low-re/behind-b1"};
        EXPECT_EQ(post::ModelFormFile::fromJson(withPending, "F").pendingFor("behind-b1"),
                  (std::vector<std::string>{"urans", "low-re"}));
    }
    // A hostile variant name never reaches the message: one line, no escape.
    {
        nlohmann::json j = good;
        j["spread"]["ahead-f1.3"]["moves_pts"] = {{"low-re\n\x1b[31mdraft-post: error: FAKE", "x"}};
        const std::string msg = refusal(j);
        EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
        EXPECT_EQ(msg.find('\x1b'), std::string::npos) << msg;
        EXPECT_NE(msg.find("'F': spread.ahead-f1.3.moves_pts"), std::string::npos) << msg;
    }
    EXPECT_EQ(edited("/dimension", 2), "'F': dimension = '2': not 3 (a model-form study is of 3D runners)");
    nlohmann::json badName = good;
    badName["spread"]["../../etc"] = good["spread"]["ahead-f1.3"];
    EXPECT_NE(refusal(badName).find("'F': spread"), std::string::npos);
    EXPECT_THROW(post::ModelFormFile::read(dir.path() + "/none.json", "--model-form"), common::InputError);
}
