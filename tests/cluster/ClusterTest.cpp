// The Slurm backend against a REAL single-node Slurm cluster on localhost (label cluster):
// tests/cluster/slurm-cluster.sh starts munged, slurmctld and slurmd from Debian's slurm-wlm with
// everything under a temp dir, and stops them after the suite.
#include "common/JsonFile.hpp"
#include "common/Process.hpp"
#include "TestSupport.hpp"
#include "support/Close.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using drafting::common::JsonFile;
using drafting::test::runCommand;
using drafting::test::runningSolver;
using drafting::test::TempDir;
using drafting::test::treeSnapshot;
using drafting::test::writeFile;

namespace fs = std::filesystem;

namespace {

const std::string kScript = std::string(DRAFTING_SOURCE_DIR) + "/tests/cluster/slurm-cluster.sh";
const char* kConfig = "name = cluster\n[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.3\n"
                      "[solver]\nmax_iterations = 200\n";

// Every job's output, for a failure message.
std::string jobLogs(const std::string& sweepDir) {
    std::string text;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(sweepDir + "/slurm/logs", ec))
        text += "== " + f.path().string() + "\n" + drafting::test::readFile(f.path().string());
    return text;
}

class ClusterSlurm : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        clusterDir_ = std::make_unique<TempDir>();
        const auto r = runCommand({"/bin/bash", kScript, "start", clusterDir_->path() + "/cluster"});
        startLog_ = "exit " + std::to_string(r.exitCode) + "\n" + r.out + r.err;
        started_ = r.exitCode == 0;
        // Every client (sbatch in draft-cases, squeue here) finds the test cluster through SLURM_CONF.
        if (started_) setenv("SLURM_CONF", (clusterDir_->path() + "/cluster/slurm.conf").c_str(), 1);
    }
    static void TearDownTestSuite() {
        if (clusterDir_) runCommand({"/bin/bash", kScript, "stop", clusterDir_->path() + "/cluster"});
        clusterDir_.reset();
    }
    void SetUp() override {
        // Never skipped: a machine without Slurm fails here with what to do.
        ASSERT_TRUE(started_) << "the local Slurm cluster did not start (run scripts/setup-deps.sh):\n" << startLog_;
    }

    static std::string queue() {
        const std::string squeue = drafting::common::Process::which("squeue");
        return squeue.empty() ? "squeue not found" : runCommand({squeue, "-h"}).out;
    }

    static std::unique_ptr<TempDir> clusterDir_;
    static bool started_;
    static std::string startLog_;
};

std::unique_ptr<TempDir> ClusterSlurm::clusterDir_;
bool ClusterSlurm::started_ = false;
std::string ClusterSlurm::startLog_;

