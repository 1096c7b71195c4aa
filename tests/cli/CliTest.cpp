// Command-line behaviour from tables (PROJ style): arguments → exit code and message.
#include "cases/run/CaseRunner.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/ToolPaths.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <sys/file.h>
#include <unistd.h>

using drafting::test::runCommand;
using drafting::test::TempDir;
using drafting::test::treeSnapshot;
using drafting::test::writeFile;

namespace {

struct CliCase {
    const char* label;
    std::vector<std::string> args;  // "@CFG" → a valid config file, "@DIR" → a temp dir
    int exitCode;
    const char* expected;  // substring of stderr (or stdout for exit 0)
};

std::ostream& operator<<(std::ostream& os, const CliCase& c) { return os << c.label; }

const char* kValidConfig = "name = cli\n[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.0, 1.5\n";

// A temp dir with a valid config (cfg) and, once generate() ran, its sweep (dir).
struct SweepFixture {
    TempDir tmp;
    std::string cfg = tmp.path() + "/sweep.cfg";
    std::string dir = tmp.path() + "/out";
    SweepFixture() { writeFile(cfg, kValidConfig); }
    int generate() const { return runCommand({DRAFT_CASES_BIN, "generate", cfg, "-o", dir}).exitCode; }
};

std::vector<std::string> expand(const std::vector<std::string>& args, const std::string& cfg, const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& a : args) out.push_back(a == "@CFG" ? cfg : a == "@DIR" ? dir : a == "@STL" ? dir + "/runner.stl" : a);
    return out;
}

class CliDraftCases : public ::testing::TestWithParam<CliCase> {};

TEST_P(CliDraftCases, ExitCodeAndMessage) {
    const SweepFixture f;
    const std::string& cfg = f.cfg;
    const std::string& dir = f.dir;
    std::vector<std::string> argv{DRAFT_CASES_BIN};
    for (const auto& a : expand(GetParam().args, cfg, dir)) argv.push_back(a);

    const auto r = runCommand(argv);
    EXPECT_EQ(r.exitCode, GetParam().exitCode) << r.err << r.out;
    const std::string& text = GetParam().exitCode == 0 ? r.out : r.err;
    EXPECT_NE(text.find(GetParam().expected), std::string::npos) << "stdout: " << r.out << "\nstderr: " << r.err;
    if (GetParam().exitCode != 0) {
        // One line, and nothing written.
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir)) << "bad input created " << dir;
    }
}

