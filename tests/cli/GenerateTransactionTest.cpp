// generate as a transaction (issue 12): a finished sweep survives any generate, valid or not,
// with its results intact or explicitly replaced (--force); folders we did not make are refused.
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "cases/files/SweepLayout.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <tuple>

namespace fs = std::filesystem;
using drafting::test::readFile;
using drafting::test::runCommand;
using drafting::test::TempDir;
using drafting::test::treeSnapshot;
using drafting::test::writeFile;

namespace {

const char* kConfig = "name = tx\n[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.0, 1.5\n";

std::vector<std::string> generateArgs(const std::string& cfg, const std::string& dir,
                                      std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{DRAFT_CASES_BIN, "generate", cfg, "-o", dir};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

// A result as runnerDrag writes it, without running the solver.
void finish(const std::string& dir, const std::string& name, double drag) {
    const nlohmann::json body = {{"drag_N", drag},        {"side_N", 0.0},      {"lift_N", 0.0},
                                 {"drag_std_N", 0.01},     {"cda_m2", drag / 26.5}, {"cd", drag / 26.5 / 0.365},
                                 {"reference_area_m2", 0.365}};
    drafting::common::JsonFile::writeAtomic(dir + "/" + name + "/results.json",
                                           {{"case", name}, {"status", "ok"}, {"reason", ""}, {"iterations", 500},
                                            {"converged", true}, {"bodies", {{"lead", body}}}});
}

// Generates `dir` from `cfg` and marks every case finished, as `run` would (manifest included).
void finishedSweep(const std::string& cfg, const std::string& dir) {
    const auto r = runCommand(generateArgs(cfg, dir));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto manifest = drafting::cases::files::Manifest::read(dir);
    double drag = 7.0;
    for (auto& e : manifest.cases) {
        finish(dir, e.name, drag);
        drag -= 1.0;
        e.status = "ok";
    }
    manifest.write(dir);
}

std::set<std::string> caseNames(const std::string& dir) {
    std::set<std::string> names;
    for (const auto& e : drafting::cases::files::Manifest::read(dir).cases) names.insert(e.name);
    return names;
}

// The manifest tells the truth: every case it calls finished has its finished results on disk.
void expectManifestAgreesWithDisk(const std::string& dir) {
    for (const auto& e : drafting::cases::files::Manifest::read(dir).cases) {
        if (e.status != "ok") continue;
        const std::string results = dir + "/" + e.name + "/results.json";
        ASSERT_TRUE(fs::exists(results)) << e.name << " is ok in the manifest but has no results";
        EXPECT_EQ(drafting::common::JsonFile::read(results).at("status"), "ok") << e.name;
    }
}

// The tree without the lock file, whose content is the pid of the last command that held it.
std::string snapshotWithoutLock(const std::string& dir) {
    std::string tree = treeSnapshot(dir);
    const auto at = tree.find(".draft-cases.lock ");
    if (at != std::string::npos) tree.erase(at, tree.find('\n', at) - at + 1);
    return tree;
}

// A generate of the same config over a finished sweep of three cases: up to date, and not a byte
// of the folder changed (draft-post's tables included).
void expectUpToDate(const std::string& cfg, const std::string& dir) {
    const std::string before = snapshotWithoutLock(dir);
    const auto r = runCommand(generateArgs(cfg, dir));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("up to date: 3 case(s), kept 3 finished"), std::string::npos) << r.out;
    EXPECT_EQ(snapshotWithoutLock(dir), before);
}

struct Sweep {
    TempDir tmp;
    std::string cfg = tmp.path() + "/sweep.cfg";
    std::string dir = tmp.path() + "/out";
    Sweep() { writeFile(cfg, kConfig); }
};

}  // namespace

