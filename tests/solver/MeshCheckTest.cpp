// The mesh-check step: a mesh that fails checkMesh's checks fails the case before any solver runs.
#include "cases/files/CaseFile.hpp"
#include "cases/run/CaseRunner.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/MeshCheckFile.hpp"
#include "cases/files/ToolPaths.hpp"
#include "meshes/FoamFile.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using drafting::cases::run::CaseRunner;
using drafting::common::JsonFile;
using drafting::cases::files::MeshCheckFile;
using drafting::cases::files::ToolPaths;
using drafting::meshes::FoamFile;
using drafting::test::TempDir;

namespace {

// One block of 3 x 3 x 3 cells whose top is shifted by `shear` along x.
void writeCase(const std::string& dir, double shear) {
    const std::string s = FoamFile::number(shear), s1 = FoamFile::number(1 + shear);
    FoamFile::write(dir + "/system/controlDict", FoamFile::header("controlDict") +
                                                     "application draftFoam;\nstartFrom startTime;\nstartTime 0;\n"
                                                     "stopAt endTime;\nendTime 1;\ndeltaT 1;\nwriteControl timeStep;\n"
                                                     "writeInterval 1;\n");
    FoamFile::write(dir + "/system/blockMeshDict",
                    FoamFile::header("blockMeshDict") + "scale 1;\nvertices\n(\n (0 0 0) (1 0 0) (" + s1 + " 1 0) (" + s +
                        " 1 0)\n (0 0 1) (1 0 1) (" + s1 + " 1 1) (" + s +
                        " 1 1)\n);\nblocks\n(\n hex (0 1 2 3 4 5 6 7) (3 3 3) simpleGrading (1 1 1)\n);\n"
                        "boundary\n(\n walls { type wall; faces ((0 4 7 3) (2 6 5 1) (3 7 6 2) (1 5 4 0) (0 3 2 1) "
                        "(4 5 6 7)); }\n);\n");
    drafting::cases::files::CaseFile caseFile;
    caseFile.name = "sheared";
    using Step = drafting::cases::files::CaseFile::Step;
    caseFile.steps = {Step::program("blockMesh", {"blockMesh"}), Step::meshCheckStep(),
                      Step::program("draftFoam", {"draftFoam"}, true)};
    caseFile.write(dir + "/case.json");
}

// Our tools, but a blockMesh that then moves the first interior point out of the block, folding
// the cells around it inside out (blockMesh itself refuses inverted blocks, and a case's steps
// may run only the case programs, so the fold rides on blockMesh).
ToolPaths foldingTools(const std::string& binDir) {
    ToolPaths tools = ToolPaths::discover();
    fs::create_directories(binDir);
    for (const char* own : {"draftCheckMesh", "draftFoam"})
        fs::create_symlink(fs::path(tools.binDir) / own, fs::path(binDir) / own);
    drafting::test::writeFile(binDir + "/blockMesh",
                              "#!/bin/sh\nblockMesh \"$@\" || exit $?\n"
                              "exec sed -i 's/^(0.3333333333 0.3333333333 0.3333333333)$/(2.5 2.5 2.5)/' "
                              "constant/polyMesh/points\n");
    fs::permissions(binDir + "/blockMesh", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
    tools.binDir = binDir;
    return tools;
}

}  // namespace

TEST(MeshCheck, InvertedCellsFailTheCaseBeforeTheSolverRuns) {
    TempDir tmp, bin;
    writeCase(tmp.path(), 0.0);
    const auto result = CaseRunner(foldingTools(bin.path() + "/bin")).run(tmp.path());
    EXPECT_FALSE(result.ok());
    EXPECT_NE(result.reason.find("mesh fails checkMesh: closedCells, cellVolumes"), std::string::npos) << result.reason;
    EXPECT_FALSE(fs::exists(tmp.path() + "/log.draftFoam"));

    // draftCheckMesh's own file reads through the contract every reader uses.
    const auto verdict = MeshCheckFile::read(tmp.path() + "/" + MeshCheckFile::kFileName);
    EXPECT_FALSE(verdict.ok);
    EXPECT_EQ(verdict.failed.rfind("closedCells, cellVolumes", 0), 0u) << verdict.failed;
    EXPECT_GT(verdict.maxNonOrthogonalityDeg, 90.0);
    EXPECT_EQ(verdict.cells, 27);
    EXPECT_FALSE(verdict.checks.at("cellVolumes"));

    // The written results carry the verdict and its cell count, with the kind of failure.
    const auto written = drafting::common::JsonFile::read(tmp.path() + "/results.json");
    EXPECT_EQ(written["status"], "failed");
    EXPECT_EQ(written["failure"], "mesh-check");
    EXPECT_EQ(written["mesh"]["cells"], 27);
    EXPECT_FALSE(written["mesh"]["check"]["checks"]["cellVolumes"].get<bool>());
}

TEST(MeshCheck, GoodMeshPassesAndReportsItsQuality) {
    TempDir tmp;
    writeCase(tmp.path(), 0.5);  // cells lean 26.6 degrees: fine
    const auto env = ToolPaths::discover();
    ASSERT_EQ(drafting::test::runCommand({"/usr/bin/env", "WM_PROJECT_DIR=" + env.foamProjectDir, "blockMesh"}, tmp.path())
                  .exitCode,
              0);
    const auto check = drafting::test::runCommand(
        {"/usr/bin/env", "WM_PROJECT_DIR=" + env.foamProjectDir, env.application("draftCheckMesh")}, tmp.path());
    ASSERT_EQ(check.exitCode, 0) << check.out << check.err;
    const auto verdict = MeshCheckFile::read(tmp.path() + "/meshCheck.json");
    EXPECT_TRUE(verdict.ok);
    EXPECT_NEAR(verdict.maxNonOrthogonalityDeg, 26.565, 0.5);
    EXPECT_EQ(verdict.cells, 27);
    EXPECT_GT(verdict.faces, 27);
    EXPECT_GT(verdict.points, 27);
    EXPECT_EQ(verdict.failed, "");
    EXPECT_EQ(verdict.checks.size(), 11u);
    for (const auto& [name, passed] : verdict.checks) EXPECT_TRUE(passed) << name;
    // What the runner copies into results.json is the file as draftCheckMesh wrote it.
    EXPECT_EQ(verdict.toJson(), drafting::common::JsonFile::read(tmp.path() + "/meshCheck.json"));
}