INSTANTIATE_TEST_SUITE_P(
    CliTable, CliDraftCases,
    ::testing::Values(
        CliCase{"help", {"--help"}, 0, "usage: draft-cases"},
        CliCase{"plan", {"plan", "@CFG"}, 0, "sweep cli: 3 case(s)"},
        CliCase{"plan override", {"plan", "@CFG", "--sweep.front_gap", "1:2:0.5"}, 0, "4 case(s)"},
        CliCase{"plan override with =", {"plan", "@CFG", "--formation.preset=solo"}, 0, "1 case(s)"},
        CliCase{"unknown command", {"frobnicate", "@CFG"}, 1, "command 'frobnicate' is unknown"},
        CliCase{"missing config", {"plan"}, 1, "plan: missing CONFIG"},
        CliCase{"missing file", {"plan", "/nonexistent/x.cfg"}, 1, "config file '/nonexistent/x.cfg'"},
        CliCase{"missing -o", {"generate", "@CFG"}, 1, "generate: missing -o DIR"},
        CliCase{"bad override value", {"generate", "@CFG", "-o", "@DIR", "--athlete.height", "9"}, 1,
                "athlete.height = '9'"},
        CliCase{"unknown override key", {"generate", "@CFG", "-o", "@DIR", "--athlete.age", "30"}, 1,
                "unknown key 'athlete.age'"},
        CliCase{"override without value", {"plan", "@CFG", "--athlete.height"}, 1, "athlete.height: missing value"},
        CliCase{"injection in name", {"generate", "@CFG", "-o", "@DIR", "--name", "x;rm"}, 1, "name = 'x;rm'"},
        CliCase{"include in name", {"generate", "@CFG", "-o", "@DIR", "--name=#include"}, 1, "name = '#include'"},
        CliCase{"zero step", {"generate", "@CFG", "-o", "@DIR", "--sweep.front_gap", "1:2:0"}, 1,
                "step must not be 0"},
        CliCase{"overlap",
                {"generate", "@CFG", "-o", "@DIR", "--formation.preset", "custom", "--formation.positions", "(0.1, 0)"},
                1, "overlap or touch"},
        CliCase{"too many cases", {"generate", "@CFG", "-o", "@DIR", "--sweep.front_gap", "1:10:0.01"}, 1,
                "exceed the limit of 200"},
        CliCase{"bad jobs", {"sweep", "@CFG", "-o", "@DIR", "--jobs", "0"}, 1, "--jobs = '0'"},
        CliCase{"bad max-cases", {"plan", "@CFG", "--max-cases", "0"}, 1, "--max-cases = '0'"},
        CliCase{"run without manifest", {"run", "@DIR"}, 1, "is not a sweep directory"},
        CliCase{"status without manifest", {"status", "@DIR"}, 1, "status: '"},
        CliCase{"geometry height not a number", {"geometry", "-o", "@STL", "--height", "tall"}, 1,
                "--height = 'tall': not a number"},
        CliCase{"geometry height out of range", {"geometry", "-o", "@STL", "--height", "3"}, 1,
                "athlete.height = 3 is outside"},
        CliCase{"geometry unknown pose", {"geometry", "-o", "@STL", "--pose", "sitting"}, 1,
                "geometry.pose = 'sitting'"},
        CliCase{"geometry missing STL", {"geometry", "-o", "@STL", "--stl", "/no/such.stl"}, 1, "geometry.stl"},
        CliCase{"geometry stride phase 1", {"geometry", "-o", "@STL", "--stride-phase", "1"}, 1,
                "--stride-phase = '1': outside [0, 1)"},
        CliCase{"geometry stride phase and pose", {"geometry", "-o", "@STL", "--stride-phase", "0.5", "--pose", "standing"},
                1, "--stride-phase and --pose: give one, not both"},
        CliCase{"stride phase in 2D", {"plan", "@CFG", "--geometry.stride_phase", "0.5"}, 1,
                "geometry.stride_phase = '0.5': needs mesh.dimension = 3"},
        CliCase{"pacers out of her step", {"plan", "@CFG", "--mesh.dimension", "3", "--formation.preset", "ahead",
                                           "--geometry.stride_phase", "0.25", "--pacers.stride_offset", "0.5"},
                0, "ahead-f1: lead(0, 0) pacer1(1, 0; stride phase 0.75)"},
        CliCase{"stride offset without a phase", {"plan", "@CFG", "--pacers.stride_offset", "0.5"}, 1,
                "pacers.stride_offset = '0.5': needs geometry.stride_phase"},
        CliCase{"geometry not an STL name", {"geometry", "-o", "@DIR"}, 1, "expected a .stl file name"},
        CliCase{"geometry without -o", {"geometry"}, 1, "missing -o FILE.stl"},
        CliCase{"geometry option on plan", {"plan", "@CFG", "--height", "1.6"}, 1, "belongs to the geometry command"},
        CliCase{"stride phase on plan", {"plan", "@CFG", "--stride-phase", "0.5"}, 1,
                "--stride-phase: belongs to the geometry command (in a sweep: --geometry.stride_phase)"},
        CliCase{"convergence without -o", {"convergence", "@CFG"}, 1, "convergence: missing -o DIR"},
        CliCase{"dimension 1", {"plan", "@CFG", "--mesh.dimension", "1"}, 1, "mesh.dimension = '1'"},
        CliCase{"3D runners touching", {"plan", "@CFG", "--mesh.dimension", "3", "--sweep.front_gap", "0.4"}, 1,
                "overlap or touch"},
        CliCase{"per-preset axis override", {"plan", "@CFG", "--formation.preset", "ahead, behind",
                                             "--sweep.behind.back_gap", "1.5"}, 0, "behind-b1.5: lead(0, 0) pacer1(-1.5, 0)"},
        CliCase{"extra argument", {"plan", "@CFG", "extra"}, 1, "too many arguments"},
        CliCase{"np zero", {"sweep", "@CFG", "-o", "@DIR", "--np", "0"}, 1, "--np = '0'"},
        CliCase{"np not a number", {"sweep", "@CFG", "-o", "@DIR", "--np", "two"}, 1, "command line:"},
        CliCase{"jobs x np above the cores", {"sweep", "@CFG", "-o", "@DIR", "--jobs", "1", "--np", "1024"}, 1,
                "x --np 1024 = 1024: more than the"},
        CliCase{"retries out of range", {"sweep", "@CFG", "-o", "@DIR", "--retries", "11"}, 1, "--retries = '11'"},
        CliCase{"iterations without continue", {"run", "@DIR", "--iterations", "5"}, 1,
                "--iterations: only with --continue"},
        CliCase{"continue with force", {"run", "@DIR", "--continue", "--force"}, 1, "--continue: not with --force"},
        CliCase{"continue on sweep", {"sweep", "@CFG", "-o", "@DIR", "--continue"}, 1, "--continue: belongs to run"},
        CliCase{"continue zero iterations", {"run", "@DIR", "--continue", "--iterations", "0"}, 1,
                "--iterations = '0'"},
        CliCase{"unknown option", {"plan", "@CFG", "--frob"}, 1, "command line:"}));