TEST(CliGenerateTransaction, EveryGapTheConfigAcceptsGivesAValidUniqueName) {
    Sweep s;
    const auto plan = runCommand({DRAFT_CASES_BIN, "plan", s.cfg, "--sweep.front_gap", "1.3, 10, 20"});
    ASSERT_EQ(plan.exitCode, 0) << plan.err;
    EXPECT_NE(plan.out.find("ahead-f10:"), std::string::npos) << plan.out;
    const auto r = runCommand(generateArgs(s.cfg, s.dir, {"--sweep.front_gap", "1.3, 10, 20"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(caseNames(s.dir), (std::set<std::string>{"solo", "ahead-f1.3", "ahead-f10", "ahead-f20"}));
    for (const char* name : {"ahead-f10", "ahead-f20"}) EXPECT_TRUE(fs::exists(s.dir + "/" + name + "/case.json"));
}

TEST(CliGenerateTransaction, AFinishedSweepSurvivesABadGap) {
    // The tester's case: a gap that passed plan but failed generate half way deleted every result.
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    const std::string before = treeSnapshot(s.dir);
    for (const char* gaps : {"1.0, 1.5, 10", "1.0, 1.5, 0x10", "1.0, 1.5, 1e999"}) {
        const auto r = runCommand(generateArgs(s.cfg, s.dir, {"--sweep.front_gap", gaps}));
        if (std::string(gaps) == "1.0, 1.5, 10") {
            ASSERT_EQ(r.exitCode, 0) << r.err;  // adds one case, keeps the three finished ones
            EXPECT_NE(r.out.find("kept 3 finished case(s)"), std::string::npos) << r.out;
            expectManifestAgreesWithDisk(s.dir);
            EXPECT_EQ(drafting::test::caseStatus(s.dir, 1), "ok");
        } else {
            EXPECT_EQ(r.exitCode, 1) << gaps << ": " << r.err;
        }
    }
    for (const char* name : {"solo", "ahead-f1", "ahead-f1.5"})
        EXPECT_EQ(drafting::common::JsonFile::read(s.dir + "/" + name + "/results.json").at("status"), "ok") << name;
    EXPECT_NE(treeSnapshot(s.dir), before);  // ahead-f10 was added
}

TEST(CliGenerateTransaction, FinishedResultsAreReplacedOnlyWithForce) {
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    writeFile(s.dir + "/savings.csv", "old table\n");
    writeFile(s.dir + "/report.html", "<p>old</p>\n");
    const std::string before = treeSnapshot(s.dir);

    // Another speed changes every case; another gap list drops one.
    for (const auto& change : std::vector<std::vector<std::string>>{{"--run.speed", "6"},
                                                                     {"--sweep.front_gap", "1.0"}}) {
        const auto refused = runCommand(generateArgs(s.cfg, s.dir, change));
        EXPECT_EQ(refused.exitCode, 1) << refused.out;
        EXPECT_NE(refused.err.find("finished case(s)"), std::string::npos) << refused.err;
        EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
        EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
        EXPECT_EQ(treeSnapshot(s.dir), before) << change[0];
    }
    const auto forced = runCommand(generateArgs(s.cfg, s.dir, {"--sweep.front_gap", "1.0", "--force"}));
    ASSERT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_NE(forced.out.find("dropped 1 finished case(s)"), std::string::npos) << forced.out;
    EXPECT_EQ(caseNames(s.dir), (std::set<std::string>{"solo", "ahead-f1"}));
    EXPECT_FALSE(fs::exists(s.dir + "/ahead-f1.5"));
    // The tables described the old sweep: they are gone, the kept results are not.
    EXPECT_FALSE(fs::exists(s.dir + "/savings.csv"));
    EXPECT_FALSE(fs::exists(s.dir + "/report.html"));
    EXPECT_TRUE(fs::exists(s.dir + "/ahead-f1/results.json"));
    EXPECT_FALSE(fs::exists(s.dir + "/.draft-generate"));
    expectManifestAgreesWithDisk(s.dir);
}

TEST(CliGenerateTransaction, AnIdenticalGenerateChangesNothing) {
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    writeFile(s.dir + "/savings.csv", "table of these very cases\n");
    expectUpToDate(s.cfg, s.dir);
}

// manifest.json says which build, host and command generated the cases; a later identical generate
// by another build is still up to date and keeps the record of the generate that wrote them.
TEST(CliGenerateTransaction, TheManifestRecordsItsGenerateAndANewBuildAloneChangesNothing) {
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    auto m = drafting::cases::files::Manifest::read(s.dir);
    ASSERT_TRUE(m.provenance.has_value());
    EXPECT_EQ(m.provenance->command, (std::vector<std::string>{"draft-cases", "generate", s.cfg, "-o", s.dir}));
    EXPECT_EQ(m.provenance->tool, "draft-cases");
    EXPECT_FALSE(m.provenance->commit.empty());
    EXPECT_EQ(m.provenance->openfoam.rfind("v", 0), 0u) << m.provenance->openfoam;
    EXPECT_EQ(m.provenance->date.size(), std::string("2026-11-27T03:00:00Z").size()) << m.provenance->date;
    m.provenance->commit = "an-older-build";
    m.provenance->host = "another-machine";
    m.write(s.dir);
    writeFile(s.dir + "/savings.csv", "table of these very cases\n");
    expectUpToDate(s.cfg, s.dir);
    EXPECT_EQ(drafting::cases::files::Manifest::read(s.dir).provenance->commit, "an-older-build");
}

TEST(CliGenerateTransaction, AManifestFromBeforeItsSchemaIsUpToDateAndKeepsTheTables) {
    // A sweep written before manifest.json had "schema": the same config must not count as a
    // change, or the next generate would throw away draft-post's tables of finished cases.
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    auto old = drafting::common::JsonFile::read(s.dir + "/manifest.json");
    old.erase("schema");
    drafting::common::JsonFile::writeAtomic(s.dir + "/manifest.json", old);
    writeFile(s.dir + "/savings.csv", "table of these very cases\n");
    expectUpToDate(s.cfg, s.dir);

    // A study's level mark survives a plain generate of the same config, and the tables too.
    auto marked = drafting::cases::files::Manifest::read(s.dir);
    marked.studyLevel = "coarse";
    marked.write(s.dir);
    const std::string markedBefore = snapshotWithoutLock(s.dir);
    const auto again = runCommand(generateArgs(s.cfg, s.dir));
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(snapshotWithoutLock(s.dir), markedBefore);
    EXPECT_EQ(drafting::cases::files::Manifest::read(s.dir).studyLevel, "coarse");

    // A changed config still makes the old tables go.
    const auto changed = runCommand(generateArgs(s.cfg, s.dir, {"--sweep.front_gap", "1.0, 1.5, 2.0"}));
    ASSERT_EQ(changed.exitCode, 0) << changed.err;
    EXPECT_FALSE(fs::exists(s.dir + "/savings.csv"));
    EXPECT_EQ(drafting::cases::files::Manifest::read(s.dir).studyLevel, "coarse");
}

TEST(CliGenerateTransaction, FoldersDraftCasesDidNotMakeAreNeverDeleted) {
    Sweep s;
    // A manifest copied next to someone's thesis in a folder named like a case.
    finishedSweep(s.cfg, s.dir);
    TempDir other;
    const std::string foreign = other.path() + "/mine";
    fs::create_directories(foreign + "/solo");
    writeFile(foreign + "/solo/thesis.tex", "\\documentclass{article}\n");
    fs::copy_file(s.dir + "/manifest.json", foreign + "/manifest.json");
    const std::string before = treeSnapshot(other.path());
    const auto r = runCommand(generateArgs(s.cfg, foreign));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.err.find("thesis.tex"), std::string::npos) << r.err;
    EXPECT_EQ(treeSnapshot(other.path()), before);

    // A case folder of ours with a file someone added: not deleted, even with --force.
    writeFile(s.dir + "/ahead-f1/notes.txt", "my notes\n");
    const auto forced = runCommand(generateArgs(s.cfg, s.dir, {"--run.speed", "6", "--force"}));
    EXPECT_EQ(forced.exitCode, 1) << forced.out;
    EXPECT_NE(forced.err.find("notes.txt"), std::string::npos) << forced.err;
    EXPECT_TRUE(fs::exists(s.dir + "/ahead-f1/notes.txt"));

    // A folder with files but no manifest is not a sweep.
    const std::string plain = other.path() + "/plain";
    fs::create_directories(plain);
    writeFile(plain + "/data.csv", "1,2\n");
    const auto notSweep = runCommand(generateArgs(s.cfg, plain));
    EXPECT_EQ(notSweep.exitCode, 1);
    EXPECT_NE(notSweep.err.find("is not a sweep"), std::string::npos) << notSweep.err;
    EXPECT_EQ(readFile(plain + "/data.csv"), "1,2\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(plain), fs::directory_iterator{}), 1);
}

TEST(CliGenerateTransaction, AReplacedBodyFileIsANewBody) {
    // The fingerprint holds the STL's content, not its path.
    Sweep s;
    const std::string stl = s.tmp.path() + "/body.stl";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "geometry", "-o", stl, "--height", "1.57"}).exitCode, 0);
    const std::vector<std::string> threeD{"--mesh.dimension", "3", "--mesh.level", "coarse", "--formation.preset",
                                          "solo", "--geometry.stl", stl};
    auto r = runCommand(generateArgs(s.cfg, s.dir, threeD));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    finish(s.dir, "solo", 7.0);
    r = runCommand(generateArgs(s.cfg, s.dir, threeD));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("kept 1 finished"), std::string::npos) << r.out;
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "geometry", "-o", stl, "--height", "1.57", "--pose", "standing"}).exitCode,
              0);
    r = runCommand(generateArgs(s.cfg, s.dir, threeD));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.err.find("replace 1 finished case(s)"), std::string::npos) << r.err;
}

