// The runnerDrag entry's one writer: what it writes, and that the documented template
// (solver/etc/caseDicts/runnerDrag) names every key it can write.
#include "cases/writer/RunnerDragDict.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

using drafting::cases::writer::RunnerDragDict;

namespace {

RunnerDragDict everyKey() {
    RunnerDragDict d;
    d.bodies = {"lead", "pacer1"};
    d.flowDirection = "(1 0 0)";
    d.liftDirection = "(0 1 0)";
    d.checkpointInterval = 600;
    d.averagingStart = 1.5;
    d.batches = 10;
    d.strouhalLength = 0.23;
    d.strouhalForce = "lift";
    d.averagingWindow = 50;
    d.residualTolerance = 1e-4;
    d.convergenceWindow = 100;
    d.convergenceTolerance = 0.002;
    d.settled = RunnerDragDict::Settled{100, 0.002, 4e-5, 200};
    d.divergence = RunnerDragDict::Divergence{20, 200};
    d.bodyAref = {{"pacer1", 0.48}};
    return d;
}

// The first word of every line of a dictionary entry: its keys (and sub-dictionary names).
std::set<std::string> keys(const std::string& text) {
    std::set<std::string> out;
    std::istringstream in(text);
    static const std::regex key(R"(^\s*(?://\s*)?([A-Za-z][A-Za-z0-9]*)\b)");
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_search(line, m, key)) out.insert(m[1].str());
    }
    return out;
}

}  // namespace

TEST(RunnerDragDict, WritesOnlyTheKeysThatAreSet) {
    RunnerDragDict d;
    d.bodies = {"lead"};
    d.rhoInf = 1.18;
    d.Uref = 6.706;
    d.Aref = 0.357;
    EXPECT_EQ(d.text(),
              "    runnerDrag\n    {\n"
              "        type            runnerDrag;\n"
              "        libs            (\"libdraftFunctionObjects.so\");\n"
              "        bodies          ( lead );\n"
              "        rhoInf          1.18;\n"
              "        Uref            6.706;\n"
              "        Aref            0.357;\n"
              "    }\n");
    d.loadLibrary = false;
    EXPECT_EQ(d.text().find("libs"), std::string::npos);
}

TEST(RunnerDragDict, ABodyOfItsOwnSizeGetsItsOwnReferenceArea) {
    RunnerDragDict d;
    d.bodies = {"lead", "pacer1"};
    d.Aref = 0.357;
    d.bodyAref = {{"pacer1", 0.48}};
    EXPECT_NE(drafting::test::squeezed(d.text()).find("Aref 0.357; bodyAref { pacer1 0.48; }"), std::string::npos) << d.text();
}

TEST(RunnerDragDict, TheTemplateForUsersNamesEveryKeyTheWriterCanWrite) {
    const std::string path = std::string(DRAFTING_SOURCE_DIR) + "/solver/etc/caseDicts/runnerDrag";
    const auto documented = keys(drafting::test::readFile(path));
    for (const auto& key : keys(everyKey().text())) {
        if (key == "runnerDrag") continue;  // the entry's own name
        EXPECT_TRUE(documented.count(key)) << key << " is written by RunnerDragDict but not in " << path;
    }
}