TEST(CliDraftCasesDisk, BadInputLeavesAnExistingSweepByteIdentical) {
    const SweepFixture f;
    ASSERT_EQ(f.generate(), 0);
    const std::string& cfg = f.cfg;
    const std::string& dir = f.dir;
    const std::string before = treeSnapshot(dir);
    ASSERT_FALSE(before.empty());
    for (const auto& bad : std::vector<std::vector<std::string>>{
             {"--athlete.mass", "0"}, {"--formation.preset", "wedge"}, {"--sweep.back_gap", "a:b:c"}}) {
        std::vector<std::string> argv{DRAFT_CASES_BIN, "generate", cfg, "-o", dir};
        argv.insert(argv.end(), bad.begin(), bad.end());
        EXPECT_EQ(runCommand(argv).exitCode, 1);
        EXPECT_EQ(treeSnapshot(dir), before) << bad[0];
    }
}

TEST(CliDraftCasesDisk, GenerateWritesCasesManifestAndParaViewMarkers) {
    const SweepFixture f;
    const std::string& cfg = f.cfg;
    const std::string& dir = f.dir;
    const auto r = runCommand({DRAFT_CASES_BIN, "generate", cfg, "-o", dir});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char* name : {"solo", "ahead-f1", "ahead-f1.5"}) {
        const std::string c = dir + "/" + name;
        for (const char* f : {"/case.json", "/case.foam", "/system/controlDict", "/system/snappyHexMeshDict",
                              "/0/U", "/constant/triSurface/lead.stl"})
            EXPECT_TRUE(std::filesystem::exists(c + f)) << c + f;
    }
    EXPECT_TRUE(std::filesystem::exists(dir + "/ahead-f1/constant/triSurface/pacer1.stl"));
    EXPECT_NE(drafting::test::readFile(dir + "/manifest.json").find("\"pending\""), std::string::npos);
}

TEST(CliDraftCasesDisk, GeometryWritesAClosedRunnerAndItsDescription) {
    TempDir tmp;
    const std::string stl = tmp.path() + "/kipyegon.stl";
    const auto r = runCommand({DRAFT_CASES_BIN, "geometry", "--height", "1.57", "--mass", "42", "-o", stl});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto text = drafting::test::readFile(stl);
    EXPECT_EQ(text.rfind("solid kipyegon", 0), 0u);
    const auto description = drafting::common::JsonFile::read(tmp.path() + "/kipyegon.json");
    EXPECT_NEAR(description["height_m"].get<double>(), 1.57, 0.01);
    EXPECT_GT(description["frontal_area_m2"].get<double>(), 0.25);
    EXPECT_LT(description["frontal_area_m2"].get<double>(), 0.5);
    EXPECT_EQ(description["pose"], "mid-stride");
}