// Kills generate (DRAFTING_FAULT_AFTER=N: _exit at its N-th disk change) at every point of a
// change that keeps, replaces, adds and drops cases, then checks what a user would see.
TEST(CliGenerateTransaction, KilledAtAnyPointTheSweepIsOldOrNewAndTheNextCommandCompletesIt) {
    Sweep templateSweep;
    finishedSweep(templateSweep.cfg, templateSweep.dir);
    writeFile(templateSweep.dir + "/savings.csv", "old table\n");
    const std::set<std::string> oldNames = caseNames(templateSweep.dir);
    const std::vector<std::string> change{"--sweep.front_gap", "1.5, 2.0", "--force"};  // keep, drop, add
    const std::set<std::string> newNames{"solo", "ahead-f1.5", "ahead-f2"};
    const std::string keptResults = readFile(templateSweep.dir + "/ahead-f1.5/results.json");

    bool completed = false;
    int faultPoints = 0;
    for (int fault = 1; fault < 60 && !completed; ++fault, ++faultPoints) {
        TempDir work;
        const std::string dir = work.path() + "/out";
        fs::copy(templateSweep.dir, dir, fs::copy_options::recursive);
        setenv("DRAFTING_FAULT_AFTER", std::to_string(fault).c_str(), 1);
        const auto killed = runCommand(generateArgs(templateSweep.cfg, dir, change));
        unsetenv("DRAFTING_FAULT_AFTER");
        completed = killed.exitCode == 0;
        if (!completed) ASSERT_EQ(killed.exitCode, 137) << "fault " << fault << ": " << killed.err;

        // Right after the kill: one whole manifest, old or new, that agrees with the disk.
        const auto names = caseNames(dir);
        EXPECT_TRUE(names == oldNames || names == newNames) << "fault " << fault;
        expectManifestAgreesWithDisk(dir);
        EXPECT_EQ(readFile(dir + "/ahead-f1.5/results.json"), keptResults) << "fault " << fault;
        const auto status = runCommand({DRAFT_CASES_BIN, "status", dir});
        EXPECT_EQ(status.exitCode, 0) << status.err;

        // The next generate finishes the job (or starts it again): the new sweep, kept results.
        const auto again = runCommand(generateArgs(templateSweep.cfg, dir, change));
        ASSERT_EQ(again.exitCode, 0) << "fault " << fault << ": " << again.err;
        EXPECT_EQ(caseNames(dir), newNames) << "fault " << fault;
        EXPECT_EQ(readFile(dir + "/ahead-f1.5/results.json"), keptResults);
        EXPECT_EQ(drafting::test::caseStatus(dir, 1), "ok");
        EXPECT_TRUE(fs::exists(dir + "/ahead-f2/case.json"));
        EXPECT_FALSE(fs::exists(dir + "/ahead-f1"));
        EXPECT_FALSE(fs::exists(dir + "/savings.csv"));
        EXPECT_FALSE(fs::exists(dir + "/.draft-generate"));
        expectManifestAgreesWithDisk(dir);
    }
    EXPECT_TRUE(completed) << "generate never ran to the end under 60 fault points";
    EXPECT_GE(faultPoints, 8) << "too few steps to have killed it between every pair of moves";
}

