// What CaseWriter puts in a case's system/fvSolution for each solver mode.
#include "cases/writer/CaseWriter.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

using drafting::cases::config::CaseSpec;
using drafting::cases::writer::CaseWriter;
using drafting::cases::config::SweepConfig;
using drafting::test::readFile;
using drafting::test::TempDir;

namespace {

// The file as one line: entries read as "key value;" whatever the layout.
std::string fvSolution(const SweepConfig& config, const std::string& dir) {
    CaseSpec spec;
    spec.name = "solo";
    spec.formation = "solo";
    spec.runners = {{"lead", 0.0, 0.0}};
    CaseWriter::write(config, spec, dir, "test");
    return drafting::test::squeezed(readFile(dir + "/system/fvSolution"));
}

}  // namespace

TEST(CaseWriter, TransientOuterCorrectorsRelaxEveryLoopButTheLast) {
    TempDir tmp;
    SweepConfig c = SweepConfig::parse("[solver]\nmode = transient\n");
    const std::string one = fvSolution(c, tmp.path() + "/one");
    EXPECT_NE(one.find("nOuterCorrectors 1;"), std::string::npos) << one;
    EXPECT_EQ(one.find("relaxationFactors"), std::string::npos) << one;  // one loop: nothing to relax

    c.outerCorrectors = 3;
    const std::string three = fvSolution(c, tmp.path() + "/three");
    EXPECT_NE(three.find("nOuterCorrectors 3;"), std::string::npos) << three;
    EXPECT_NE(three.find("relaxationFactors"), std::string::npos) << three;
    EXPECT_NE(three.find("p 0.3;"), std::string::npos) << three;
    EXPECT_NE(three.find("pFinal 1;"), std::string::npos) << three;
    EXPECT_NE(three.find("\"(U|k|omega|epsilon)\" 0.7;"), std::string::npos) << three;
    EXPECT_NE(three.find("\"(U|k|omega|epsilon)Final\" 1;"), std::string::npos) << three;

    // Steady: SIMPLE, whatever the transient setting says.
    SweepConfig steady;
    steady.outerCorrectors = 3;
    const std::string simple = fvSolution(steady, tmp.path() + "/steady");
    EXPECT_NE(simple.find("SIMPLE"), std::string::npos) << simple;
    EXPECT_EQ(simple.find("nOuterCorrectors"), std::string::npos) << simple;
    // And absent from a steady sweep's settings, so steady fingerprints did not change with the key.
    EXPECT_FALSE(steady.toJson()["solver"].contains("outer_correctors"));
    EXPECT_EQ(c.toJson()["solver"]["outer_correctors"], 3);
}

// A crosswind (issue 16): the inflow has its cross component, the sides let the air in and out
// (freestream for U and p, inletOutlet for the turbulence), and in 3D the wake boxes reach further
// to the lee side. A headwind given as a wind from straight ahead keeps the slip sides.
TEST(CaseWriter, ACrosswindComesInThroughOneSideAndLeavesThroughTheOther) {
    TempDir tmp;
    CaseSpec spec;
    spec.name = "solo";
    spec.formation = "solo";
    spec.runners = {{"lead", 0.0, 0.0}};
    const auto write = [&](const std::string& dir, const std::string& configText) {
        CaseWriter::write(SweepConfig::parse(configText), spec, tmp.path() + "/" + dir, "test");
        return [&, dir](const std::string& file) { return drafting::test::squeezed(readFile(tmp.path() + "/" + dir + "/" + file)); };
    };
    const auto cross = write("cross", "[run]\nspeed = 6\nwind_speed = 2\nwind_direction = 90\n[mesh]\ndimension = 3\nlevel = coarse\n");
    EXPECT_NE(cross("0/U").find("inlet { type fixedValue; value uniform (-6 -2 0); }"), std::string::npos) << cross("0/U");
    EXPECT_NE(cross("0/U").find("sides { type freestreamVelocity; freestreamValue uniform (-6 -2 0);"), std::string::npos);
    EXPECT_NE(cross("0/p").find("sides { type freestreamPressure; freestreamValue uniform 0;"), std::string::npos);
    EXPECT_NE(cross("0/k").find("sides { type inletOutlet;"), std::string::npos);
    const auto calm = write("calm", "[run]\nspeed = 6\nwind_speed = 2\nwind_direction = 0\n[mesh]\ndimension = 3\nlevel = coarse\n");
    EXPECT_NE(calm("0/U").find("inlet { type fixedValue; value uniform (-8 0 0); }"), std::string::npos) << calm("0/U");
    EXPECT_NE(calm("0/U").find("sides { type slip; }"), std::string::npos);
    // The lee side is -y for a wind from the left: the near wake's box reaches further there.
    const auto nearWakeMin = [](const std::string& dict) {
        const auto at = dict.find("nearWake { type searchableBox; min (");
        return std::stod(dict.substr(dict.find(' ', at + 36) + 1));
    };
    EXPECT_LT(nearWakeMin(cross("system/snappyHexMeshDict")), nearWakeMin(calm("system/snappyHexMeshDict")) - 0.3);
    // A wind from behind or from straight ahead by a full turn: no crosswind, slip sides.
    for (const char* direction : {"180", "360"}) {
        const auto along = write(std::string("along") + direction,
                                 std::string("[run]\nspeed = 6\nwind_speed = 2\nwind_direction = ") + direction + "\n");
        EXPECT_NE(along("0/U").find("sides { type slip; }"), std::string::npos) << direction << along("0/U");
        EXPECT_NE(along("0/U").find(std::string("inlet { type fixedValue; value uniform (") + (direction[0] == '1' ? "-4" : "-8") + " 0 0); }"),
                  std::string::npos) << along("0/U");
    }
    // 2D: the sides open too, and the section mesh's wake box reaches to the lee side.
    const auto flat = write("flat", "[run]\nspeed = 6\nwind_speed = 2\nwind_direction = 90\n");
    EXPECT_NE(flat("0/omega").find("sides { type inletOutlet;"), std::string::npos) << flat("0/omega");
    EXPECT_NE(flat("0/epsilon").find("sides { type inletOutlet;"), std::string::npos);
    const auto flatCalm = write("flatCalm", "[run]\nspeed = 6\n");
    const auto wakeMin = [](const std::string& dict) {
        const auto at = dict.find("wake { type searchableBox; min (");
        return std::stod(dict.substr(dict.find(' ', at + 32) + 1));
    };
    EXPECT_LT(wakeMin(flat("system/snappyHexMeshDict")), wakeMin(flatCalm("system/snappyHexMeshDict")) - 0.5);
}
