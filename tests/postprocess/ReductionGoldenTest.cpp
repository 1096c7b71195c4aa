// The reduction's output pinned as text: tests/data/reduction is a real 2D sweep (manifest.json and
// each case's case.json and results.json; README.md there says how it was made), and expected/
// holds what today's code writes from it. Any change to how results files are read or the tables
// are written shows here as the first line that differs. Regenerate the goldens only on purpose:
// DRAFTING_UPDATE_GOLDENS=1 rewrites expected/ from the current code.
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "postprocess/PacingTable.hpp"
#include "postprocess/SavingsTable.hpp"
#include "support/Close.hpp"
#include "support/Golden.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace drafting;
using drafting::test::firstDifference;
using drafting::test::readFile;
using drafting::test::TempDir;

namespace {

const fs::path kFixture = fs::path(DRAFTING_SOURCE_DIR) / "tests" / "data" / "reduction";
const fs::path kGoldens = kFixture / "expected";

// The files the reduction's tables are written to, as draft-post names them.
const std::vector<std::string> kTableFiles = {"savings.csv", "bodies.csv", "savings.json", "pacing.csv",
                                              "pacing.json"};

// The sweep copied to a temp dir (never reduced in the source tree): manifest.json and the case
// folders, not the goldens, README.md or the config it was made from.
void copySweep(const fs::path& to) {
    fs::create_directories(to);
    fs::copy_file(kFixture / cases::files::Manifest::kFileName, to / cases::files::Manifest::kFileName);
    for (const auto& entry : fs::directory_iterator(kFixture)) {
        if (entry.is_directory() && entry.path().filename() != "expected")
            fs::copy(entry.path(), to / entry.path().filename(), fs::copy_options::recursive);
    }
}

// What PostCli::run writes for the tables, with the same calls in the same order (no plots, no
// flow fields, no report, no convergence study).
void reduce(const std::string& sweep, const std::string& out) {
    post::SavingsTable table = post::SavingsTable::fromSweep(sweep);
    const cases::files::Manifest manifest = cases::files::Manifest::read(sweep);
    const post::PacingTable pacing =
        post::PacingTable::build(table, manifest.config);
    table.writeCsv(out + "/savings.csv");
    table.writeBodiesCsv(out + "/bodies.csv");
    common::JsonFile::writeAtomic(out + "/savings.json", table.toJson());
    pacing.writeCsv(out + "/pacing.csv");
    common::JsonFile::writeAtomic(out + "/pacing.json", pacing.toJson());
}

class ReductionGolden : public ::testing::Test {
protected:
    void SetUp() override {
        sweep_ = tmp_.path() + "/sweep";
        out_ = tmp_.path() + "/out";
        copySweep(sweep_);
        fs::create_directories(out_);
        reduce(sweep_, out_);
    }

    TempDir tmp_;
    std::string sweep_, out_;
};

TEST_F(ReductionGolden, EveryTableIsTheGoldenText) {
    if (drafting::test::updatingGoldens()) {
        fs::create_directories(kGoldens);
        for (const auto& name : kTableFiles)
            fs::copy_file(out_ + "/" + name, kGoldens / name, fs::copy_options::overwrite_existing);
        GTEST_SKIP() << "rewrote " << kGoldens << " from the current code: review the diff before committing";
    }
    for (const auto& name : kTableFiles) {
        ASSERT_TRUE(fs::exists(kGoldens / name)) << "no golden " << kGoldens / name;
        const std::string difference = firstDifference(readFile(out_ + "/" + name), readFile((kGoldens / name).string()));
        EXPECT_TRUE(difference.empty()) << name << " drifted from tests/data/reduction/expected/" << name << ": "
                                        << difference;
    }
}

TEST_F(ReductionGolden, GoldensAreExactlyTheTablesWritten) {
    // A golden left behind for a file no longer written, or a table written without a golden.
    std::vector<std::string> goldens;
    for (const auto& entry : fs::directory_iterator(kGoldens)) goldens.push_back(entry.path().filename().string());
    std::vector<std::string> written;
    for (const auto& entry : fs::directory_iterator(out_)) written.push_back(entry.path().filename().string());
    std::sort(goldens.begin(), goldens.end());
    std::sort(written.begin(), written.end());
    std::vector<std::string> expected = kTableFiles;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(goldens, expected);
    EXPECT_EQ(written, expected);
}

TEST_F(ReductionGolden, TheNonPhysicalCasesAreKeptOutOfTheTables) {
    // The fixture's edited case (README.md): lead Cd 50, outside the solver's [-2, 10]; and the
    // real 2D case whose lead is pushed forward (negative drag, a saving above 100 %).
    const std::map<std::string, std::string> expected = {
        {"ahead-f1.3", "non-physical drag on lead: Cd = 50"},
        {"ahead-f1", "non-physical drag on lead: drag_N = -0.776298 is not positive"}};
    const auto savings = nlohmann::json::parse(readFile(out_ + "/savings.json"));
    std::set<std::string> failed;
    for (const auto& row : savings.at("rows")) {
        if (row.at("status") == "ok") continue;
        const std::string name = row.at("case");
        failed.insert(name);
        ASSERT_TRUE(expected.count(name)) << name;
        EXPECT_NE(row.at("reason").get<std::string>().find(expected.at(name)), std::string::npos) << row.at("reason");
        EXPECT_TRUE(row.at("saving_pct").is_null());
        EXPECT_TRUE(row.at("bodies").empty());
    }
    EXPECT_EQ(failed.size(), expected.size());
    const auto pacing = nlohmann::json::parse(readFile(out_ + "/pacing.json"));
    for (const auto& row : pacing.at("rows")) {
        if (expected.count(row.at("case").get<std::string>())) EXPECT_TRUE(row.at("prediction").is_null());
    }
}

TEST_F(ReductionGolden, SavingsAreTheLeadsDragAgainstSolo) {
    // The arithmetic behind the golden, from the inputs: saving = 100 (1 − drag_lead / drag_solo)
    // with the drags as each case's results.json has them.
    const auto savings = nlohmann::json::parse(readFile(out_ + "/savings.json"));
    const double solo = savings.at("drag_solo_N").get<double>();
    int checked = 0;
    for (const auto& row : savings.at("rows")) {
        if (row.at("status") != "ok") continue;
        const auto results = common::JsonFile::read(sweep_ + "/" + row.at("case").get<std::string>() + "/results.json");
        const double lead = results.at("bodies").at("lead").at("drag_N").get<double>();
        EXPECT_CLOSE(row.at("drag_lead_N").get<double>(), lead, 0.0, 0.0);
        EXPECT_CLOSE(row.at("saving_pct").get<double>(), 100.0 * (1.0 - lead / solo), 1e-12, 1e-12)
            << row.at("case");
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

}  // namespace
