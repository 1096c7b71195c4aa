// jobs.json, the record of a sweep's Slurm jobs: a tampered or invalid one is refused naming
// the field.
#include "common/Error.hpp"
#include "cases/slurm/SlurmJobs.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace drafting;
using drafting::test::TempDir;
using drafting::test::writeFile;
using drafting::cases::slurm::SlurmJobs;

TEST(SlurmJobs, TamperedJobsJsonIsRefusedNamingTheField) {
    const std::pair<const char*, const char*> bad[] = {
        {R"([1, 2])", "expected a JSON object, found array"},
        {R"({"reduce_job_id": "2", "cases": []})", "array_job_id: missing"},
        {R"({"array_job_id": 12, "reduce_job_id": "13", "cases": []})", "array_job_id = '12': expected a job id"},
        {R"({"array_job_id": "12x", "reduce_job_id": "13", "cases": []})", "array_job_id = '12x': not a Slurm job id"},
        {R"({"array_job_id": "12", "reduce_job_id": "--help", "cases": []})",
         "reduce_job_id = '--help': not a Slurm job id"},
        {R"({"array_job_id": ["12"], "reduce_job_id": "13", "cases": []})", "array_job_id = '[\"12\"]'"},
        {R"({"array_job_id": "12", "reduce_job_id": null, "cases": []})", "both job ids or both null"},
        {R"({"array_job_id": "12", "reduce_job_id": "13", "cases": {"a": 1}})", "cases = '{\"a\":1}'"},
        {R"({"array_job_id": "12", "reduce_job_id": "13"})", "cases: missing"},
        {R"({"array_job_id": "12", "reduce_job_id": "13", "cases": ["solo", 7]})", "cases[1] = '7'"},
        {R"({"array_job_id": "12", "reduce_job_id": "13", "cases": ["../x"]})", "cases[0] = '../x'"}};
    for (const auto& [text, field] : bad) {
        const std::string message =
            test::inputErrorOf([&] { SlurmJobs::fromJson(nlohmann::json::parse(text), "/s/slurm/jobs.json"); });
        EXPECT_EQ(message.rfind("'/s/slurm/jobs.json': ", 0), 0u) << text << ": " << message;
        EXPECT_NE(message.find(field), std::string::npos) << text << ": " << message;
    }
    const auto dry = SlurmJobs::fromJson(
        nlohmann::json::parse(R"({"array_job_id": null, "reduce_job_id": null, "cases": ["solo"]})"), "f");
    EXPECT_FALSE(dry.submitted());
    const auto real = SlurmJobs::fromJson(
        nlohmann::json::parse(R"({"array_job_id": "41", "reduce_job_id": "42", "cases": ["solo"], "ntasks": 1})"),
        "f");
    EXPECT_EQ(real.arrayJobId, "41");
    EXPECT_EQ(real.reduceJobId, "42");
    EXPECT_EQ(real.cases, std::vector<std::string>{"solo"});
}

TEST(SlurmJobs, ReadRefusesInvalidJsonAndIgnoresAMissingFile) {
    TempDir tmp;
    EXPECT_FALSE(SlurmJobs::read(tmp.path()).has_value());
    writeFile(tmp.path() + "/slurm/jobs.json", "{\"array_job_id\": \"1");
    const std::string message = test::inputErrorOf([&] { SlurmJobs::read(tmp.path()); });
    EXPECT_NE(message.find("/slurm/jobs.json': not valid JSON"), std::string::npos) << message;
}

// jobs.json has one type: what submit writes reads back to the same record, key for key.
TEST(SlurmJobs, WhatSubmitWritesReadsBackTheSame) {
    SlurmJobs jobs;
    jobs.arrayJobId = "1234";
    jobs.reduceJobId = "1235";
    jobs.cases = {"solo", "ahead-f1.3"};
    jobs.arrayScript = "/sweeps/s/slurm/array.sbatch";
    jobs.reduceScript = "/sweeps/s/slurm/reduce.sbatch";
    jobs.throttle = 4;
    jobs.ntasks = 2;
    const nlohmann::json written = jobs.toJson();
    EXPECT_EQ(written["array_job_id"], "1234");
    EXPECT_EQ(written["throttle"], 4);
    EXPECT_EQ(SlurmJobs::fromJson(written, "jobs.json").toJson(), written);
    // A dry run records no ids: null, not "".
    SlurmJobs dry;
    dry.cases = {"solo"};
    dry.dryRun = true;
    EXPECT_TRUE(dry.toJson()["array_job_id"].is_null());
    EXPECT_EQ(SlurmJobs::fromJson(dry.toJson(), "jobs.json").toJson(), dry.toJson());
}
