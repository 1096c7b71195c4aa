#include "common/Process.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/ReportPage.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

using namespace drafting;
using drafting::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A small real PNG (a colour gradient) written by VTK, as the plots are.
void writePng(const std::string& path, int width, int height) {
    fs::create_directories(fs::path(path).parent_path());
    vtkNew<vtkImageData> image;
    image->SetDimensions(width, height, 1);
    image->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            auto* px = static_cast<unsigned char*>(image->GetScalarPointer(x, y, 0));
            px[0] = static_cast<unsigned char>(255 * x / width);
            px[1] = static_cast<unsigned char>(255 * y / height);
            px[2] = 160;
        }
    }
    vtkNew<vtkPNGWriter> png;
    png->SetFileName(path.c_str());
    png->SetInputData(image);
    png->Write();
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
    return n;
}

// The model draft-post assembles, with every section and a hostile case name.
nlohmann::json fullModel() {
    const nlohmann::json savingsColumns = nlohmann::json::array(
        {{{"key", "case"}, {"title", "Case"}},
         {{"key", "front_gap_m"}, {"title", "Front gap [m]"}, {"digits", 2}},
         {{"key", "back_gap_m"}, {"title", "Rear gap [m]"}, {"digits", 2}},
         {{"key", "drag_lead_N"}, {"title", "Drag [N]"}, {"digits", 3}},
         {{"key", "saving_pct"}, {"title", "Saving [%]"}, {"digits", 1}},
         {{"key", "converged"}, {"title", "Converged"}}});
    return {
        {"title", "Drafting study: quickstart"},
        {"sweep_dir", "runs/quickstart"},
        {"generated_utc", "2026-11-24T12:00:00Z"},
        {"tool_version", "0.1.0"},
        {"summary",
         {{"cases", 4}, {"ok", 3}, {"failed", 1}, {"solo_drag_N", 7.08}, {"unconverged", {"behind-b1"}}}},
        {"config",
         {{"name", "quickstart"},
          {"athlete", {{"height", 1.57}, {"mass", 42}}},
          {"sweep", {{"front_gap", "0.8:2.0:0.4"}, {"ahead", {{"lateral", 0.0}}}}}}},
        {"savings",
         {{"columns", savingsColumns},
          {"rows",
           {{{"case", "solo"}, {"front_gap_m", nullptr}, {"back_gap_m", nullptr}, {"drag_lead_N", 7.08},
             {"saving_pct", 0.0}, {"converged", true}},
            {{"case", "ahead-f1.3"}, {"front_gap_m", 1.3}, {"drag_lead_N", 2.31}, {"saving_pct", 67.4},
             {"converged", true}},
            {{"case", "<script>alert(1)</script>"}, {"front_gap_m", 2.0}, {"drag_lead_N", 3.2},
             {"saving_pct", 54.8}, {"converged", false}}}}}},
        {"fit",
         {{"model", "The shelter of a wake decays roughly exponentially with the gap."},
          {"equation", "s(g) = s0 * exp(-g / L)"},
          {"curves",
           {{{"label", "no pacer behind"}, {"parameters", {{"s0", 95.1}, {"L", 3.9}}}, {"rmse_pct", 0.42},
             {"points", 3}}}}}},
        {"pacing",
         {{"athlete", "1.57 m, 42 kg"},
          {"baseline_time", "4:07.64"},
          {"columns", {{{"key", "case"}, {"title", "Case"}}, {{"key", "mile"}, {"title", "Mile"}}}},
          {"rows", {{{"case", "ahead-f1.3"}, {"mile", "4:01.2"}}}},
          {"notes", {"At her solo metabolic power."}}}},
        {"race",
         {{"title", "Pacers until 1200 m"},
          {"columns", {{{"key", "distance_m"}, {"title", "Distance [m]"}}, {{"key", "time"}, {"title", "Time"}}}},
          {"rows", {{{"distance_m", 400}, {"time", "0:59.8"}}, {{"distance_m", 1609.34}, {"time", "3:59.1"}}}},
          {"final_time", "3:59.1"}}},
        {"failed", {{{"case", "behind-b0.5"}, {"reason", "mesh fails checkMesh: faceSkewness & <more>"}}}},
        {"figures",
         {{{"title", "Saving vs front gap"}, {"path", "savings.png"}, {"caption", "one line per rear gap"}},
          {{"title", "Gone"}, {"path", "nothere.png"}}}},
        {"flow_images", {{{"case", "ahead-f1.3"}, {"path", "flow/ahead-f1.3/speed.png"}}}},
        {"links", {{{"title", "All cases in ParaView"}, {"href", "flow/sweep.pvd"}},
                   {{"title", "bad"}, {"href", "javascript:alert(2)"}}}},
        {"warnings", {"not converged: behind-b1 <b>"}},
    };
}

}  // namespace

TEST(ReportPage, EscapesEveryTextFromTheModel) {
    TempDir dir;
    auto model = fullModel();
    model["title"] = "Study <i>&</i> \"quoted\"";
    post::ReportPage::write(model, dir.path());
    const std::string html = test::readFile(dir.path() + "/report.html");
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("<title>Study &lt;i&gt;&amp;&lt;/i&gt; &quot;quoted&quot;</title>"), std::string::npos);
    EXPECT_NE(html.find("faceSkewness &amp; &lt;more&gt;"), std::string::npos);
    EXPECT_NE(html.find("behind-b1 &lt;b&gt;"), std::string::npos);
    // A link with a script scheme is shown as text, never as a link.
    EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"flow/sweep.pvd\">"), std::string::npos);
    EXPECT_EQ(post::ReportPage::escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST(ReportPage, EmbedsImagesAsDataUrisAndReportsMissingOnes) {
    TempDir dir;
    writePng(dir.path() + "/savings.png", 40, 30);
    writePng(dir.path() + "/flow/ahead-f1.3/speed.png", 60, 20);
    post::ReportPage::write(fullModel(), dir.path());
    const std::string html = test::readFile(dir.path() + "/report.html");
    EXPECT_EQ(count(html, "<img src=\"data:image/png;base64,iVBORw0KGgo"), 2u);  // base64 of the PNG signature
    EXPECT_EQ(count(html, "<img "), 2u);
    EXPECT_NE(html.find("missing: nothere.png"), std::string::npos);
    EXPECT_EQ(html.find("src=\"nothere.png"), std::string::npos);
    // The ParaView link stays a relative link, marked when its file is not there.
    EXPECT_NE(html.find("flow/sweep.pvd</span> <span class=\"missing\">(not found)"), std::string::npos);
    // Nothing the page would fetch: no external stylesheet, script or image.
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("src=\"http"), std::string::npos);
}