TEST(CliDraftCasesDisk, Generate3dWritesRunnersGroundAndLayers) {
    const SweepFixture f;
    const auto r = runCommand({DRAFT_CASES_BIN, "generate", f.cfg, "-o", f.dir, "--mesh.dimension", "3",
                               "--sweep.front_gap", "1.3", "--mesh.level", "coarse"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string c = f.dir + "/ahead-f1.3";
    for (const char* file : {"/runner.json", "/constant/triSurface/lead.stl", "/constant/triSurface/pacer1.stl"})
        EXPECT_TRUE(std::filesystem::exists(c + file)) << c + file;
    const auto blockMesh = drafting::test::squeezed(drafting::test::readFile(c + "/system/blockMeshDict"));
    EXPECT_NE(blockMesh.find("type wall; faces ((0 3 2 1));"), std::string::npos) << blockMesh;
    const auto snappy = drafting::test::squeezed(drafting::test::readFile(c + "/system/snappyHexMeshDict"));
    EXPECT_NE(snappy.find("pacer1 { level (3 4); patchInfo { type wall; inGroups (runners); } }"), std::string::npos);
    // Coarse: three layers in a 12 mm stack, three buffer cells between refinement levels.
    EXPECT_NE(snappy.find("nSurfaceLayers 3"), std::string::npos);
    EXPECT_NE(snappy.find("relativeSizes false"), std::string::npos);
    EXPECT_NE(snappy.find("thickness 0.012;"), std::string::npos);
    EXPECT_NE(snappy.find("nCellsBetweenLevels 3;"), std::string::npos);
    EXPECT_NE(snappy.find("nearWake"), std::string::npos);
    // The ground moves with the air in the runner's frame; there are no 2D empty faces.
    const auto U = drafting::test::readFile(c + "/0/U");
    EXPECT_NE(drafting::test::squeezed(U).find("ground { type fixedValue; value uniform (-6.70"), std::string::npos) << U;
    EXPECT_EQ(U.find("empty"), std::string::npos);
    const auto caseJson = drafting::common::JsonFile::read(c + "/case.json");
    EXPECT_EQ(caseJson["dimension"], 3);
    std::vector<std::string> steps;
    for (const auto& s : caseJson["steps"]) steps.push_back(s["name"]);
    EXPECT_EQ(steps, (std::vector<std::string>{"blockMesh", "snappyHexMesh", "checkMesh", "draftFoam"}));
    // The reference area is the measured frontal area of the body.
    const auto runner = drafting::common::JsonFile::read(c + "/runner.json");
    EXPECT_DOUBLE_EQ(caseJson["parameters"]["frontal_area_m2"].get<double>(), runner["frontal_area_m2"].get<double>());
    // The box and its blockage are recorded; calm inflow, νt/ν = 10.
    const auto& domain = caseJson["parameters"]["domain"];
    EXPECT_GT(domain["blockage_pct"].get<double>(), 0.5);
    EXPECT_LT(domain["blockage_pct"].get<double>(), 3.0);
    EXPECT_NEAR(caseJson["parameters"]["inflow"]["viscosity_ratio"].get<double>(), 10.0, 1e-9);
}

// Every example config the README and the scripts point to is one draft-cases accepts, and the
// quickstart is the 3D Breaking4 study the README describes.
TEST(CliDraftCasesDisk, EveryExampleConfigPlans) {
    int count = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::string(DRAFTING_SOURCE_DIR) + "/cases/examples")) {
        if (e.path().extension() != ".cfg" || drafting::test::isRaceSchedule(e.path().string())) continue;
        const auto r = runCommand({DRAFT_CASES_BIN, "plan", e.path().string(), "--json"});
        EXPECT_EQ(r.exitCode, 0) << e.path() << ": " << r.err;
        ++count;
    }
    EXPECT_GE(count, 9);
    const auto quick = runCommand({DRAFT_CASES_BIN, "plan", std::string(DRAFTING_SOURCE_DIR) + "/cases/examples/quickstart.cfg",
                                   "--json"});
    ASSERT_EQ(quick.exitCode, 0) << quick.err;
    const auto manifest = nlohmann::json::parse(quick.out);
    EXPECT_EQ(manifest["config"]["mesh"]["dimension"], 3) << manifest["config"].dump();
    std::vector<std::string> names;
    for (const auto& c : manifest["cases"]) names.push_back(c["name"]);
    EXPECT_EQ(names, (std::vector<std::string>{"solo", "ahead-f0.8", "ahead-f1.3", "ahead-f2", "behind-b1",
                                               "ahead-behind-f1.3-b1"}));
}

