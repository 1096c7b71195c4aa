// meshCheck.json's contract: what draftCheckMesh writes reads back whole; a damaged file is one
// line naming the file, the field and the value.
#include "common/Error.hpp"
#include "cases/files/MeshCheckFile.hpp"

#include <gtest/gtest.h>

#include <cmath>

using drafting::cases::files::MeshCheckFile;
using drafting::common::RunError;

namespace {

nlohmann::json written() {
    return {{"producer", "draftCheckMesh"}, {"ok", false}, {"failed", "closedCells, cellVolumes"},
            {"cells", 27},  {"faces", 108},  {"points", 64},
            {"max_non_orthogonality_deg", 93.5}, {"max_skewness", 2.25},
            {"checks", {{"points", true}, {"closedCells", false}, {"cellVolumes", false}}}};
}

std::string refusal(const nlohmann::json& j) {
    try {
        MeshCheckFile::fromJson(j, "case/meshCheck.json");
    } catch (const RunError& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST(MeshCheckFile, WhatDraftCheckMeshWritesReadsBackWhole) {
    const auto m = MeshCheckFile::fromJson(written());
    EXPECT_FALSE(m.ok);
    EXPECT_EQ(m.failed, "closedCells, cellVolumes");
    EXPECT_EQ(m.cells, 27);
    EXPECT_EQ(m.faces, 108);
    EXPECT_EQ(m.points, 64);
    EXPECT_DOUBLE_EQ(m.maxNonOrthogonalityDeg, 93.5);
    EXPECT_DOUBLE_EQ(m.maxSkewness, 2.25);
    EXPECT_FALSE(m.checks.at("closedCells"));
    EXPECT_EQ(m.toJson(), written());
}

TEST(MeshCheckFile, AVerdictWithoutCountsLeavesThemUnknown) {
    const auto m = MeshCheckFile::fromJson({{"ok", true}});
    EXPECT_TRUE(m.ok);
    EXPECT_EQ(m.cells, -1);
    EXPECT_TRUE(std::isnan(m.maxSkewness));
    EXPECT_TRUE(m.toJson().at("cells").is_null());
}

TEST(MeshCheckFile, ADamagedFileIsRefusedNamingTheFieldAndValue) {
    EXPECT_EQ(refusal({{"cells", 27}}), "'case/meshCheck.json': ok: missing");
    auto j = written();
    j["ok"] = "yes";
    EXPECT_EQ(refusal(j), "'case/meshCheck.json': ok = '\"yes\"': not true or false");
    j = written();
    j["cells"] = -3;
    EXPECT_NE(refusal(j).find("cells = '-3': not a count"), std::string::npos) << refusal(j);
    j = written();
    j["checks"]["points"] = 1;
    EXPECT_NE(refusal(j).find("checks.'points' = '1': not true or false"), std::string::npos) << refusal(j);
    EXPECT_EQ(refusal(nlohmann::json::array()), "'case/meshCheck.json': not a JSON object");
}
