// report.html in a real browser (label browser): Debian's headless Chromium, playwright-core.
#include "common/Process.hpp"
#include "postprocess/ReportPage.hpp"
#include "TestSupport.hpp"
#include "support/ReportModel.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

using namespace drafting;
using drafting::test::TempDir;
namespace fs = std::filesystem;

// The page in a real browser: Debian's headless Chromium driven by playwright-core
// (tests/browser/check-report.mjs; scripts/setup-deps.sh installs both). Fails, never skips,
// when they are missing.
TEST(ReportBrowser, LoadsSelfContainedInHeadlessChromium) {
    const std::string browserDir = std::string(DRAFTING_SOURCE_DIR) + "/tests/browser";
    const std::string node = common::Process::which("node");
    const char* chromiumEnv = std::getenv("CHROMIUM");
    const std::string chromium = chromiumEnv != nullptr ? chromiumEnv : "/usr/bin/chromium";
    ASSERT_FALSE(node.empty()) << "node is not on PATH: run scripts/setup-deps.sh";
    ASSERT_TRUE(fs::exists(chromium)) << chromium << " is missing: run scripts/setup-deps.sh (Debian's chromium)";
    ASSERT_TRUE(fs::exists(browserDir + "/node_modules/playwright-core"))
        << "playwright-core is not installed in " << browserDir << ": run scripts/setup-deps.sh";

    TempDir dir;
    test::writePng(dir.path() + "/savings.png", 320, 200);
    test::writePng(dir.path() + "/flow/ahead-f1.3/speed.png", 240, 120);
    test::writeFile(dir.path() + "/flow/sweep.pvd", "<VTKFile/>");
    post::ReportPage::write(test::fullReportModel(), dir.path());

    // The screenshot stays beside the test binary's working directory for a person to look at.
    const std::string screenshot = (fs::current_path() / "ReportBrowser-screenshot.png").string();
    fs::remove(screenshot);
    const auto start = std::chrono::steady_clock::now();
    const auto run = test::runCommand({node, browserDir + "/check-report.mjs", dir.path() + "/report.html", screenshot});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(run.exitCode, 0) << run.err << run.out;
    nlohmann::json facts;
    ASSERT_NO_THROW(facts = nlohmann::json::parse(run.out)) << run.out;
    std::cout << "[ReportBrowser] Chromium " << facts.value("browser", "?") << ", " << seconds << " s, screenshot "
              << screenshot << '\n';

    EXPECT_EQ(facts["title"], "Drafting study: quickstart");
    EXPECT_TRUE(facts["ok"].get<bool>());
    // Tables: savings, failed, fit, pacing, comparison, stride, race, and the config's (top level,
    // [athlete], [sweep]).
    ASSERT_EQ(facts["tables"].size(), 10u) << facts["tables"].dump();
    EXPECT_EQ(facts["tables"][0]["rows"], 3);  // savings: the failed case is not among them
    EXPECT_EQ(facts["tables"][1]["rows"], 1);  // failed
    // Two images, both decoded: the missing third is a note, not a broken image.
    ASSERT_EQ(facts["images"].size(), 2u);
    for (const auto& img : facts["images"]) {
        EXPECT_TRUE(img["complete"].get<bool>()) << img.dump();
        EXPECT_GT(img["naturalWidth"].get<int>(), 0) << img.dump();
    }
    EXPECT_EQ(facts["images"][0]["naturalWidth"], 320);
    EXPECT_EQ(facts["scripts"], 0);
    EXPECT_EQ(facts["consoleErrors"], nlohmann::json::array()) << facts["consoleErrors"].dump();
    EXPECT_EQ(facts["pageErrors"], nlohmann::json::array()) << facts["pageErrors"].dump();
    EXPECT_EQ(facts["requests"], nlohmann::json::array()) << "not self-contained: " << facts["requests"].dump();
    EXPECT_EQ(facts["failedRequests"], nlohmann::json::array()) << facts["failedRequests"].dump();
    const std::string png = test::readFile(screenshot);
    ASSERT_GT(png.size(), 1000u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
}
