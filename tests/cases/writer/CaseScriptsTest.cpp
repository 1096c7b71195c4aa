// A case's Allrun and Allclean (issue 15): every word from the build or case.json reaches the
// shell as exactly that word, the project's programs come from the build (or DRAFTING_BIN), a
// failing step stops the script, and Allclean removes what a run makes and nothing else.
#include "cases/writer/CaseScripts.hpp"
#include "common/ShellWord.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using drafting::cases::writer::CaseScripts;
using drafting::common::ShellWord;
using drafting::cases::files::ToolPaths;
using drafting::test::readFile;
using drafting::test::runCommand;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

// A build folder at a hostile path, holding a fake draftFoam that records its arguments.
ToolPaths fakeBuild(const TempDir& tmp) {
    ToolPaths tools;
    tools.binDir = tmp.path() + "/it's a \"build\" $(touch PWNED)/bin";
    tools.libDir = tools.binDir + "/../lib";
    tools.foamProjectDir = tmp.path() + "/open foam's $(touch PWNED) `touch PWNED2`";
    fs::create_directories(tools.binDir);
    writeFile(tools.binDir + "/draftFoam", "#!/bin/sh\nprintf '%s|' \"$@\" > solved.txt\necho \"$LD_LIBRARY_PATH\" >> solved.txt\n"
                                           "echo \"$WM_PROJECT_DIR\" >> solved.txt\n");
    fs::permissions(tools.binDir + "/draftFoam", fs::perms::owner_all);
    return tools;
}

}  // namespace

TEST(CaseScripts, ShellWordsComeBackAsTheyWere) {
    EXPECT_EQ(drafting::common::ShellWord::quote("snappyHexMesh"), "snappyHexMesh");
    EXPECT_EQ(drafting::common::ShellWord::quote("-o"), "-o");
    EXPECT_EQ(drafting::common::ShellWord::quote(""), "''");
    EXPECT_EQ(drafting::common::ShellWord::quote("a b"), "'a b'");
    EXPECT_EQ(drafting::common::ShellWord::quote("it's"), "'it'\\''s'");
    TempDir tmp;
    const std::string hostile = "x'; touch PWNED; echo '$(touch PWNED2)`touch PWNED3`\n\"";
    writeFile(tmp.path() + "/echo.sh", "printf '%s' " + drafting::common::ShellWord::quote(hostile) + " > out.txt\n");
    const auto r = runCommand({"/bin/sh", tmp.path() + "/echo.sh"}, tmp.path());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(readFile(tmp.path() + "/out.txt"), hostile);
    EXPECT_FALSE(fs::exists(tmp.path() + "/PWNED"));
    EXPECT_FALSE(fs::exists(tmp.path() + "/PWNED2"));
    EXPECT_FALSE(fs::exists(tmp.path() + "/PWNED3"));
}

TEST(CaseScripts, AllrunRunsEachStepWithItsOwnWordsAndTheBuildsPrograms) {
    TempDir tmp;
    const ToolPaths tools = fakeBuild(tmp);
    const std::string caseDir = tmp.path() + "/case";
    fs::create_directories(caseDir + "/constant/polyMesh");
    writeFile(caseDir + "/constant/polyMesh/cellLevel", "stale\n");
    using Step = drafting::cases::files::CaseFile::Step;
    const std::vector<Step> steps = {
        Step::program("first", {"printf", "%s", "a; touch PWNED"}),
        Step::removal("removeStale", {"constant/polyMesh/cellLevel"}),
        Step::program("draftFoam", {"draftFoam", "-case", "."}, true),
    };
    CaseScripts::write(caseDir, steps, tools);
    EXPECT_TRUE((fs::status(caseDir + "/Allrun").permissions() & fs::perms::owner_exec) != fs::perms::none);
    // Started as `sh Allrun` from inside the case, as from anywhere else.
    const auto r = runCommand({"/bin/sh", "Allrun"}, caseDir);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(readFile(caseDir + "/log.first"), "a; touch PWNED");
    EXPECT_FALSE(fs::exists(caseDir + "/PWNED"));
    EXPECT_FALSE(fs::exists(tmp.path() + "/PWNED"));
    EXPECT_FALSE(fs::exists(caseDir + "/constant/polyMesh/cellLevel"));
    // Our draftFoam, from the build, with runnerDrag's library folder on the loader's path.
    const std::string solved = readFile(caseDir + "/solved.txt");
    EXPECT_EQ(solved.rfind("-case|.|", 0), 0u) << solved;
    EXPECT_NE(solved.find(tools.binDir + "/../lib"), std::string::npos) << solved;
    EXPECT_NE(solved.find("\n" + tools.foamProjectDir + "\n"), std::string::npos) << solved;  // as it was, not run
    EXPECT_FALSE(fs::exists(caseDir + "/PWNED2"));

    // Another build through DRAFTING_BIN.
    const std::string other = tmp.path() + "/other/bin";
    fs::create_directories(other);
    writeFile(other + "/draftFoam", "#!/bin/sh\necho other > solved.txt\n");
    fs::permissions(other + "/draftFoam", fs::perms::owner_all);
    const auto again = runCommand({"/usr/bin/env", "DRAFTING_BIN=" + other, caseDir + "/Allrun"}, tmp.path());
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(readFile(caseDir + "/solved.txt"), "other\n");
}

