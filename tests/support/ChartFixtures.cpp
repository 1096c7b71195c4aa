#include "support/ChartFixtures.hpp"

#include "cases/files/Manifest.hpp"
#include "common/JsonFile.hpp"
#include "common/Process.hpp"
#include "postprocess/ChartCanvas.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <tuple>

namespace fs = std::filesystem;

namespace drafting::test {

void writeChartSweep(const std::string& dir, const std::vector<ChartCase>& cases) {
    cases::files::Manifest m;
    m.sweepName = "t";
    m.config = cases::config::SweepConfig::parse("[run]\nspeed = 6.7\n");
    for (const auto& c : cases) {
        m.cases.push_back({c.name, c.parameters, c.status, ""});
        nlohmann::json bodies = nlohmann::json::object();
        for (std::size_t i = 0; i < c.drags.size(); ++i)
            bodies[i == 0 ? "lead" : "pacer" + std::to_string(i)] = {{"drag_N", c.drags[i]}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01}, {"drag_ci95_N", 0.05},
                {"cda_m2", c.drags[i] / 26.5}, {"cd", 0.9}, {"reference_area_m2", 0.365}};
        fs::create_directories(dir + "/" + c.name);
        common::JsonFile::writeAtomic(dir + "/" + c.name + "/results.json",
                                     {{"case", c.name}, {"status", c.status},
                                      {"reason", c.status == "ok" ? "" : "diverged"}, {"iterations", 40},
                                      {"converged", true}, {"bodies", bodies}});
    }
    m.write(dir);
}

bool canRender() {
    const char* display = std::getenv("DISPLAY");
    if (display != nullptr && *display != '\0') return true;
    if (std::getenv("DRAFTING_XVFB") != nullptr) {
        ADD_FAILURE() << "no X display even under xvfb-run";
        return false;
    }
    const std::string xvfb = common::Process::which("xvfb-run");
    if (xvfb.empty()) {
        ADD_FAILURE() << "no DISPLAY and no xvfb-run (scripts/setup-deps.sh installs xvfb)";
        return false;
    }
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string filter = std::string(info->test_suite_name()) + "." + info->name();
    setenv("DRAFTING_XVFB", "1", 1);
    const auto r = test::runCommand({xvfb, "-a", "-s", "-screen 0 1280x1024x24", fs::read_symlink("/proc/self/exe").string(),
                                     "--gtest_filter=" + filter});
    unsetenv("DRAFTING_XVFB");
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("[  PASSED  ] 1 test"), std::string::npos) << r.out << r.err;
    return false;
}

void expectChart(const std::string& png, const std::string& svg) {
    ASSERT_TRUE(fs::exists(png));
    ASSERT_TRUE(fs::exists(svg));
    vtkNew<vtkPNGReader> reader;
    reader->SetFileName(png.c_str());
    reader->Update();
    int dims[3];
    reader->GetOutput()->GetDimensions(dims);
    EXPECT_EQ(dims[0], post::ChartCanvas::kWidth);
    EXPECT_EQ(dims[1], post::ChartCanvas::kHeight);
    auto* image = reader->GetOutput();
    const int channels = image->GetNumberOfScalarComponents();
    ASSERT_GE(channels, 3);
    std::set<std::tuple<int, int, int>> colours;
    for (int y = 0; y < dims[1]; ++y) {
        for (int x = 0; x < dims[0]; ++x) {
            const auto* p = static_cast<unsigned char*>(image->GetScalarPointer(x, y, 0));
            colours.emplace(p[0], p[1], p[2]);
        }
    }
    EXPECT_GT(colours.size(), 2u);
    EXPECT_EQ(colours.count({0, 114, 178}), 1u) << "the first series' blue is not in the picture";
    const std::string text = test::readFile(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos);
    EXPECT_NE(text.find(std::to_string(post::ChartCanvas::kWidth)), std::string::npos);
    EXPECT_NE(text.find(std::to_string(post::ChartCanvas::kHeight)), std::string::npos);
}

}  // namespace drafting::test
