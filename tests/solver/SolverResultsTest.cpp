// results.json has one type (SolverResults for runnerDrag's part, cases::files::CaseResult for the
// case's): every key a real file holds must survive a read and a write, so no reader needs the
// raw JSON (issue 14).
#include "cases/files/CaseResult.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "solver/monitoring/SolverResults.hpp"
#include "cases/files/SweepLayout.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using drafting::cases::files::CaseResult;
using drafting::solver::monitoring::SolverResults;
using nlohmann::json;

namespace {

// A coarse ahead case as draft-cases run wrote it (runnerDrag's keys and the runner's).
json aheadCoarse() {
    return drafting::common::JsonFile::read(std::string(DRAFTING_SOURCE_DIR) + "/tests/data/results/ahead-coarse.json");
}

// Every key of `original`, at any depth, is in `written` with the same value; a null may be left
// out (an unknown number or time is null or absent, and reads the same either way).
void expectKept(const json& original, const json& written, const std::string& where = "") {
    for (const auto& [key, value] : original.items()) {
        const std::string field = where.empty() ? key : where + "." + key;
        if (!written.contains(key)) {
            EXPECT_TRUE(value.is_null()) << field << " was dropped";
            continue;
        }
        if (value.is_object()) {
            expectKept(value, written.at(key), field);
        } else if (value.is_number() && written.at(key).is_number()) {
            EXPECT_DOUBLE_EQ(value.get<double>(), written.at(key).get<double>()) << field;
        } else {
            EXPECT_EQ(value, written.at(key)) << field;
        }
    }
}

std::string errorOf(const json& j) {
    try {
        CaseResult::fromJson(j, "case/results.json");
    } catch (const drafting::common::RunError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(SolverResults, ACaseResultKeepsEveryKeyOfARealFile) {
    const json original = aheadCoarse();
    const json written = CaseResult::fromJson(original, "ahead-coarse.json").toJson();
    expectKept(original, written);
    EXPECT_EQ(written.at("schema"), SolverResults::kSchema);
}

TEST(SolverResults, RunnerDragsPartReadsTyped) {
    const CaseResult r = CaseResult::fromJson(aheadCoarse(), "ahead-coarse.json");
    EXPECT_EQ(r.stop, "settled");
    ASSERT_TRUE(r.convergence && r.convergence->dragSettled && r.convergence->window);
    EXPECT_TRUE(*r.convergence->dragSettled);
    EXPECT_EQ(*r.convergence->window, 100);
    ASSERT_TRUE(r.residuals && r.residuals->belowTolerance);
    EXPECT_FALSE(*r.residuals->belowTolerance);
    ASSERT_TRUE(r.reference && r.reference->batches);
    EXPECT_EQ(*r.reference->batches, 10);
    EXPECT_FALSE(r.resumedFrom);  // null in the file
    ASSERT_TRUE(r.solverWallS);
    EXPECT_DOUBLE_EQ(*r.solverWallS, 327.0);
    const auto& lead = r.bodies.at("lead");
    EXPECT_DOUBLE_EQ(lead.yPlus.mean, 32.41883043);
    EXPECT_DOUBLE_EQ(lead.dragMeanDriftRel, 0.001919886573);
    EXPECT_TRUE(std::isnan(lead.strouhal));
    EXPECT_TRUE(std::isnan(lead.savingPct));
    ASSERT_TRUE(r.mesh && r.mesh->check);
    EXPECT_EQ(r.mesh->cells, 148245);
    EXPECT_EQ(r.mesh->dimension, 3);
    ASSERT_TRUE(r.timingS);
    EXPECT_DOUBLE_EQ(r.timingS->at("snappyHexMesh"), 41.680914495);
    EXPECT_EQ(r.mpiRanks, 1);
}

TEST(SolverResults, WhatTheSolverAloneWritesRoundTrips) {
    SolverResults s;
    s.producer = "runnerDrag";
    s.status = "ok";
    s.stop = "end";
    s.iterations = 1500;
    s.resumedFrom = 400.0;
    s.convergence = SolverResults::Convergence{100, 0.002, false, true};
    auto& b = s.bodies["lead"];
    b.dragN = 2.5;
    b.cd = 0.26;
    b.strouhal = 0.21;
    b.yPlus = {1.0, 7.0, 30.0};
    const json j = s.toJson();
    EXPECT_EQ(SolverResults::fromJson(j, "x").toJson(), j);
    EXPECT_FALSE(j.contains("residuals"));  // not known: not written, so not mistaken for zeros
    EXPECT_TRUE(j.at("bodies").at("lead").at("drag_ci95_N").is_null());
}

TEST(SolverResults, ANewerSchemaIsRefusedNamingFileAndField) {
    json j = aheadCoarse();
    j["schema"] = SolverResults::kSchema + 1;
    const std::string why = errorOf(j);
    EXPECT_NE(why.find("case/results.json"), std::string::npos) << why;
    EXPECT_NE(why.find("schema = "), std::string::npos) << why;
    EXPECT_NE(why.find("newer"), std::string::npos) << why;
}

TEST(SolverResults, AWrongTypeDeepInsideNamesItsField) {
    json j = aheadCoarse();
    j["convergence"]["drag_settled"] = "yes";
    EXPECT_NE(errorOf(j).find("convergence.drag_settled"), std::string::npos) << errorOf(j);
    j = aheadCoarse();
    j["bodies"]["lead"]["y_plus"]["mean"] = "32";
    EXPECT_NE(errorOf(j).find("bodies.lead.y_plus.mean"), std::string::npos) << errorOf(j);
    j = aheadCoarse();
    j["timing_s"]["draftFoam"] = "slow";
    EXPECT_NE(errorOf(j).find("timing_s.draftFoam"), std::string::npos) << errorOf(j);
    j = aheadCoarse();
    j["continued"] = {{"from_time", "x"}};
    EXPECT_NE(errorOf(j).find("continued.from_time"), std::string::npos) << errorOf(j);
}

TEST(SolverResults, AContinuationRecordRoundTrips) {
    CaseResult r = CaseResult::fromJson(aheadCoarse(), "ahead-coarse.json");
    r.continued = CaseResult::Continuation{328, 328, false, "end", 1000, 1328};
    const CaseResult back = CaseResult::fromJson(r.toJson(), "x");
    ASSERT_TRUE(back.continued);
    EXPECT_EQ(back.continued->fromTime, 328);
    EXPECT_EQ(back.continued->stopBefore, "end");
    EXPECT_EQ(back.continued->endTime, 1328);
    EXPECT_EQ(back.toJson(), r.toJson());
}

TEST(SolverResults, ADamagedMeshCheckCopyLosesOnlyItself) {
    json j = aheadCoarse();
    j["mesh"]["check"]["ok"] = "yes";
    const CaseResult r = CaseResult::fromJson(j, "case/results.json");
    EXPECT_TRUE(r.ok());
    ASSERT_TRUE(r.mesh);
    EXPECT_FALSE(r.mesh->check);
    EXPECT_NE(r.mesh->checkError.find("ok"), std::string::npos) << r.mesh->checkError;
    EXPECT_EQ(r.mesh->cells, 148245);
}

// A newer tool's finished case is kept: a run would clear it, and this version cannot read it.
TEST(SolverResults, ANewerSchemasFinishedCaseIsNotRunAgain) {
    drafting::test::TempDir tmp;
    json j = aheadCoarse();
    j["schema"] = SolverResults::kSchema + 1;
    drafting::common::JsonFile::writeAtomic(tmp.path() + "/results.json", j);
    EXPECT_TRUE(drafting::cases::files::SweepLayout::hasFinishedResults(tmp.path()));
    j["status"] = "failed";
    drafting::common::JsonFile::writeAtomic(tmp.path() + "/results.json", j);
    EXPECT_FALSE(drafting::cases::files::SweepLayout::hasFinishedResults(tmp.path()));
}

TEST(SolverResults, OutOfRangeCountsAreRefused) {
    json j = aheadCoarse();
    j["mesh"]["dimension"] = 4294967299LL;
    EXPECT_NE(errorOf(j).find("mesh.dimension"), std::string::npos) << errorOf(j);
    j = aheadCoarse();
    j["mesh"]["cells"] = 1e300;
    EXPECT_NE(errorOf(j).find("mesh.cells"), std::string::npos) << errorOf(j);
    j = aheadCoarse();
    j["mpi_ranks"] = 0;
    EXPECT_NE(errorOf(j).find("mpi_ranks"), std::string::npos) << errorOf(j);
}
