// SlurmBackend::prepare (label unit; no cluster needed): a manifest whose names would become
// script lines is refused, and every line of the job script comes from a checked value.
#include "common/Error.hpp"
#include "cases/slurm/SlurmBackend.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/files/ToolPaths.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

using namespace drafting;
using drafting::test::TempDir;
using drafting::test::treeSnapshot;
using drafting::test::writeFile;
using drafting::cases::slurm::SlurmBackend;

namespace fs = std::filesystem;

namespace {

// A manifest of the shape `generate` writes, with the sweep and case names given.
std::string manifest(const std::string& sweepName, const std::string& caseName = "solo") {
    const nlohmann::json cases = nlohmann::json::array(
        {{{"name", caseName}, {"parameters", {{"runners", nlohmann::json::array({{{"name", "lead"}}})}}},
          {"status", "pending"}, {"reason", ""}},
         {{"name", "ahead-f1.3"},
          {"parameters", {{"runners", nlohmann::json::array({{{"name", "lead"}}, {{"name", "p1"}}})}}},
          {"status", "ok"}, {"reason", ""}}});
    return nlohmann::json({{"name", sweepName}, {"config", drafting::cases::config::SweepConfig::parse("").toJson()}, {"cases", cases}})
        .dump(2);
}

drafting::cases::files::ToolPaths tools() {
    drafting::cases::files::ToolPaths t;
    t.binDir = "/opt/drafting/bin";
    return t;
}

}  // namespace

TEST(SlurmBackend, AHostileSweepNameInTheManifestIsRefusedAndNothingIsWritten) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/sweep";
    writeFile(dir + "/manifest.json", manifest("x\ntouch /tmp/PWNED\n#"));
    const std::string before = treeSnapshot(tmp.path());
    SlurmBackend::Options options;
    options.dryRun = true;
    std::ostringstream log;
    const std::string message = test::inputErrorOf([&] { SlurmBackend::submit(dir, options, tools(), log); });
    EXPECT_NE(message.find("manifest.json': name = 'x\\ntouch /tmp/PWNED\\n#'"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(treeSnapshot(tmp.path()), before);
    EXPECT_FALSE(fs::exists(dir + "/slurm"));
}

TEST(SlurmBackend, EveryScriptLineComesFromACheckedValue) {
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
        EXPECT_NE(test::inputErrorOf([&] { SlurmBackend::prepare(dir, hostile, tools()); }), "");
    }
    drafting::cases::files::ToolPaths spaced;
    spaced.binDir = "/opt/my tools/bin";
    EXPECT_NE(test::inputErrorOf([&] { SlurmBackend::prepare(dir, options, spaced); }).find("draft-cases = '/opt/my tools"),
              std::string::npos);
}

TEST(SlurmBackend, ATamperedJobsJsonIsRefusedBeforeSubmittingButNotReadByADryRun) {
    TempDir tmp;
    const std::string dir = tmp.path() + "/sweep";
    writeFile(dir + "/manifest.json", manifest("cluster"));
    writeFile(dir + "/slurm/jobs.json", R"j({"array_job_id": "$(id)", "reduce_job_id": "13", "cases": []})j");
    SlurmBackend::Options options;
    EXPECT_NE(test::inputErrorOf([&] { SlurmBackend::prepare(dir, options, tools()); }).find("array_job_id = '$(id)'"),
              std::string::npos);
    options.dryRun = true;
    EXPECT_EQ(test::inputErrorOf([&] { SlurmBackend::prepare(dir, options, tools()); }), "");
}