TEST(ReportPage, DoesNotThrowWhenEveryImageIsMissing) {
    TempDir dir;
    EXPECT_NO_THROW(post::ReportPage::write(fullModel(), dir.path()));
    const std::string html = test::readFile(dir.path() + "/report.html");
    EXPECT_NE(html.find("missing: savings.png"), std::string::npos);
    EXPECT_NE(html.find("missing: flow/ahead-f1.3/speed.png"), std::string::npos);
    EXPECT_EQ(count(html, "<img "), 0u);
}

TEST(ReportPage, ListsFailedCasesInTheirOwnSection) {
    TempDir dir;
    post::ReportPage::write(fullModel(), dir.path());
    const std::string html = test::readFile(dir.path() + "/report.html");
    const auto savings = html.find("<section id=\"savings\"");
    const auto failed = html.find("<section id=\"failed\" class=\"failed\">");
    ASSERT_NE(savings, std::string::npos);
    ASSERT_NE(failed, std::string::npos);
    const auto savingsEnd = html.find("</section>", savings);
    EXPECT_EQ(html.substr(savings, savingsEnd - savings).find("behind-b0.5"), std::string::npos);
    const auto failedEnd = html.find("</section>", failed);
    EXPECT_NE(html.substr(failed, failedEnd - failed).find("behind-b0.5"), std::string::npos);
    EXPECT_NE(html.find("<a href=\"#failed\">"), std::string::npos);  // the table of contents and the summary

    auto none = fullModel();
    none["failed"] = nlohmann::json::array();
    post::ReportPage::write(none, dir.path(), "none.html");
    EXPECT_NE(test::readFile(dir.path() + "/none.html").find("none: every case finished"), std::string::npos);
}

TEST(ReportPage, RendersTablesFromColumns) {
    TempDir dir;
    post::ReportPage::write(fullModel(), dir.path());
    const std::string html = test::readFile(dir.path() + "/report.html");
    EXPECT_NE(html.find("<th scope=\"col\" class=\"num\">Saving [%]</th>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num\">67.4</td>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num\">1.30</td>"), std::string::npos);  // digits: 2
    EXPECT_NE(html.find("<td class=\"none\">\u2013</td>"), std::string::npos);  // null and absent values
    EXPECT_NE(html.find("<code>ahead.lateral</code>"), std::string::npos);  // nested config flattened under [sweep]
    EXPECT_NE(html.find("Final time: <strong>3:59.1</strong>"), std::string::npos);
    for (const char* id : {"warnings", "savings", "failed", "figures", "fit", "pacing", "race", "flow", "links", "config"})
        EXPECT_NE(html.find("<a href=\"#" + std::string(id) + "\">"), std::string::npos) << id;
}

TEST(ReportPage, WorksWithOnlyATitle) {
    TempDir dir;
    post::ReportPage::write({{"title", "Nothing yet"}}, dir.path() + "/new/out", "r.html");
    const std::string html = test::readFile(dir.path() + "/new/out/r.html");
    EXPECT_NE(html.find("<h1>Nothing yet</h1>"), std::string::npos);
    EXPECT_EQ(html.find("<section"), std::string::npos);
    EXPECT_EQ(html.find("<nav"), std::string::npos);
}

TEST(ReportPage, RejectsAModelOfTheWrongShape) {
    TempDir dir;
    EXPECT_THROW(post::ReportPage::write(nlohmann::json::object(), dir.path()), post::PostError);
    EXPECT_THROW(post::ReportPage::write({{"title", "t"}, {"failed", "x"}}, dir.path()), post::PostError);
    EXPECT_THROW(post::ReportPage::write({{"title", "t"}, {"savings", {{"rows", {1, 2}}}}}, dir.path()),
                 post::PostError);
    EXPECT_FALSE(fs::exists(dir.path() + "/report.html"));  // nothing written for a model that fails
}

TEST(ReportPage, WritesAtomically) {
    TempDir dir;
    test::writeFile(dir.path() + "/report.html", "old");
    post::ReportPage::write(fullModel(), dir.path());
    EXPECT_NE(test::readFile(dir.path() + "/report.html").find("<!DOCTYPE html>"), std::string::npos);
    for (const auto& e : fs::directory_iterator(dir.path()))
        EXPECT_NE(e.path().extension(), ".tmp") << e.path();
}

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
    writePng(dir.path() + "/savings.png", 320, 200);
    writePng(dir.path() + "/flow/ahead-f1.3/speed.png", 240, 120);
    test::writeFile(dir.path() + "/flow/sweep.pvd", "<VTKFile/>");
    post::ReportPage::write(fullModel(), dir.path());

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
    // Tables: savings, failed, fit, pacing, race, and the config's (top level, [athlete], [sweep]).
    ASSERT_EQ(facts["tables"].size(), 8u) << facts["tables"].dump();
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