TEST(CaseScripts, AllrunStopsAtTheFirstStepThatFails) {
    TempDir tmp;
    const ToolPaths tools = fakeBuild(tmp);
    const std::string caseDir = tmp.path() + "/case";
    fs::create_directories(caseDir);
    using Step = drafting::cases::files::CaseFile::Step;
    const std::vector<Step> steps = {Step::program("mesh", {"false"}), Step::program("draftFoam", {"draftFoam"}, true)};
    CaseScripts::write(caseDir, steps, tools);
    const auto r = runCommand({caseDir + "/Allrun"}, tmp.path());
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("Allrun: mesh failed (see log.mesh)"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(caseDir + "/solved.txt"));
}

// On a case draft-cases generated: everything a run adds goes, the generated files and anything a
// person added stay (a "processor_notes" folder is not a rank's).
TEST(CaseScripts, AllcleanRemovesWhatARunMakesAndNothingElse) {
    TempDir tmp;
    writeFile(tmp.path() + "/solo.cfg", "name = scripts\n[formation]\npreset = solo\n");
    const auto gen = runCommand({DRAFT_CASES_BIN, "generate", tmp.path() + "/solo.cfg", "-o", tmp.path() + "/sweep"});
    ASSERT_EQ(gen.exitCode, 0) << gen.err;
    const std::string caseDir = tmp.path() + "/sweep/solo";
    ASSERT_TRUE(fs::exists(caseDir + "/Allrun"));
    ASSERT_TRUE(fs::exists(caseDir + "/Allclean"));
    fs::create_directories(caseDir + "/processor_notes");
    writeFile(caseDir + "/processor_notes/keep.txt", "mine\n");
    writeFile(caseDir + "/my.tmp", "mine\n");
    writeFile(caseDir + "/system/decomposeParDict", "mine: a hand-made decomposition\n");
    const std::string generated = drafting::test::treeSnapshot(caseDir);
    for (const char* d : {"constant/polyMesh", "100", "1e-05", "postProcessing/runnerDrag/0", "processor0/100", "processor12"})
        fs::create_directories(caseDir + "/" + d);
    for (const char* f : {"constant/polyMesh/points", "100/U", "1e-05/p", "log.draftFoam", "results.json", "meshCheck.json",
                          "timing.json", "results.json.0123456789abcdef.tmp", "processor0/100/U"})
        writeFile(caseDir + "/" + f, "run\n");
    ASSERT_NE(drafting::test::treeSnapshot(caseDir), generated);
    const auto r = runCommand({caseDir + "/Allclean"}, tmp.path());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(drafting::test::treeSnapshot(caseDir), generated);

    // A constant/ linked elsewhere: the mesh behind the link is not this case's to delete.
    const std::string shared = tmp.path() + "/shared";
    fs::rename(caseDir + "/constant", shared);
    fs::create_directories(shared + "/polyMesh");
    writeFile(shared + "/polyMesh/points", "someone's mesh\n");
    fs::create_directory_symlink(shared, caseDir + "/constant");
    const auto linked = runCommand({"/bin/sh", "Allclean"}, caseDir);
    ASSERT_EQ(linked.exitCode, 0) << linked.err;
    EXPECT_TRUE(fs::exists(shared + "/polyMesh/points"));

    // Without OpenFOAM's tools it says so and fails, rather than leaving the times behind quietly.
    const std::string bin = tmp.path() + "/bare-bin";  // the shell's tools, and no OpenFOAM
    fs::create_directories(bin);
    for (const char* tool : {"dirname", "rm"}) fs::create_symlink(std::string("/usr/bin/") + tool, bin + "/" + tool);
    const auto bare = runCommand({"/usr/bin/env", "PATH=" + bin, "/bin/sh", caseDir + "/Allclean"}, tmp.path());
    EXPECT_NE(bare.exitCode, 0);
    EXPECT_NE(bare.err.find("Allclean: foamListTimes not found"), std::string::npos) << bare.err;
}