TEST(CliDraftPost, NotASweepDirectory) {
    TempDir tmp;
    const auto r = runCommand({DRAFT_POST_BIN, tmp.path()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("not a sweep directory"), std::string::npos) << r.err;
}

TEST(CliDraftPost, UnfinishedSweepHasNoBaselineAndWritesNothing) {
    const SweepFixture f;
    ASSERT_EQ(f.generate(), 0);
    const std::string& cfg = f.cfg;
    const std::string& dir = f.dir;
    const auto r = runCommand({DRAFT_POST_BIN, dir, "--no-plot"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("solo baseline failed"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/savings.csv"));
}

TEST(CliDraftPost, Help) {
    const auto r = runCommand({DRAFT_POST_BIN, "--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("usage: draft-post"), std::string::npos);
}

}  // namespace

TEST(CliDraftCasesReference, UnknownNameIsRefusedBeforeWriting) {
    TempDir tmp;
    const auto r = runCommand({DRAFT_CASES_BIN, "reference", "sphere-re1e6", "-o", tmp.path() + "/x"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("reference 'sphere-re1e6' is unknown"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(tmp.path() + "/x"));
}

TEST(CliDraftCasesReference, HostileNameIsRefused) {
    TempDir tmp;
    const auto r = runCommand({DRAFT_CASES_BIN, "reference", "../st-2d1", "-o", tmp.path() + "/x"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("reference = '../st-2d1'"), std::string::npos) << r.err;
}

// A 3D reference's box takes the config's own keys and rules (a domain-sensitivity run); a 2D
// reference's mesh is fixed. Bad input: one line naming the key and value, exit 1, nothing written.
TEST(CliDraftCasesReference, BoxKeysAreCheckedAsInAConfigAndOnlyFor3D) {
    TempDir tmp;
    const std::string out = tmp.path() + "/x";
    const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
        {{"plate-normal", "--mesh.side", "abc"}, "mesh.side = 'abc': not a number"},
        {{"plate-normal", "--mesh.above", "1000"}, "mesh.above = '1000': outside [0.5, 100] m"},
        {{"plate-normal", "--mesh.wall_treatment", "low-re"}, "takes no config overrides ('--mesh.wall_treatment=low-re'"},
        {{"st-2d1", "--mesh.side", "4"}, "takes no config overrides ('--mesh.side=4'"},
    };
    for (const auto& [args, message] : refused) {
        std::vector<std::string> argv = {DRAFT_CASES_BIN, "reference"};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.insert(argv.end(), {"-o", out});
        const auto r = runCommand(argv);
        EXPECT_EQ(r.exitCode, 1) << args[1];
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_FALSE(std::filesystem::exists(out)) << args[1];
    }
}

TEST(CliDraftCasesLock, ASecondRunnerOnOneSweepIsRefusedAndChangesNothing) {
    const SweepFixture f;
    ASSERT_EQ(f.generate(), 0);
    const std::string& cfg = f.cfg;
    const std::string& dir = f.dir;
    const std::string before = treeSnapshot(dir);

    // Hold the sweep's lock as another runner would.
    const int fd = open((dir + "/.draft-cases.lock").c_str(), O_RDWR);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(flock(fd, LOCK_EX | LOCK_NB), 0);
    for (const auto& argv : std::vector<std::vector<std::string>>{{DRAFT_CASES_BIN, "run", dir},
                                                                  {DRAFT_CASES_BIN, "sweep", cfg, "-o", dir}}) {
        const auto r = runCommand(argv);
        EXPECT_EQ(r.exitCode, 2) << r.err;
        EXPECT_NE(r.err.find("is in use by another draft-cases (pid"), std::string::npos) << r.err;
    }
    EXPECT_EQ(treeSnapshot(dir), before);
    close(fd);  // released: a runner may go ahead again
    EXPECT_EQ(runCommand({DRAFT_CASES_BIN, "generate", cfg, "-o", dir}).exitCode, 0);
}

TEST(CliDraftCasesStatus, PendingCasesAfterGenerateAsTableAndJson) {
    const SweepFixture f;
    ASSERT_EQ(f.generate(), 0);
    const std::string& cfg = f.cfg;
    const std::string& dir = f.dir;
    const auto table = runCommand({DRAFT_CASES_BIN, "status", dir});
    EXPECT_EQ(table.exitCode, 0) << table.err;
    EXPECT_NE(table.out.find("sweep cli: 0 ok, 0 failed, 3 pending"), std::string::npos) << table.out;
    const auto json = runCommand({DRAFT_CASES_BIN, "status", dir, "--json"});
    ASSERT_EQ(json.exitCode, 0);
    const auto s = nlohmann::json::parse(json.out);
    EXPECT_EQ(s["counts"]["pending"], 3);
    EXPECT_EQ(s["cases"][0]["name"], "solo");
    EXPECT_TRUE(s["cases"][0]["checkpoint"].is_null());

    // A killed run's checkpoint (mesh checked, a time with runnerDrag's history): status says where
    // the next run goes on from.
    const std::string solo = dir + "/solo";
    writeFile(solo + "/constant/polyMesh/owner", "note \"nCells:27\";\n");
    writeFile(solo + "/meshCheck.json", "{\"ok\": true}");
    drafting::common::JsonFile::writeAtomic(solo + "/timing.json",
                                           {{"case", drafting::cases::run::CaseRunner::caseJsonHash(solo)}, {"steps", {}}});
    writeFile(solo + "/120/uniform/functionObjects/functionObjectProperties", "history");
    writeFile(solo + "/120/uniform/runnerDragCheckpoint.json", "{\"producer\": \"runnerDrag\", \"time\": 120, \"samples\": 20}\n");
    const auto resumable = runCommand({DRAFT_CASES_BIN, "status", dir});
    EXPECT_NE(resumable.out.find("continues from its checkpoint at time 120"), std::string::npos) << resumable.out;
    const auto s2 = nlohmann::json::parse(runCommand({DRAFT_CASES_BIN, "status", dir, "--json"}).out);
    EXPECT_EQ(s2["cases"][0]["checkpoint"], "120");
    EXPECT_EQ(s2["cases"][0]["status"], "pending");
}

namespace {

class CliDraftPostPace : public ::testing::TestWithParam<CliCase> {};

TEST_P(CliDraftPostPace, ExitCodeAndMessage) {
    std::vector<std::string> argv{DRAFT_POST_BIN, "pace"};
    for (const auto& a : GetParam().args) argv.push_back(a);
    const auto r = runCommand(argv);
    EXPECT_EQ(r.exitCode, GetParam().exitCode) << r.err << r.out;
    const std::string& text = GetParam().exitCode == 0 ? r.out : r.err;
    EXPECT_NE(text.find(GetParam().expected), std::string::npos) << "stdout: " << r.out << "\nstderr: " << r.err;
    if (GetParam().exitCode != 0) EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

#define PACE "--mass", "42", "--height", "1.57", "--baseline-time", "4:07.64"
INSTANTIATE_TEST_SUITE_P(
    CliTable, CliDraftPostPace,
    ::testing::Values(
        CliCase{"prediction", {PACE, "--drag-saving", "0.721", "--cda", "0.267"}, 0, "predicted time:  3:57.2"},
        CliCase{"zero saving is the baseline", {PACE, "--drag-saving", "0"}, 0, "predicted time:  4:07.64"},
        CliCase{"json", {PACE, "--drag-saving", "0.5", "--json"}, 0, "\"metabolic_saving_pct\""},
        CliCase{"saving above 1", {PACE, "--drag-saving", "1.2"}, 1, "drag-saving = '1.2'"},
        CliCase{"negative saving", {PACE, "--drag-saving", "-0.1"}, 1, "drag-saving = '-0.1'"},
        CliCase{"saving not a number", {PACE, "--drag-saving", "lots"}, 1, "--drag-saving = 'lots'"},
        CliCase{"zero mass", {"--mass", "0", "--height", "1.57", "--baseline-time", "4:07.64", "--drag-saving", "0.5"},
                1, "mass = '0': must be positive"},
        CliCase{"negative mass", {"--mass", "-42", "--height", "1.57", "--baseline-time", "4:07.64", "--drag-saving",
                                  "0.5"}, 1, "mass = '-42'"},
        CliCase{"bad time", {"--mass", "42", "--height", "1.57", "--baseline-time", "4m07", "--drag-saving", "0.5"}, 1,
                "--baseline-time = '4m07'"},
        CliCase{"missing saving", {PACE}, 1, "--drag-saving: missing"},
        CliCase{"bad cda", {PACE, "--drag-saving", "0.5", "--cda", "0"}, 1, "cda = '0'"},
        CliCase{"bad density", {PACE, "--drag-saving", "0.5", "--air-density", "nan"}, 1, "--air-density = 'nan'"},
        CliCase{"unknown option", {PACE, "--drag-saving", "0.5", "--wind", "3"}, 1, "command line:"}));
#undef PACE

}  // namespace

TEST(CliDraftPostPace, JsonHasTheQuantitiesTheIssueNames) {
    const auto r = runCommand({DRAFT_POST_BIN, "pace", "--mass", "42", "--height", "1.57", "--baseline-time",
                               "4:07.64", "--drag-saving", "0.721", "--cda", "0.267", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"mile_time_s", "speed_gain_pct", "metabolic_saving_pct", "air_share_pct"})
        EXPECT_TRUE(j.contains(key) && j[key].is_number()) << key;
    EXPECT_NEAR(j["mile_time_s"].get<double>(), 237.23, 0.05);
    EXPECT_NEAR(j["air_share_pct"].get<double>(), 9.0, 0.05);
}

TEST(CliDraftPostRace, BreakingFourExampleWithNumbersAndBadScheduleChangesNothing) {
    TempDir tmp;
    const std::string file = tmp.path() + "/race.cfg";
    writeFile(file, "[athlete]\nmass = 42\nheight = 1.57\n[race]\nbaseline_time = 4:07.64\ncda = 0.267\n"
                    "segment = 1409.344 0.721\nsegment = 1609.344 alone\n");
    auto r = runCommand({DRAFT_POST_BIN, "race", file, "--json", "-o", tmp.path() + "/out"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["final_time"], "3:58.53");
    EXPECT_EQ(j["splits"].size(), 5u);
    EXPECT_TRUE(std::filesystem::exists(tmp.path() + "/out/race.json"));

    writeFile(file, "[athlete]\nmass = 42\nheight = 1.57\n[race]\nbaseline_time = 4:07.64\n"
                    "segment = 800 0.5\nsegment = 1600 alone\n");
    const std::string before = treeSnapshot(tmp.path());
    r = runCommand({DRAFT_POST_BIN, "race", file, "-o", tmp.path() + "/out"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("segment = 1600 m: the last segment must end at the race distance"), std::string::npos)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(treeSnapshot(tmp.path()), before);
}

namespace {

// Results made up for every case of a generated sweep: the lead's drag from `leadDrag` by case
// name, every pacer 6.8 N, on one reference area (the race replay reads only the savings and the
// solo drag area). Fails the test when the sweep has a case the map does not know.
void madeUpResults(const std::string& sweep, const std::map<std::string, double>& leadDrag) {
    auto manifest = drafting::common::JsonFile::read(sweep + "/manifest.json");
    const double rho = 1.18, area = 0.357, air = 1609.344 / 240.0;
    for (auto& entry : manifest["cases"]) {
        const std::string name = entry["name"];
        ASSERT_TRUE(leadDrag.count(name)) << "the sweep has a case the test does not know: " << name;
        nlohmann::json parameters = entry["parameters"];
        parameters["air_density_kg_m3"] = rho;
        parameters["air_speed_mps"] = air;
        parameters["frontal_area_m2"] = area;
        nlohmann::json bodies = nlohmann::json::object();
        for (auto& runner : parameters["runners"]) {
            const std::string body = runner["name"];
            const double drag = body == "lead" ? leadDrag.at(name) : 6.8;
            if (runner.contains("frontal_area_m2")) runner["frontal_area_m2"] = area;  // one area for all
            bodies[body] = {{"drag_N", drag}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01},
                            {"drag_ci95_N", 0.01}, {"cda_m2", drag / (0.5 * rho * air * air)},
                            {"cd", drag / (0.5 * rho * air * air * area)}, {"reference_area_m2", area}};
        }
        drafting::common::JsonFile::writeAtomic(sweep + "/" + name + "/results.json",
                                               {{"case", name}, {"status", "ok"}, {"reason", ""}, {"iterations", 300},
                                                {"converged", true}, {"parameters", parameters}, {"bodies", bodies}});
        entry["status"] = "ok";
        entry["parameters"] = parameters;
    }
    drafting::common::JsonFile::writeAtomic(sweep + "/manifest.json", manifest);
}

}  // namespace

// The README's race example, `draft-post race cases/examples/breaking4-race.cfg --sweep runs/quickstart`,
// on a sweep with the quickstart's cases (generated from cases/examples/quickstart.cfg, their results
// made up here): the schedule's formations are the quickstart's, so it runs and gives splits.
TEST(CliDraftPostRace, TheReadmeExampleRunsOnTheQuickstartsCases) {
    TempDir tmp;
    const std::string sweep = tmp.path() + "/quickstart";
    const std::string examples = std::string(DRAFTING_SOURCE_DIR) + "/cases/examples";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "generate", examples + "/quickstart.cfg", "-o", sweep}).exitCode, 0);
    madeUpResults(sweep, {{"solo", 7.17},   {"ahead-f0.8", 1.40}, {"ahead-f1.3", 2.52},
                          {"ahead-f2", 3.74}, {"behind-b1", 6.85},  {"ahead-behind-f1.3-b1", 1.96}});
    const auto r = runCommand({DRAFT_POST_BIN, "race", examples + "/breaking4-race.cfg", "--sweep", sweep, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["final_time"].get<std::string>().rfind("3:5", 0), 0u) << j.dump();  // under four minutes
    EXPECT_EQ(j["splits"].size(), 5u) << j.dump();
}

// Pacers in and out (issue 16): the rotation example on the shield sweep's cases (pacers of their
// own size, generated from cases/examples/breaking4-shield-3d.cfg, results made up): each segment
// takes its formation's saving, the change-over the pair's, and the shield beats the pair alone.
TEST(CliDraftPostRace, ARotationOfTheShieldTakesEachFormationsSaving) {
    TempDir tmp;
    const std::string sweep = tmp.path() + "/shield";
    const std::string examples = std::string(DRAFTING_SOURCE_DIR) + "/cases/examples";
    ASSERT_EQ(runCommand({DRAFT_CASES_BIN, "generate", examples + "/breaking4-shield-3d.cfg", "-o", sweep}).exitCode, 0);
    madeUpResults(sweep, {{"solo", 7.17}, {"ahead-behind-f1.3-b1", 1.96}, {"breaking4-f1.3-b1-l0.7", 0.9}});
    const auto rotation = runCommand({DRAFT_POST_BIN, "race", examples + "/breaking4-rotation-race.cfg", "--sweep", sweep, "--json"});
    ASSERT_EQ(rotation.exitCode, 0) << rotation.out << rotation.err;
    const auto j = nlohmann::json::parse(rotation.out);
    ASSERT_EQ(j["segments"].size(), 4u) << j.dump();
    EXPECT_NEAR(j["segments"][0]["drag_saving"].get<double>(), 1.0 - 0.9 / 7.17, 1e-9) << j.dump();
    EXPECT_NEAR(j["segments"][1]["drag_saving"].get<double>(), 1.0 - 1.96 / 7.17, 1e-9) << j.dump();
    EXPECT_EQ(j["splits"].size(), 5u) << j.dump();
    // The same race behind the pair all the way to 1409 m is slower than behind the shield.
    const std::string pair = tmp.path() + "/pair.cfg";
    writeFile(pair, "[athlete]\nheight = 1.57\nmass = 42\n[race]\nbaseline_time = 4:07.64\nsplit = 400\n"
                    "segment = 1409.344 ahead-behind-f1.3-b1\nsegment = 1609.344 alone\n");
    const auto behindPair = runCommand({DRAFT_POST_BIN, "race", pair, "--sweep", sweep, "--json"});
    ASSERT_EQ(behindPair.exitCode, 0) << behindPair.out << behindPair.err;
    EXPECT_LT(j["final_time_s"].get<double>(), nlohmann::json::parse(behindPair.out)["final_time_s"].get<double>());
}

// The project's OpenFOAM programs name their build too (with OpenFOAM's environment, which every
// OpenFOAM program needs before its main), and exit 0 without looking for a case.
TEST(CliSolverPrograms, VersionNamesTheVersionCommitAndOpenFoam) {
    const std::string foam = "WM_PROJECT_DIR=" + drafting::cases::files::ToolPaths::discover().foamProjectDir;
    for (const auto& [program, name] : {std::pair{DRAFT_FOAM_BIN, "draftFoam"}, std::pair{DRAFT_CHECK_MESH_BIN, "draftCheckMesh"}}) {
        for (const char* option : {"-version", "--version"}) {
            const auto r = runCommand({"/usr/bin/env", foam, program, option});
            EXPECT_EQ(r.exitCode, 0) << name << " " << option << ": " << r.out << r.err;
            EXPECT_EQ(r.out.rfind(std::string(name) + " 0.1.0 (git ", 0), 0u) << r.out;
            EXPECT_NE(r.out.find(", OpenFOAM v1912)\n"), std::string::npos) << r.out;
        }
    }
}