TEST_F(ClusterSlurm, DryRunWritesTheArrayScriptWithTheOptionsAndSubmitsNothing) {
    TempDir tmp;
    writeFile(tmp.path() + "/s.cfg", kConfig);
    const std::string dir = tmp.path() + "/sweep";
    const auto r = runCommand({DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", dir, "--backend", "slurm",
                               "--dry-run", "--jobs", "2", "--partition", "debug", "--account", "physics",
                               "--time", "0-01:30:00", "--module", "openfoam/v1912", "--module", "openmpi",
                               "--ntasks", "2"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    const std::string script = drafting::test::readFile(dir + "/slurm/array.sbatch");
    for (const char* line : {"#SBATCH --array=0-1%2\n", "#SBATCH --partition=debug\n", "#SBATCH --account=physics\n",
                             "#SBATCH --time=0-01:30:00\n", "#SBATCH --ntasks=2\n", "#SBATCH --signal=B:USR1@60\n",
                             "#SBATCH --requeue\n", "module load openfoam/v1912 || exit 1\nmodule load openmpi || exit 1\n",
                             " run-task "})
        EXPECT_NE(script.find(line), std::string::npos) << line << "\n" << script;
    const std::string reduce = drafting::test::readFile(dir + "/slurm/reduce.sbatch");
    EXPECT_NE(reduce.find("/draft-post " + fs::absolute(dir).string()), std::string::npos) << reduce;
    // The case with more runners (longer) first: the short solo case fills the last wave.
    EXPECT_EQ(drafting::test::readFile(dir + "/slurm/cases.txt"), "0 ahead-f1.3\n1 solo\n");
    EXPECT_FALSE(fs::exists(dir + "/slurm/jobs.json"));
    EXPECT_EQ(queue(), "");
}

TEST_F(ClusterSlurm, HostileOptionsAreRefusedInOneLineAndNothingIsWritten) {
    struct Bad {
        std::vector<std::string> args;
        const char* named;
    };
    const std::vector<Bad> bad = {{{"--partition", "a;rm -rf /"}, "--partition = 'a;rm -rf /'"},
                                  {{"--time", "forever"}, "--time = 'forever'"},
                                  {{"--module", "$(id)"}, "--module = '$(id)'"},
                                  {{"--account", "x`id`"}, "--account = 'x`id`'"},
                                  {{"--module", "ok", "--module", "a\nb"}, "--module = 'a\\nb'"}};
    for (const auto& b : bad) {
        TempDir tmp;
        writeFile(tmp.path() + "/s.cfg", kConfig);
        const std::string before = treeSnapshot(tmp.path());
        std::vector<std::string> argv{DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", tmp.path() + "/sweep",
                                      "--backend", "slurm"};
        argv.insert(argv.end(), b.args.begin(), b.args.end());
        const auto r = runCommand(argv);
        EXPECT_EQ(r.exitCode, 1) << b.named << r.err;
        EXPECT_NE(r.err.find(b.named), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_EQ(treeSnapshot(tmp.path()), before) << b.named;
    }
    EXPECT_EQ(queue(), "");
}

// The sweep through the live cluster matches the same sweep run here, to rounding: same binaries,
// same inputs. Then status shows the jobs, and a second submission has nothing left to do.
TEST_F(ClusterSlurm, SweepThroughTheClusterMatchesALocalRunAndStatusShowsTheJobs) {
    TempDir tmp;
    writeFile(tmp.path() + "/s.cfg", kConfig);
    const std::string local = tmp.path() + "/local";
    const std::string remote = tmp.path() + "/slurm";
    const auto l = runCommand({DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", local, "--jobs", "2"});
    ASSERT_EQ(l.exitCode, 0) << l.out << l.err;
    const auto lp = runCommand({DRAFT_POST_BIN, local, "--no-plot"});
    ASSERT_EQ(lp.exitCode, 0) << lp.out << lp.err;

    const auto s = runCommand({DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", remote, "--backend", "slurm",
                               "--wait", "--jobs", "2", "--time", "15"});
    ASSERT_EQ(s.exitCode, 0) << s.out << s.err << jobLogs(remote);
    EXPECT_NE(s.out.find("submitted job array"), std::string::npos) << s.out;
    const auto jobs = drafting::common::JsonFile::read(remote + "/slurm/jobs.json");
    ASSERT_TRUE(jobs["array_job_id"].is_string()) << jobs.dump();

    const auto manifest = drafting::common::JsonFile::read(remote + "/manifest.json");
    for (const auto& c : manifest["cases"]) EXPECT_EQ(c["status"], "ok") << c.dump();

    // savings.json was written by the reduce job (draft-post) on the cluster.
    ASSERT_TRUE(fs::exists(remote + "/savings.json"));
    const auto a = drafting::common::JsonFile::read(local + "/savings.json");
    const auto b = drafting::common::JsonFile::read(remote + "/savings.json");
    const auto& ra = a.contains("rows") ? a["rows"] : a["cases"];
    const auto& rb = b.contains("rows") ? b["rows"] : b["cases"];
    ASSERT_EQ(ra.size(), rb.size()) << b.dump();
    ASSERT_GE(ra.size(), 2u);
    for (std::size_t i = 0; i < ra.size(); ++i) {
        ASSERT_TRUE(ra[i]["drag_lead_N"].is_number()) << ra[i].dump();
        const double x = ra[i]["drag_lead_N"].get<double>(), y = rb[i]["drag_lead_N"].get<double>();
        EXPECT_CLOSE(y, x, 1e-6, 0.0) << ra[i]["case"];
    }

    const auto st = runCommand({DRAFT_CASES_BIN, "status", remote, "--json"});
    ASSERT_EQ(st.exitCode, 0) << st.err;
    const auto status = nlohmann::json::parse(st.out);
    EXPECT_EQ(status["slurm"]["array_job_id"], jobs["array_job_id"]);
    EXPECT_EQ(status["slurm"]["reduce_job_id"], jobs["reduce_job_id"]);
    EXPECT_EQ(status["slurm"]["reduce_state"], "COMPLETED");
    for (const auto& c : status["cases"]) {
        ASSERT_TRUE(c.contains("slurm")) << c.dump();
        EXPECT_EQ(c["slurm"]["state"], "COMPLETED") << c.dump();
        EXPECT_EQ(c["slurm"]["job_id"].get<std::string>().rfind(jobs["array_job_id"].get<std::string>() + "_", 0), 0u);
    }
    const auto table = runCommand({DRAFT_CASES_BIN, "status", remote});
    EXPECT_NE(table.out.find("slurm: job array " + jobs["array_job_id"].get<std::string>()), std::string::npos)
        << table.out;

    // A task run again (as after a requeue) finds its finished case and does not re-run it.
    const std::string before = treeSnapshot(remote + "/solo");
    const auto again = runCommand({DRAFT_CASES_BIN, "run-task", remote, "--index", "1"});  // solo
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("already finished"), std::string::npos) << again.out;
    EXPECT_EQ(treeSnapshot(remote + "/solo"), before);

    // Everything finished: nothing to submit.
    const auto none = runCommand({DRAFT_CASES_BIN, "run", remote, "--backend", "slurm"});
    EXPECT_EQ(none.exitCode, 0) << none.err;
    EXPECT_NE(none.out.find("nothing to submit"), std::string::npos) << none.out;
}

// SIGUSR1 before the wall-time limit (what --signal=B:USR1@S sends): the task stops its solver,
// drops the stopped program's result and leaves the case pending with the reason (a case this short
// has no checkpoint yet, so it runs again from the start); submitting again finishes it.
TEST_F(ClusterSlurm, UsrOneStopsATaskCleanlyAndASecondSubmissionFinishesTheCase) {
    TempDir tmp;
    writeFile(tmp.path() + "/s.cfg", "name = stop\n[formation]\npreset = solo\n"
                                     "[solver]\nmax_iterations = 4000\ntolerance = 1e-12\n");
    const std::string dir = tmp.path() + "/slurm";
    const auto s = runCommand({DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", dir, "--backend", "slurm"});
    ASSERT_EQ(s.exitCode, 0) << s.out << s.err;
    const std::string array = drafting::common::JsonFile::read(dir + "/slurm/jobs.json")["array_job_id"];

    // Once the solver runs, signal the batch shell as Slurm would before the limit.
    bool running = false;
    for (int i = 0; i < 1200 && !running; ++i) {
        running = fs::exists(dir + "/solo/log.draftFoam") && fs::exists(dir + "/solo/running.pgid");
        if (!running) usleep(100000);
    }
    ASSERT_TRUE(running) << queue() << jobLogs(dir);
    long solver = 0;
    std::ifstream(dir + "/solo/running.pgid") >> solver;
    const std::string scancel = drafting::common::Process::which("scancel");
    ASSERT_FALSE(scancel.empty());
    ASSERT_EQ(runCommand({scancel, "--batch", "--signal=USR1", array}).exitCode, 0);
    for (int i = 0; i < 600 && queue().find(array) != std::string::npos; ++i) usleep(100000);
    EXPECT_EQ(queue().find(array), std::string::npos) << queue();

    auto manifest = drafting::common::JsonFile::read(dir + "/manifest.json");
    EXPECT_EQ(manifest["cases"][0]["status"], "pending") << manifest.dump();
    EXPECT_NE(manifest["cases"][0]["reason"].get<std::string>().find("interrupted by SIGUSR1"), std::string::npos)
        << manifest.dump();
    EXPECT_FALSE(fs::exists(dir + "/solo/running.pgid"));
    EXPECT_FALSE(fs::exists(dir + "/solo/results.json"));
    // The solver is gone (or a zombie nobody waits for), not running on in the case.
    std::string state = "gone";
    std::ifstream("/proc/" + std::to_string(solver) + "/stat") >> state >> state >> state;
    EXPECT_TRUE(solver > 0 && (state == "gone" || state == "Z")) << "solver " << solver << " state " << state;

    const auto again = runCommand({DRAFT_CASES_BIN, "run", dir, "--backend", "slurm", "--wait"});
    ASSERT_EQ(again.exitCode, 0) << again.out << again.err << jobLogs(dir);
    manifest = drafting::common::JsonFile::read(dir + "/manifest.json");
    EXPECT_EQ(manifest["cases"][0]["status"], "ok") << manifest.dump();
    EXPECT_EQ(drafting::common::JsonFile::read(dir + "/solo/results.json")["iterations"], 4000);
}

// --retries reaches the array task: kill -9 of a task's solver makes the task run its case again
// inside the same allocation, and the sweep still ends ok with the uninterrupted result.
TEST_F(ClusterSlurm, AKilledSolverIsRetriedInsideItsTask) {
    TempDir tmp;
    writeFile(tmp.path() + "/s.cfg", "name = retry\n[formation]\npreset = solo\n"
                                     "[solver]\nmax_iterations = 600\ntolerance = 1e-12\n");
    const std::string local = tmp.path() + "/local", dir = tmp.path() + "/slurm";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", local, "--jobs", "1"}).exitCode, 0);

    const std::string log = tmp.path() + "/submit.log";
    const pid_t submitter = drafting::test::spawnLogged(
        {DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", dir, "--backend", "slurm", "--wait", "--retries", "1"},
        log);
    long solver = 0;  // read once: a finished solver leaves no pid
    ASSERT_TRUE(drafting::test::waitFor([&] { return (solver = runningSolver(dir + "/solo")) > 1; }))
        << drafting::test::readFile(log) << queue() << jobLogs(dir);
    ASSERT_EQ(kill(static_cast<pid_t>(solver), SIGKILL), 0);
    int status = 0;
    waitpid(submitter, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << drafting::test::readFile(log) << jobLogs(dir);

    EXPECT_NE(drafting::test::readFile(dir + "/slurm/array.sbatch").find(" --retries 1 "), std::string::npos);
    const std::string logs = jobLogs(dir);
    EXPECT_NE(logs.find("solo: draftFoam exited with code 137"), std::string::npos) << logs;
    EXPECT_NE(logs.find("retrying (1 of 1)"), std::string::npos) << logs;
    EXPECT_EQ(drafting::common::JsonFile::read(dir + "/manifest.json")["cases"][0]["status"], "ok");
    const auto a = drafting::common::JsonFile::read(local + "/solo/results.json"), b = drafting::common::JsonFile::read(dir + "/solo/results.json");
    EXPECT_EQ(b["iterations"], a["iterations"]);
    EXPECT_DOUBLE_EQ(b["bodies"]["lead"]["drag_N"].get<double>(), a["bodies"]["lead"]["drag_N"].get<double>());
}

// --ntasks 2: the task runs its case on two MPI ranks inside the allocation (mpirun under Slurm),
// and the drag agrees with a serial local run within 0.5 %.
TEST_F(ClusterSlurm, ATaskOnTwoRanksAgreesWithSerialWithinHalfAPercent) {
    TempDir tmp;
    writeFile(tmp.path() + "/s.cfg", kConfig);
    const std::string local = tmp.path() + "/local", dir = tmp.path() + "/slurm";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", local, "--jobs", "2"}).exitCode, 0);
    const auto s = runCommand({DRAFT_CASES_BIN, "sweep", tmp.path() + "/s.cfg", "-o", dir, "--backend", "slurm",
                               "--wait", "--ntasks", "2", "--jobs", "1"});
    ASSERT_EQ(s.exitCode, 0) << s.out << s.err << jobLogs(dir);
    for (const char* name : {"solo", "ahead-f1.3"}) {
        const auto a = drafting::common::JsonFile::read(local + "/" + std::string(name) + "/results.json");
        const auto b = drafting::common::JsonFile::read(dir + "/" + std::string(name) + "/results.json");
        EXPECT_EQ(b["mpi_ranks"], 2) << name;
        for (const auto& [body, forces] : a["bodies"].items()) {
            const double serial = forces["drag_N"].get<double>(), parallel = b["bodies"][body]["drag_N"].get<double>();
            EXPECT_CLOSE(parallel, serial, 0.005, 0.0) << name << " " << body;
        }
        EXPECT_FALSE(fs::exists(dir + "/" + std::string(name) + "/processor0")) << name;
    }
}

}  // namespace
