// case.json has one type: what the writers make reads back unchanged, a damaged file is one line
// naming the file and the field, and a case whose case.json cannot be read fails as a case.
#include "cases/files/CaseFile.hpp"
#include "cases/run/CaseRunner.hpp"
#include "cases/writer/CaseWriter.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "cases/files/ToolPaths.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using drafting::cases::files::CaseFile;
using drafting::common::JsonFile;
using drafting::test::TempDir;

namespace {

// The message CaseFile::fromJson throws for `j`, or "" when it reads.
std::string refusal(const nlohmann::json& j) {
    try {
        CaseFile::fromJson(j, "/x/case.json");
    } catch (const drafting::common::RunError& e) {
        return e.what();
    }
    return "";
}

nlohmann::json minimal() {
    return {{"name", "solo"}, {"parameters", nlohmann::json::object()}, {"steps", nlohmann::json::array()}};
}

}  // namespace

TEST(CaseFile, WhatTheCaseWriterMakesReadsBackUnchanged) {
    TempDir tmp;
    drafting::cases::config::SweepConfig config;
    drafting::cases::config::CaseSpec spec;
    spec.name = "solo";
    spec.formation = "solo";
    spec.runners = {{"lead", 0.0, 0.0}};
    drafting::cases::writer::CaseWriter::write(config, spec, tmp.path() + "/solo", "test");
    const auto written = JsonFile::read(tmp.path() + "/solo/case.json");
    const CaseFile file = CaseFile::fromJson(written, "case.json");
    EXPECT_EQ(file.toJson(), written);
    EXPECT_EQ(file.name, "solo");
    ASSERT_TRUE(file.fingerprint && file.templateVersion);
    EXPECT_EQ(*file.templateVersion, drafting::cases::writer::CaseWriter::kTemplateVersion);
    EXPECT_FALSE(file.transient());
    // 2D: blockMesh, snappyHexMesh, extrudeMesh, changeDictionary, the stale-data removal, the
    // mesh check and the solver, each of which the case runner may run.
    ASSERT_EQ(file.steps.size(), 7u);
    EXPECT_TRUE(file.steps[4].isRemoval());
    EXPECT_TRUE(file.steps[5].meshCheck);
    EXPECT_TRUE(file.steps[6].solver);
    for (const auto& s : file.steps) EXPECT_EQ(drafting::cases::run::CaseRunner::stepProblem(s), "") << s.name;
    // A generated case lists the files its writer made once generate has recorded them.
    EXPECT_FALSE(file.files);
    CaseFile listed = file;
    listed.files = std::vector<std::string>{"case.json", "system/controlDict"};
    EXPECT_EQ(CaseFile::fromJson(listed.toJson(), "case.json").toJson(), listed.toJson());
}

TEST(CaseFile, ADamagedFileIsOneLineNamingTheFileAndTheField) {
    EXPECT_EQ(refusal(minimal()), "");
    auto without = [](const char* key) {
        auto j = minimal();
        j.erase(key);
        return j;
    };
    EXPECT_EQ(refusal(without("name")), "'/x/case.json': name: missing");
    EXPECT_EQ(refusal(without("steps")), "'/x/case.json': steps: missing");
    EXPECT_EQ(refusal(nlohmann::json::array()), "'/x/case.json': not a case.json written by draft-cases (not an object)");
    auto with = [](const char* key, nlohmann::json value) {
        auto j = minimal();
        j[key] = std::move(value);
        return j;
    };
    EXPECT_EQ(refusal(with("dimension", 4)), "'/x/case.json': dimension = '4': not 2 or 3");
    EXPECT_EQ(refusal(with("name", 7)), "'/x/case.json': name = '7': not a string");
    EXPECT_EQ(refusal(with("parameters", "fast")), "'/x/case.json': parameters = '\"fast\"': not an object");
    EXPECT_EQ(refusal(with("cells_planned", -3)), "'/x/case.json': cells_planned = '-3': not a count");
    EXPECT_EQ(refusal(with("files", {"a", 3})), "'/x/case.json': files = '3': not a path");
    EXPECT_EQ(refusal(with("steps", {{{"argv", {"blockMesh"}}}})), "case.json: a step without a name");
    EXPECT_EQ(refusal(with("steps", {{{"name", "mesh"}, {"argv", nlohmann::json::array()}}})),
              "case.json: steps['mesh'].argv: not a list of words");
    EXPECT_EQ(refusal(with("steps", {{{"name", "mesh"}, {"argv", {"blockMesh"}}, {"solver", "yes"}}})),
              "case.json: steps['mesh'].solver = '\"yes\"': not true or false");
    EXPECT_EQ(refusal(with("steps", {{{"name", "mesh"}, {"argv", {"blockMesh", 5}}}})),
              "case.json: steps['mesh'].argv '5': not an option or a plain file name");
    for (const auto& message : {refusal(with("dimension", "3\nok")), refusal(with("name", "a\nb"))})
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(CaseFile, ACaseWhoseCaseJsonCannotBeReadFailsAsACaseAndRunsNothing) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/broken";
    std::filesystem::create_directories(dir);
    drafting::test::writeFile(dir + "/case.json", "{\"name\": \"broken\", \"parameters\": {}}");
    const auto result = drafting::cases::run::CaseRunner(drafting::cases::files::ToolPaths::discover()).run(dir);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.failure, drafting::cases::files::CaseResult::Failure::badCase);
    EXPECT_EQ(result.caseName, "broken");
    EXPECT_NE(result.reason.find("case.json': steps: missing"), std::string::npos) << result.reason;
    EXPECT_FALSE(std::filesystem::exists(dir + "/log.blockMesh"));
}

TEST(CaseFile, ADamagedCaseJsonLeavesAKilledRunsFilesAndWritesNoResult) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/killed";
    for (const char* f : {"/constant/polyMesh/owner", "/120/U", "/log.draftFoam", "/timing.json"})
        drafting::test::writeFile(dir + f, "kept\n");
    for (const std::string& damaged : {std::string("{not json"), std::string("{\"name\": \"killed\", \"steps\": []}")}) {
        drafting::test::writeFile(dir + "/case.json", damaged);
        const auto result = drafting::cases::run::CaseRunner(drafting::cases::files::ToolPaths::discover()).run(dir);
        EXPECT_EQ(result.failure, drafting::cases::files::CaseResult::Failure::badCase) << damaged;
        EXPECT_NE(result.reason.find("case.json"), std::string::npos) << result.reason;
        for (const char* f : {"/constant/polyMesh/owner", "/120/U", "/log.draftFoam", "/timing.json"})
            EXPECT_EQ(drafting::test::readFile(dir + f), "kept\n") << f << " after " << damaged;
        EXPECT_FALSE(std::filesystem::exists(dir + "/results.json")) << damaged;
    }
}
