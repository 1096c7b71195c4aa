// What `draft-cases generate` writes, pinned byte for byte: every dictionary, field file, case.json
// and the manifest of a small 2D and a small 3D sweep (tests/data/generate/*.cfg) against
// tests/data/generate/expected-*/. A refactor of the case writer must leave them identical; a
// deliberate change rewrites them with DRAFTING_UPDATE_GOLDENS=1 and shows up in the diff.
// The runners' STL surfaces are left out (megabytes of VTK output; RunnerBody's tests cover them).
// What depends on the machine and the moment is taken out on both sides: the manifest's provenance
// (build, host, date, command) and the build's folder in each Allrun (as @BIN).
// Pinned on Debian 12 amd64 (GCC 12, VTK 9.1), the platform CI supports: case.json's fingerprint is
// libstdc++'s std::hash and runner.json holds VTK's measures, so another platform regenerates them
// on purpose, as it would regenerate a user's sweep.
#include "support/Golden.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using drafting::test::firstDifference;
using drafting::test::readFile;
using drafting::test::TempDir;

namespace {

const fs::path kData = fs::path(DRAFTING_SOURCE_DIR) / "tests" / "data" / "generate";

// The generated text files, relative to the sweep: no surfaces, no lock or hidden files.
std::set<std::string> pinnedFiles(const fs::path& root) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().extension() == ".stl") continue;
        const std::string rel = fs::relative(e.path(), root).string();
        if (rel.find("/.") != std::string::npos || rel.front() == '.') continue;
        out.insert(rel);
    }
    return out;
}

// A file's text without what differs between machines and runs.
std::string pinnedText(const std::string& rel, const std::string& text) {
    if (fs::path(rel).filename() == "manifest.json") {
        auto j = nlohmann::json::parse(text);
        j.erase("provenance");
        return j.dump(2) + "\n";
    }
    if (fs::path(rel).filename() == "Allrun") {
        const std::string bin = fs::path(DRAFT_CASES_BIN).parent_path().string();
        std::string out = text;
        for (auto at = out.find(bin); at != std::string::npos; at = out.find(bin, at + 4)) out.replace(at, bin.size(), "@BIN");
        return out;
    }
    return text;
}

void expectSameTree(const std::string& config) {
    TempDir tmp;
    const fs::path written = fs::path(tmp.path()) / "sweep";
    const auto run = drafting::test::runCommand(
        {DRAFT_CASES_BIN, "generate", (kData / (config + ".cfg")).string(), "-o", written.string()});
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const fs::path golden = kData / ("expected-" + config);
    const auto files = pinnedFiles(written);

    if (drafting::test::updatingGoldens()) {
        fs::remove_all(golden);
        for (const auto& rel : files) {
            fs::create_directories((golden / rel).parent_path());
            drafting::test::writeFile((golden / rel).string(), pinnedText(rel, readFile((written / rel).string())));
        }
        GTEST_SKIP() << "rewrote " << golden << " from the current code: review the diff before committing";
    }
    ASSERT_TRUE(fs::is_directory(golden)) << "no golden " << golden;
    const auto expected = pinnedFiles(golden);
    for (const auto& rel : files)
        if (!expected.count(rel)) ADD_FAILURE() << config << ": " << rel << " is written but not in the golden";
    for (const auto& rel : expected)
        if (!files.count(rel)) ADD_FAILURE() << config << ": " << rel << " is in the golden but no longer written";
    for (const auto& rel : files) {
        if (!expected.count(rel)) continue;
        const std::string difference =
            firstDifference(pinnedText(rel, readFile((written / rel).string())), readFile((golden / rel).string()));
        EXPECT_TRUE(difference.empty()) << config << ": " << rel << " drifted from its golden: " << difference;
    }
}

}  // namespace

TEST(GenerateSnapshot, TwoDimensionalCasesAreWrittenByteForByteAsBefore) { expectSameTree("tiny-2d"); }

TEST(GenerateSnapshot, ThreeDimensionalCasesAreWrittenByteForByteAsBefore) { expectSameTree("tiny-3d"); }