TEST(CliGenerateTransaction, AFileSomeoneAddedDeepInACaseFolderKeepsItFromBeingReplaced) {
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    // The writer lists its files in case.json; a run's outputs (times, polyMesh, logs) are known.
    EXPECT_TRUE(drafting::common::JsonFile::read(s.dir + "/solo/case.json").at("files").is_array());
    fs::create_directories(s.dir + "/ahead-f1/constant/polyMesh");
    writeFile(s.dir + "/ahead-f1/constant/polyMesh/points", "made by a run\n");
    writeFile(s.dir + "/ahead-f1/log.blockMesh", "made by a run\n");
    writeFile(s.dir + "/ahead-f1.5/system/myDict", "mine\n");
    fs::create_directories(s.dir + "/ahead-f1.5/constant/mydata");
    writeFile(s.dir + "/ahead-f1.5/constant/mydata/table.csv", "1,2\n");
    const std::string before = snapshotWithoutLock(s.dir);
    const auto r = runCommand(generateArgs(s.cfg, s.dir, {"--athlete.height", "1.6", "--force"}));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.err.find("ahead-f1.5/ holds '"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("which draft-cases did not write"), std::string::npos) << r.err;
    EXPECT_EQ(snapshotWithoutLock(s.dir), before);
    // Without the stranger's files the same command replaces every case, run outputs and all.
    fs::remove_all(s.dir + "/ahead-f1.5/system/myDict");
    fs::remove_all(s.dir + "/ahead-f1.5/constant/mydata");
    const auto forced = runCommand(generateArgs(s.cfg, s.dir, {"--athlete.height", "1.6", "--force"}));
    EXPECT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_FALSE(fs::exists(s.dir + "/ahead-f1/log.blockMesh"));
}

