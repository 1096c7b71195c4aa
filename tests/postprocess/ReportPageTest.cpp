#include "common/Process.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/ReportPage.hpp"
#include "TestSupport.hpp"
#include "support/ReportModel.hpp"

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

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
    return n;
}

}  // namespace

TEST(ReportPage, EscapesEveryTextFromTheModel) {
    TempDir dir;
    auto model = drafting::test::fullReportModel();
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
    drafting::test::writePng(dir.path() + "/savings.png", 40, 30);
    drafting::test::writePng(dir.path() + "/flow/ahead-f1.3/speed.png", 60, 20);
    post::ReportPage::write(drafting::test::fullReportModel(), dir.path());
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
    EXPECT_NO_THROW(post::ReportPage::write(drafting::test::fullReportModel(), dir.path()));
    const std::string html = test::readFile(dir.path() + "/report.html");
    EXPECT_NE(html.find("missing: savings.png"), std::string::npos);
    EXPECT_NE(html.find("missing: flow/ahead-f1.3/speed.png"), std::string::npos);
    EXPECT_EQ(count(html, "<img "), 0u);
}

TEST(ReportPage, ListsFailedCasesInTheirOwnSection) {
    TempDir dir;
    post::ReportPage::write(drafting::test::fullReportModel(), dir.path());
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

    auto none = drafting::test::fullReportModel();
    none["failed"] = nlohmann::json::array();
    post::ReportPage::write(none, dir.path(), "none.html");
    EXPECT_NE(test::readFile(dir.path() + "/none.html").find("none: every case finished"), std::string::npos);
}

TEST(ReportPage, RendersTablesFromColumns) {
    TempDir dir;
    post::ReportPage::write(drafting::test::fullReportModel(), dir.path());
    const std::string html = test::readFile(dir.path() + "/report.html");
    EXPECT_NE(html.find("<th scope=\"col\" class=\"num\">Saving [%]</th>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num\">67.4</td>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num\">1.30</td>"), std::string::npos);  // digits: 2
    EXPECT_NE(html.find("<td class=\"none\">\u2013</td>"), std::string::npos);  // null and absent values
    EXPECT_NE(html.find("<code>ahead.lateral</code>"), std::string::npos);  // nested config flattened under [sweep]
    EXPECT_NE(html.find("Final time: <strong>3:59.1</strong>"), std::string::npos);
    for (const char* id : {"warnings", "savings", "failed", "figures", "fit", "pacing", "comparison", "stride", "race", "flow",
                           "links", "config"})
        EXPECT_NE(html.find("<a href=\"#" + std::string(id) + "\">"), std::string::npos) << id;
    // Beside other sweeps: what each sweep changed (escaped), then the moves.
    EXPECT_NE(html.find("<li>wind (runs/wind, solo 7.687 N): run.wind_speed_mps: unset -&gt; 2.0 &lt;i&gt;</li>"),
              std::string::npos);
    EXPECT_NE(html.find("<td>12.6 \u00b1 0.3 (-52.3 \u00b1 0.3)</td>"), std::string::npos);
    // Over the stride: the phases' sweeps (escaped), the mean and each instant, then the notes.
    EXPECT_NE(html.find("<h2>Over the stride</h2>"), std::string::npos);
    EXPECT_NE(html.find("<li>phase 0.5: runs/in-p0.5 &lt;b&gt; (solo 6.502 N)</li>"), std::string::npos);
    EXPECT_NE(html.find("<td>63.5 \u00b1 0.1</td>"), std::string::npos);
    EXPECT_NE(html.find("Quasi-steady: the stride"), std::string::npos);
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
    post::ReportPage::write(drafting::test::fullReportModel(), dir.path());
    EXPECT_NE(test::readFile(dir.path() + "/report.html").find("<!DOCTYPE html>"), std::string::npos);
    for (const auto& e : fs::directory_iterator(dir.path()))
        EXPECT_NE(e.path().extension(), ".tmp") << e.path();
}
