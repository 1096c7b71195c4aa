// runnerDrag's force against OpenFOAM's stock forces function object, sample for sample.
#include "common/Error.hpp"
#include "cases/reference/ForceAgreement.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace drafting;
using drafting::test::TempDir;

TEST(ForceAgreement, RebuildsTheForceFromDragSideLiftAndComparesWithStock) {
    TempDir dir;
    // flow +x, lift +y → side = lift × flow = −z. Two bodies summing to F = (3, 0.5, −0.25).
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat",
                    "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\twake_drag\twake_side\twake_lift\n"
                    "1\t9 9 9\t9 9 9\n2\t1.0\t0.05\t0.2\t2.0\t0.2\t0.3\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat",
                    "# Time (total_x total_y total_z) (p) (v)\n"
                    "2\t(3.0 0.5 -0.25)\t(2.9 0.5 -0.25)\t(0.1 0 0)\n");
    const auto c = cases::reference::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
    EXPECT_NEAR(c.runnerDrag[0], 3.0, 1e-12);
    EXPECT_NEAR(c.runnerDrag[1], 0.5, 1e-12);
    EXPECT_NEAR(c.runnerDrag[2], -0.25, 1e-12);
    EXPECT_LT(c.relativeDifference, 1e-12);

    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat", "2\t(3.03 0.5 -0.25)\t(0 0 0)\t(0 0 0)\n");
    EXPECT_NEAR(cases::reference::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0}).relativeDifference,
                0.03 / std::sqrt(3.03 * 3.03 + 0.25 + 0.0625), 1e-9);
}

TEST(ForceAgreement, MissingStockFileIsAnError) {
    TempDir dir;
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat",
                    "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\n1\t1 0 0\n");
    try {
        cases::reference::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
        FAIL() << "no error";
    } catch (const common::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("stockForces/<start time>/force.dat"), std::string::npos) << e.what();
    }
}

TEST(ForceAgreement, ComparesTheFinalSampleOfTheLatestRestart) {
    TempDir dir;
    const std::string header = "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\n";
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat", header + "1\t9 9 9\n2\t9 9 9\n");
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/2/runnerDrag.dat", header + "2\t8 8 8\n3\t8 8 8\n");
    // A second file in the restart's folder, named after its own start: the run's end is there.
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/2/runnerDrag_3.dat", header + "3\t7 7 7\n4\t2 0 0\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat", "2\t(9 9 9)\t(0 0 0)\t(0 0 0)\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/2/force.dat", "4\t(2 0 0)\t(0 0 0)\t(0 0 0)\n");
    const auto c = cases::reference::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
    EXPECT_DOUBLE_EQ(c.runnerDrag[0], 2.0);
    EXPECT_LT(c.relativeDifference, 1e-12);
}

TEST(ForceAgreement, ADivergedFinalSampleIsAnError) {
    // nan would give a relative difference of nan: results.json would hold null, not a refusal.
    TempDir dir;
    test::writeFile(dir.path() + "/postProcessing/runnerDrag/0/runnerDrag.dat",
                    "# Iteration\tcyl_drag\tcyl_side\tcyl_lift\n1\tnan 0 0\n");
    test::writeFile(dir.path() + "/postProcessing/stockForces/0/force.dat", "1\t(1 0 0)\t(0 0 0)\t(0 0 0)\n");
    try {
        cases::reference::ForceAgreement::compare(dir.path(), "stockForces", {1, 0, 0}, {0, 1, 0});
        FAIL() << "no error";
    } catch (const common::RunError& e) {
        EXPECT_NE(std::string(e.what()).find("cyl"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not finite"), std::string::npos) << e.what();
    }
}