TEST(CliGenerateTransaction, TheLinksARestartMakesAreOursAndNoOtherLinkIs) {
    // decomposePar of a restart links processorN/<time>/uniform to ../../<time>/uniform: the next
    // command must still recognise the case as ours (a fine mesh-study case was refused this way).
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    const std::string c = s.dir + "/ahead-f1";
    fs::create_directories(c + "/507/uniform");
    writeFile(c + "/507/uniform/time", "value 507;\n");
    for (const std::string rank : {"processor0", "processor1"}) {
        fs::create_directories(c + "/" + rank + "/507");
        fs::create_symlink("../../507/uniform", c + "/" + rank + "/507/uniform");
    }
    const auto same = runCommand(generateArgs(s.cfg, s.dir));
    ASSERT_EQ(same.exitCode, 0) << same.err;
    EXPECT_NE(same.out.find("kept 3 finished"), std::string::npos) << same.out;

    // Any other link, even one named like it, keeps the folder from being replaced.
    TempDir other;
    writeFile(other.path() + "/precious.txt", "keep\n");
    for (const auto& [link, target, why] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"/processor0/507/uniform", other.path(), "holds the symbolic link 'processor0/507/uniform'"},
             {"/processor0/507/uniform", "../../508/uniform", "holds the symbolic link"},
             {"/processorX/507/uniform", "../../507/uniform", "holds 'processorX', which draft-cases did not write"},
             {"/507/uniform/extra", "../../507/uniform", "holds the symbolic link '507/uniform/extra'"}}) {
        fs::remove(c + link);
        fs::create_directories(fs::path(c + link).parent_path());
        fs::create_symlink(target, c + link);
        const std::string before = snapshotWithoutLock(s.dir);
        const auto forced = runCommand(generateArgs(s.cfg, s.dir, {"--run.speed", "6", "--force"}));
        EXPECT_EQ(forced.exitCode, 1) << link << " -> " << target << ": " << forced.out;
        EXPECT_NE(forced.err.find(why), std::string::npos) << forced.err;
        EXPECT_EQ(snapshotWithoutLock(s.dir), before) << link;
        fs::remove(c + link);
        if (link.rfind("/processorX", 0) == 0) fs::remove_all(c + "/processorX");
    }
    EXPECT_EQ(readFile(other.path() + "/precious.txt"), "keep\n");

    // With only the restart's own links, --force replaces the case and leaves the links' targets.
    fs::create_symlink("../../507/uniform", c + "/processor0/507/uniform");
    const auto forced = runCommand(generateArgs(s.cfg, s.dir, {"--run.speed", "6", "--force"}));
    EXPECT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_FALSE(fs::exists(c + "/507"));
    EXPECT_EQ(readFile(other.path() + "/precious.txt"), "keep\n");
}

