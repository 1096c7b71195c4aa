// A case's results.json as the tools read it: kinds of failure, the physical checks, keys kept.
#include "cases/files/CaseResult.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace drafting;

namespace {

nlohmann::json bodyJson(double drag, double cd = 0.9) {
    return {{"drag_N", drag}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01},
            {"cda_m2", drag / 26.5}, {"cd", cd}, {"reference_area_m2", 0.365}};
}

}  // namespace

TEST(CaseResult, RoundTripsThroughJson) {
    cases::files::CaseResult r;
    r.caseName = "ahead-f1.3";
    r.status = "ok";
    r.iterations = 812;
    r.converged = true;
    r.bodies["lead"] = {10.5, 0.1, 0.0, 0.02, 0.4, 1.1, 0.365};
    r.parameters = {{"front_gap_m", 1.3}};
    const auto back = cases::files::CaseResult::fromJson(r.toJson());
    EXPECT_EQ(back.caseName, "ahead-f1.3");
    EXPECT_EQ(back.iterations, 812);
    EXPECT_TRUE(back.converged);
    EXPECT_DOUBLE_EQ(back.bodies.at("lead").dragN, 10.5);
    EXPECT_DOUBLE_EQ(back.bodies.at("lead").cd, 1.1);
    EXPECT_DOUBLE_EQ(back.parameters["front_gap_m"].get<double>(), 1.3);
}

TEST(CaseResult, KeepsKeysItDoesNotModel) {
    nlohmann::json j = {{"status", "ok"}, {"stop", "settled"}, {"bodies", {{"lead", bodyJson(8.0)}}}};
    j["bodies"]["lead"]["strouhal"] = 0.2;
    j["bodies"]["lead"]["drag_ci95_N"] = 0.05;
    auto r = cases::files::CaseResult::fromJson(j);
    r.parameters = {{"front_gap_m", 1.0}};
    const auto out = r.toJson();
    EXPECT_EQ(out["stop"], "settled");
    EXPECT_DOUBLE_EQ(out["bodies"]["lead"]["strouhal"].get<double>(), 0.2);
    EXPECT_DOUBLE_EQ(out["bodies"]["lead"]["drag_ci95_N"].get<double>(), 0.05);
    EXPECT_DOUBLE_EQ(out["parameters"]["front_gap_m"].get<double>(), 1.0);
}

TEST(CaseResult, NullForceReadsAsNaNAndFailsThePhysicalCheck) {
    nlohmann::json j = {{"status", "ok"}, {"bodies", {{"lead", bodyJson(1.0)}}}};
    j["bodies"]["lead"]["drag_N"] = nullptr;
    auto r = cases::files::CaseResult::fromJson(j);
    EXPECT_TRUE(std::isnan(r.bodies.at("lead").dragN));
    EXPECT_FALSE(r.checkPhysical());
    EXPECT_EQ(r.status, "failed");
    EXPECT_NE(r.reason.find("non-finite"), std::string::npos);
}

TEST(CaseResult, AbsurdDragCoefficientIsMarkedNonPhysical) {
    auto r = cases::files::CaseResult::fromJson({{"status", "ok"}, {"bodies", {{"lead", bodyJson(500.0, 45.0)}}}});
    EXPECT_FALSE(r.checkPhysical());
    EXPECT_NE(r.reason.find("non-physical drag on lead"), std::string::npos) << r.reason;
}

TEST(CaseResult, PlausibleResultPasses) {
    auto r = cases::files::CaseResult::fromJson({{"status", "ok"}, {"bodies", {{"lead", bodyJson(8.0, 1.1)}}}});
    EXPECT_TRUE(r.checkPhysical());
    EXPECT_TRUE(r.ok());
}

TEST(CaseResult, AFailureKeepsItsKindThroughResultsJsonAndAnOkResultHasNone) {
    using Failure = cases::files::CaseResult::Failure;
    for (const Failure kind : {Failure::badCase, Failure::couldNotStart, Failure::stepExited, Failure::meshCheck,
                               Failure::solverStopped, Failure::noResults, Failure::nonPhysical, Failure::notThisCase}) {
        cases::files::CaseResult r;
        r.reason = "why";
        r.failure = kind;
        const auto j = r.toJson();
        ASSERT_TRUE(j.contains("failure")) << j.dump();
        EXPECT_FALSE(j.at("failure").get<std::string>().empty());
        EXPECT_EQ(cases::files::CaseResult::fromJson(j).failure, kind) << j.dump();
    }
    // Written before kinds existed: failed, kind unknown.
    EXPECT_EQ(cases::files::CaseResult::fromJson({{"status", "failed"}, {"reason", "old"}}).failure, Failure::none);
    // A result that is ok again drops the kind its source had.
    auto r = cases::files::CaseResult::fromJson({{"status", "failed"}, {"failure", "step-exited"}});
    r.status = "ok";
    EXPECT_FALSE(r.toJson().contains("failure"));
}

TEST(CaseResult, AKindOfFailureFromANewerToolReadsAsUnknownAndAWrongTypeIsRefused) {
    const auto r = cases::files::CaseResult::fromJson({{"status", "failed"}, {"failure", "gremlins"}}, "x/results.json");
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.failure, cases::files::CaseResult::Failure::none);
    try {
        cases::files::CaseResult::fromJson({{"status", "failed"}, {"failure", 7}}, "x/results.json");
        FAIL() << "accepted";
    } catch (const common::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("failure = '7': not a string"), std::string::npos) << e.what();
    }
}

TEST(CaseResult, ThePhysicalAndOwnershipChecksRecordTheirKind) {
    auto absurd = cases::files::CaseResult::fromJson({{"status", "ok"}, {"bodies", {{"lead", bodyJson(500.0, 45.0)}}}});
    EXPECT_FALSE(absurd.checkPhysical());
    EXPECT_EQ(absurd.failure, cases::files::CaseResult::Failure::nonPhysical);
    auto copied = cases::files::CaseResult::fromJson(
        {{"case", "ahead-f1"}, {"status", "ok"}, {"bodies", {{"lead", bodyJson(8.0, 1.1)}}}});
    EXPECT_FALSE(copied.checkBelongsTo("ahead-f2", nlohmann::json::object(), "ahead-f2/results.json"));
    EXPECT_EQ(copied.failure, cases::files::CaseResult::Failure::notThisCase);
}

TEST(CaseResult, RejectsUnknownStatus) {
    EXPECT_THROW(cases::files::CaseResult::fromJson({{"status", "maybe"}}), common::RunError);
    EXPECT_THROW(cases::files::CaseResult::fromJson(nlohmann::json::array()), common::RunError);
}
