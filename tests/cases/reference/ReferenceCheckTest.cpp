#include "cases/reference/ReferenceCase.hpp"
#include "cases/reference/ReferenceCheck.hpp"

#include <gtest/gtest.h>

#include <fstream>

using drafting::cases::reference::ReferenceCheck;

namespace {
nlohmann::json results(double cd, nlohmann::json st = 0.165) {
    return {{"bodies", {{"cylinder", {{"cd", cd}, {"strouhal", st}}}}}};
}
}  // namespace

TEST(ReferenceCheck, RelativeTolerance) {
    const nlohmann::json e = {{"checks", {{{"quantity", "bodies.cylinder.cd"}, {"value", 5.58}, {"rel_tol", 0.01}}}}};
    EXPECT_TRUE(ReferenceCheck::evaluate(e, results(5.62))["pass"]);
    EXPECT_FALSE(ReferenceCheck::evaluate(e, results(5.66))["pass"]);
}

TEST(ReferenceCheck, AbsoluteTolerance) {
    const nlohmann::json e = {{"checks", {{{"quantity", "bodies.cylinder.cd"}, {"value", 0.0106}, {"abs_tol", 0.005}}}}};
    EXPECT_TRUE(ReferenceCheck::evaluate(e, results(0.0150))["pass"]);
    EXPECT_FALSE(ReferenceCheck::evaluate(e, results(0.0160))["pass"]);
}

TEST(ReferenceCheck, RangeWidenedByRelativeTolerance) {
    const nlohmann::json e = {
        {"checks", {{{"quantity", "bodies.cylinder.strouhal"}, {"min", 0.164}, {"max", 0.166}, {"rel_tol", 0.03}}}}};
    EXPECT_TRUE(ReferenceCheck::evaluate(e, results(1.3, 0.170))["pass"]);
    EXPECT_FALSE(ReferenceCheck::evaluate(e, results(1.3, 0.172))["pass"]);
    EXPECT_FALSE(ReferenceCheck::evaluate(e, results(1.3, 0.158))["pass"]);
}

TEST(ReferenceCheck, OneSidedBound) {
    const nlohmann::json e = {{"checks", {{{"quantity", "bodies.cylinder.cd"}, {"max", 0.2}}}}};
    EXPECT_TRUE(ReferenceCheck::evaluate(e, results(-0.3))["pass"]);
    EXPECT_FALSE(ReferenceCheck::evaluate(e, results(0.25))["pass"]);
}

TEST(ReferenceCheck, MissingOrNullQuantityFails) {
    const nlohmann::json e = {{"checks", {{{"quantity", "bodies.cylinder.strouhal"}, {"min", 0.1}}}}};
    const auto r = ReferenceCheck::evaluate(e, results(1.3, nullptr));
    EXPECT_FALSE(r["pass"]);
    EXPECT_EQ(r["checks"][0]["note"], "missing or not a number");
    EXPECT_FALSE(ReferenceCheck::evaluate(e, nlohmann::json::object())["pass"]);
}

TEST(ReferenceCheck, ShippedExpectationsAreWellFormed) {
    for (const auto& name : drafting::cases::reference::ReferenceCase::names()) {
        std::ifstream in(std::string(DRAFTING_SOURCE_DIR) + "/cases/reference/" + name + "/expected.json");
        ASSERT_TRUE(in) << name;
        const auto e = nlohmann::json::parse(in);
        EXPECT_EQ(e["name"], name);
        EXPECT_FALSE(e["source"].get<std::string>().empty());
        EXPECT_FALSE(e["title"].get<std::string>().empty()) << name;  // reference --list prints it
        EXPECT_NO_THROW(ReferenceCheck::evaluate(e, nlohmann::json::object())) << name;
    }
}

TEST(ReferenceCheck, TheSphereBandIsTheMeasuredOneWidenedByTheModelSpread) {
    std::ifstream in(std::string(DRAFTING_SOURCE_DIR) + "/cases/reference/sphere-re1e5/expected.json");
    const auto e = nlohmann::json::parse(in);
    EXPECT_FALSE(e["tolerance_reason"].get<std::string>().empty());
    const auto at = [&](double cd) {
        return ReferenceCheck::evaluate(e, {{"bodies", {{"sphere", {{"cd", cd}}}}}})["pass"].get<bool>();
    };
    EXPECT_TRUE(at(0.424));   // 0.47 - 10 %
    EXPECT_TRUE(at(0.549));   // 0.50 + 10 %
    EXPECT_FALSE(at(0.42));
    EXPECT_FALSE(at(0.56));
}

TEST(ReferenceCheck, TheAhmedBandIsTheTwoMeasuredValuesWidenedByTheModelSpread) {
    std::ifstream in(std::string(DRAFTING_SOURCE_DIR) + "/cases/reference/ahmed-25/expected.json");
    const auto e = nlohmann::json::parse(in);
    EXPECT_FALSE(e["tolerance_reason"].get<std::string>().empty());
    EXPECT_DOUBLE_EQ(e["value"].get<double>(), 0.285);  // Ahmed et al. 1984
    const auto at = [&](double cd) {
        return ReferenceCheck::evaluate(e, {{"bodies", {{"ahmed", {{"cd", cd}}}}}})["pass"].get<bool>();
    };
    EXPECT_TRUE(at(0.257));   // 0.285 - 10 %
    EXPECT_TRUE(at(0.328));   // 0.299 + 10 %
    EXPECT_FALSE(at(0.255));
    EXPECT_FALSE(at(0.330));
}
