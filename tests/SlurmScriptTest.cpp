// What reaches a Slurm job script or a Slurm client (label unit; no cluster needed): the rules of
// SlurmValue, the checks of a tampered jobs.json, and SlurmBackend::prepare refusing a manifest whose
// names would become script lines.
#include "cases/ConfigError.hpp"
#include "cases/SlurmBackend.hpp"
#include "cases/SlurmClient.hpp"
#include "cases/SlurmJobs.hpp"
#include "cases/SlurmValue.hpp"
#include "cases/SweepConfig.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

using drafting::cases::ConfigError;
using drafting::cases::SlurmBackend;
using drafting::cases::SlurmClient;
using drafting::cases::SlurmJobs;
using drafting::cases::SlurmValue;
using drafting::test::TempDir;
using drafting::test::treeSnapshot;
using drafting::test::writeFile;

namespace fs = std::filesystem;

namespace {

// The ConfigError's message, or "" when `check` accepts.
template <typename F>
std::string refusal(F check) {
    try {
        check();
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

// A manifest of the shape `generate` writes, with the sweep and case names given.
std::string manifest(const std::string& sweepName, const std::string& caseName = "solo") {
    const nlohmann::json cases = nlohmann::json::array(
        {{{"name", caseName}, {"parameters", {{"runners", nlohmann::json::array({{{"name", "lead"}}})}}},
          {"status", "pending"}, {"reason", ""}},
         {{"name", "ahead-f1.3"},
          {"parameters", {{"runners", nlohmann::json::array({{{"name", "lead"}}, {{"name", "p1"}}})}}},
          {"status", "ok"}, {"reason", ""}}});
    return nlohmann::json({{"name", sweepName}, {"config", drafting::cases::SweepConfig::parse("").toJson()}, {"cases", cases}})
        .dump(2);
}

drafting::cases::ToolPaths tools() {
    drafting::cases::ToolPaths t;
    t.binDir = "/opt/drafting/bin";
    return t;
}

TEST(SlurmScriptTime, AcceptsSlurmsFormatsWithTheirSeconds) {
    const std::pair<const char*, long long> good[] = {
        {"30", 1800},         {"90:00", 5400},           {"5:7", 307},        {"2:00:00", 7200},
        {"48:00:00", 172800}, {"1-0", 86400},            {"1-23", 169200},    {"0-01:30", 5400},
        {"0-01:30:00", 5400}, {"2-23:59:59", 259199},    {"0:30", 30},        {"365-0", 365 * 86400}};
    for (const auto& [text, seconds] : good) {
        EXPECT_EQ(SlurmValue::timeLimitSeconds(text), seconds) << text;
        EXPECT_EQ(refusal([&] { SlurmValue::timeLimit("--time", text); }), "") << text;
    }
}

TEST(SlurmScriptTime, RefusesFieldsBeyondTheirUnitZeroAndMoreThanAYear) {
    const std::pair<const char*, const char*> bad[] = {
        {"1-99:99:99", "hours after the days must be below 24"},
        {"1-24", "hours after the days must be below 24"},
        {"1-25:00:00", "hours after the days must be below 24"},
        {"0:60:00", "minutes must be below 60"},
        {"1:00:60", "seconds must be below 60"},
        {"10:60", "seconds must be below 60"},
        {"0-00:59:60", "seconds must be below 60"},
        {"0", "a limit of 0 means none"},
        {"0-0:0:0", "a limit of 0 means none"},
        {"366-0", "more than 365 days"},
        {"999999999", "more than 365 days"},
        {"", "use a Slurm time limit"},
        {"1-", "use a Slurm time limit"},
        {"-5", "use a Slurm time limit"},
        {"1:2:3:4", "use a Slurm time limit"},
        {" 30", "use a Slurm time limit"},
        {"30\n#SBATCH --uid=0", "use a Slurm time limit"},
        {"UNLIMITED", "use a Slurm time limit"},
        {"1e3", "use a Slurm time limit"}};
    for (const auto& [text, why] : bad) {
        EXPECT_FALSE(SlurmValue::timeLimitSeconds(text).has_value()) << text;
        const std::string message = refusal([&] { SlurmValue::timeLimit("--time", text); });
        EXPECT_NE(message.find(why), std::string::npos) << text << ": " << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

TEST(SlurmScriptModule, AcceptsSiteModuleNamesAndRefusesOptionsAndShellWords) {
    for (const char* good : {"openfoam/v1912", "openmpi", "gcc/12.2.0", "OpenFOAM/v2306-foss-2023a", "python3+mpi"})
        EXPECT_EQ(refusal([&] { SlurmValue::module("--module", good); }), "") << good;
    for (const char* bad : {"--help", "-s", "openmpi/-x", "/etc/passwd", "a//b", "a/", "", "a/../b", "$(id)",
                            "a b", "a;b", "x\nid", "mpi@4.1", "~/mods"}) {
        const std::string message = refusal([&] { SlurmValue::module("--module", bad); });
        EXPECT_EQ(message.rfind("--module = '", 0), 0u) << bad << ": " << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
    EXPECT_NE(refusal([&] { SlurmValue::module("--module", std::string(129, 'a')); }), "");
}

TEST(SlurmScriptValue, NamesPathsAndJobIdsFollowOneRuleEach) {
    EXPECT_EQ(refusal([] { SlurmValue::name("--partition", "debug"); }), "");
    EXPECT_EQ(refusal([] { SlurmValue::name("--partition", "-p"); }), "--partition = '-p': use letters, digits, "
                                                                        "'_', '-', '.' (at most 64, starting with a "
                                                                        "letter or digit, no '..')");
    EXPECT_NE(refusal([] { SlurmValue::name("name", "x\ntouch /tmp/PWNED\n#"); }).find("'x\\ntouch /tmp/PWNED\\n#'"),
              std::string::npos);
    EXPECT_EQ(refusal([] { SlurmValue::path("sweep directory", "/shared/runs/mine-2"); }), "");
    for (const char* bad : {"relative/dir", "/a b", "/a\n#SBATCH", "/a;b", "/$HOME"})
        EXPECT_NE(refusal([&] { SlurmValue::path("sweep directory", bad); }), "") << bad;
    for (const char* good : {"1", "123456", "4294967295"}) EXPECT_TRUE(SlurmValue::isJobId(good)) << good;
    for (const char* bad : {"", "0", "012", "4294967296", "12345678901", "12_3", "-1", "--help", "12 ", "1e3"})
        EXPECT_FALSE(SlurmValue::isJobId(bad)) << bad;
}

TEST(SlurmScriptClient, RefusesAJobIdThatIsNotANumberBeforeRunningScontrol) {
    // Old code handed these to `scontrol show job -o ID`, where "--help" is an option.
    for (const char* bad : {"--help", "1;2", "123abc"}) {
        EXPECT_NE(refusal([&] { SlurmClient::jobState(bad); }), "") << bad;
        EXPECT_NE(refusal([&] { SlurmClient::arrayStates(bad); }), "") << bad;
        EXPECT_NE(refusal([&] { SlurmClient::inQueue({bad}); }), "") << bad;
    }
}

TEST(SlurmScriptJobs, TamperedJobsJsonIsRefusedNamingTheField) {
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
            refusal([&] { SlurmJobs::fromJson(nlohmann::json::parse(text), "/s/slurm/jobs.json"); });
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

TEST(SlurmScriptJobs, ReadRefusesInvalidJsonAndIgnoresAMissingFile) {
    TempDir tmp;
    EXPECT_FALSE(SlurmJobs::read(tmp.path()).has_value());
    writeFile(tmp.path() + "/slurm/jobs.json", "{\"array_job_id\": \"1");
    const std::string message = refusal([&] { SlurmJobs::read(tmp.path()); });
    EXPECT_NE(message.find("/slurm/jobs.json': not valid JSON"), std::string::npos) << message;
}

TEST(SlurmScriptPrepare, AHostileSweepNameInTheManifestIsRefusedAndNothingIsWritten) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/sweep";
    writeFile(dir + "/manifest.json", manifest("x\ntouch /tmp/PWNED\n#"));
    const std::string before = treeSnapshot(tmp.path());
    SlurmBackend::Options options;
    options.dryRun = true;
    std::ostringstream log;
    const std::string message = refusal([&] { SlurmBackend::submit(dir, options, tools(), log); });
    EXPECT_NE(message.find("manifest.json': name = 'x\\ntouch /tmp/PWNED\\n#'"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(treeSnapshot(tmp.path()), before);
    EXPECT_FALSE(fs::exists(dir + "/slurm"));
}

TEST(SlurmScriptPrepare, EveryScriptLineComesFromACheckedValue) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/sweep";
    writeFile(dir + "/manifest.json", manifest("cluster"));
    // "ok" counts with its results on disk only (SweepLayout::hasFinishedResults).
    const nlohmann::json body = {{"drag_N", 2.0}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01},
                                 {"cda_m2", 2.0 / 26.5}, {"cd", 2.0 / 26.5 / 0.365}, {"reference_area_m2", 0.365}};
    writeFile(dir + "/ahead-f1.3/results.json",
              nlohmann::json({{"case", "ahead-f1.3"}, {"status", "ok"}, {"reason", ""}, {"iterations", 300},
                              {"converged", true}, {"bodies", {{"lead", body}, {"p1", body}}}})
                  .dump());
    SlurmBackend::Options options;
    options.partition = "debug";
    options.timeLimit = "1-12:00:00";
    options.modules = {"openfoam/v1912"};
    const auto p = SlurmBackend::prepare(dir, options, tools());
    EXPECT_EQ(p.todo, std::vector<std::string>{"solo"});  // ahead-f1.3 is ok already
    EXPECT_EQ(p.casesList, "0 solo\n");
    EXPECT_NE(p.arrayScript.find("#SBATCH --job-name=draft-cluster\n"), std::string::npos) << p.arrayScript;
    EXPECT_NE(p.arrayScript.find("#SBATCH --time=1-12:00:00\n"), std::string::npos);
    EXPECT_NE(p.arrayScript.find("\nmodule load openfoam/v1912 || exit 1\n"), std::string::npos);
    EXPECT_NE(p.reduceScript.find("\n/opt/drafting/bin/draft-post " + fs::absolute(dir).lexically_normal().string() +
                                  "\n"),
              std::string::npos)
        << p.reduceScript;
    EXPECT_FALSE(fs::exists(dir + "/slurm"));  // prepare writes nothing

    // Options set by any caller, not only the command line, are checked where they enter the script.
    for (auto set : std::vector<void (*)(SlurmBackend::Options&)>{
             [](SlurmBackend::Options& o) { o.modules = {"--help"}; },
             [](SlurmBackend::Options& o) { o.timeLimit = "1-99:99:99"; },
             [](SlurmBackend::Options& o) { o.account = "a\n#SBATCH --uid=0"; },
             [](SlurmBackend::Options& o) { o.maxParallel = -1; }}) {
        SlurmBackend::Options hostile = options;
        set(hostile);
        EXPECT_NE(refusal([&] { SlurmBackend::prepare(dir, hostile, tools()); }), "");
    }
    drafting::cases::ToolPaths spaced;
    spaced.binDir = "/opt/my tools/bin";
    EXPECT_NE(refusal([&] { SlurmBackend::prepare(dir, options, spaced); }).find("draft-cases = '/opt/my tools"),
              std::string::npos);
}

TEST(SlurmScriptPrepare, ATamperedJobsJsonIsRefusedBeforeSubmittingButNotReadByADryRun) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/sweep";
    writeFile(dir + "/manifest.json", manifest("cluster"));
    writeFile(dir + "/slurm/jobs.json", R"j({"array_job_id": "$(id)", "reduce_job_id": "13", "cases": []})j");
    SlurmBackend::Options options;
    EXPECT_NE(refusal([&] { SlurmBackend::prepare(dir, options, tools()); }).find("array_job_id = '$(id)'"),
              std::string::npos);
    options.dryRun = true;
    EXPECT_EQ(refusal([&] { SlurmBackend::prepare(dir, options, tools()); }), "");
}

}  // namespace