TEST(CliGenerateTransaction, AStagingFolderOrJournalItDidNotWriteIsRefused) {
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    // A folder that only has the staging folder's name.
    fs::create_directories(s.dir + "/.draft-generate");
    writeFile(s.dir + "/.draft-generate/thesis.tex", "precious\n");
    auto r = runCommand(generateArgs(s.cfg, s.dir, {"--sweep.front_gap", "1.0, 1.5, 2.0"}));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.err.find("is not the staging folder of draft-cases"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(s.dir + "/.draft-generate/thesis.tex"), "precious\n");
    fs::remove_all(s.dir + "/.draft-generate");

    // A generate killed after its commit point, whose journal someone then edited to name a file
    // of theirs: the journal is refused, the file stays.
    writeFile(s.dir + "/notes.txt", "mine\n");
    setenv("DRAFTING_FAULT_AFTER", "3", 1);  // one case staged, the manifest, the journal: then killed
    r = runCommand(generateArgs(s.cfg, s.dir, {"--sweep.front_gap", "1.0, 1.5, 2.0"}));
    unsetenv("DRAFTING_FAULT_AFTER");
    ASSERT_EQ(r.exitCode, 137) << r.err;
    const std::string journal = s.dir + "/.draft-generate/journal.json";
    ASSERT_TRUE(fs::exists(journal));
    auto tampered = drafting::common::JsonFile::read(journal);
    tampered["move_out"] = {"notes.txt", "solo"};
    drafting::common::JsonFile::writeAtomic(journal, tampered);
    r = runCommand(generateArgs(s.cfg, s.dir, {"--sweep.front_gap", "1.0, 1.5, 2.0"}));
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.err.find("'notes.txt' is not a case folder of draft-cases"), std::string::npos) << r.err;
    EXPECT_EQ(readFile(s.dir + "/notes.txt"), "mine\n");
    EXPECT_TRUE(fs::exists(s.dir + "/solo/results.json"));
}

TEST(CliGenerateTransaction, TheSameBodyUnderAnotherNameIsTheSameBody) {
    Sweep s;
    const std::string stl = s.tmp.path() + "/body.stl";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "geometry", "-o", stl, "--height", "1.57"}).exitCode, 0);
    fs::copy_file(stl, s.tmp.path() + "/copy.stl");
    auto threeD = [&](const std::string& file) {
        return std::vector<std::string>{"--mesh.dimension", "3",    "--mesh.level",    "coarse",
                                        "--formation.preset", "solo", "--geometry.stl", file};
    };
    ASSERT_EQ(runCommand(generateArgs(s.cfg, s.dir, threeD(stl))).exitCode, 0);
    finish(s.dir, "solo", 7.0);
    const auto r = runCommand(generateArgs(s.cfg, s.dir, threeD(s.tmp.path() + "/copy.stl")));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("kept 1 finished"), std::string::npos) << r.out;
}

TEST(CliGenerateTransaction, AnOkWithoutResultsOnDiskIsRunAgain) {
    // status and the manifest may say ok; the runners trust only results.json.
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    fs::remove(s.dir + "/ahead-f1.5/results.json");
    EXPECT_FALSE(drafting::cases::files::SweepLayout::hasFinishedResults(s.dir + "/ahead-f1.5"));
    EXPECT_TRUE(drafting::cases::files::SweepLayout::hasFinishedResults(s.dir + "/solo"));
    const auto r = runCommand({DRAFT_CASES_BIN, "run", s.dir, "--backend", "slurm", "--dry-run"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("(1 task(s))"), std::string::npos) << r.out;
    EXPECT_NE(readFile(s.dir + "/slurm/cases.txt").find("ahead-f1.5"), std::string::npos);
}

TEST(CliGenerateTransaction, AddingAFormationToAFinishedSweepKeepsItsCases) {
    Sweep s;
    finishedSweep(s.cfg, s.dir);
    const auto r = runCommand(generateArgs(s.cfg, s.dir, {"--formation.preset", "ahead, behind"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("kept 3 finished case(s)"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(s.dir + "/behind-b1/case.json"));
}
