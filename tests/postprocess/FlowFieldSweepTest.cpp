// Flow fields for ParaView: a tiny 2D sweep solved through the CLI, exported with
// FlowFieldExport, and read back with VTK's readers and with ParaView's own (pvpython).
#include "common/JsonFile.hpp"
#include "common/Process.hpp"
#include "postprocess/FlowFieldExport.hpp"
#include "postprocess/ParaViewScript.hpp"
#include "postprocess/PostError.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <vtkCellData.h>
#include <vtkCompositeDataSet.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkInformation.h>
#include <vtkMultiBlockDataSet.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkUnsignedCharArray.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLDataParser.h>
#include <vtkXMLGenericDataObjectReader.h>
#include <vtkXMLMultiBlockDataReader.h>
#include <vtkXMLPolyDataReader.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <poll.h>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using drafting::common::JsonFile;
using drafting::post::FlowCaseExport;
using drafting::post::FlowFieldExport;
using drafting::post::FlowSweepExport;
using drafting::test::runCommand;
using drafting::test::TempDir;
using drafting::test::writeFile;

namespace {

// An X server for the PNGs when the tests run headless (ctest, CI): Xvfb picks a free display
// and writes its number to a pipe (-displayfd), as xvfb-run -a would, so rendering runs in
// this process. With a DISPLAY already set, nothing is started.
class Xvfb {
public:
    ~Xvfb() { stop(); }

    // Empty when a display is available, else why not.
    std::string start() {
        const char* display = std::getenv("DISPLAY");
        if (display != nullptr && *display != '\0') return "";
        const std::string xvfb = drafting::common::Process::which("Xvfb");
        if (xvfb.empty()) return "no DISPLAY and no Xvfb (scripts/setup-deps.sh installs xvfb)";
        int fds[2];
        if (pipe(fds) != 0) return "pipe failed";
        pid_ = fork();
        if (pid_ == 0) {
            close(fds[0]);
            const std::string fd = std::to_string(fds[1]);
            freopen("/dev/null", "w", stdout);
            freopen("/dev/null", "w", stderr);
            // -noreset: a server that resets when its last client leaves refuses the next one meanwhile
            // (the ParaView runs below connect one after the other).
            execl(xvfb.c_str(), xvfb.c_str(), "-displayfd", fd.c_str(), "-screen", "0", "1280x1024x24", "-nolisten",
                  "tcp", "-noreset", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string number;
        pollfd p{fds[0], POLLIN, 0};
        char c = 0;
        while (poll(&p, 1, 20000) > 0 && read(fds[0], &c, 1) == 1 && c != '\n') number += c;
        close(fds[0]);
        if (number.empty()) {
            stop();
            return "Xvfb did not report a display";
        }
        setenv("DISPLAY", (":" + number).c_str(), 1);
        started_ = true;
        return "";
    }

    void stop() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
        if (started_) unsetenv("DISPLAY");
        started_ = false;
    }

private:
    pid_t pid_ = -1;
    bool started_ = false;
};

std::vector<std::string> names(vtkFieldData* data) {
    std::vector<std::string> out;
    for (int i = 0; i < data->GetNumberOfArrays(); ++i) out.emplace_back(data->GetArrayName(i));
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

vtkSmartPointer<vtkPolyData> readPolyData(const std::string& path) {
    vtkNew<vtkXMLPolyDataReader> reader;
    reader->SetFileName(path.c_str());
    reader->Update();
    return reader->GetOutput();
}

}  // namespace

// One solved sweep for the suite: solo and ahead-f1.3 through draft-cases (coarse 2D, 60
// iterations), plus three cases made from ahead-f1.3: one failed, one without results, and one
// solved before wallShearStress was written (recorded at a 2.0 m gap). Exported once, with PNGs.
class FlowFieldSweep : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tmp_ = std::make_unique<TempDir>();
        sweep_ = tmp_->path() + "/sweep";
        out_ = tmp_->path() + "/out/flow";
        const std::string cfg = tmp_->path() + "/flow.cfg";
        writeFile(cfg,
                  "name = flow\n[formation]\npreset = ahead\n[sweep]\nfront_gap = 1.3\n"
                  "[mesh]\ndimension = 2\nlevel = coarse\n[solver]\nmax_iterations = 60\n");
        const auto run = runCommand({DRAFT_CASES_BIN, "sweep", cfg, "-o", sweep_, "--jobs", "2"});
        if (run.exitCode != 0) {
            error_ = "draft-cases sweep failed: " + run.out + run.err;
            return;
        }
        const std::string ahead = sweep_ + "/ahead-f1.3";
        auto manifest = drafting::common::JsonFile::read(sweep_ + "/manifest.json");
        auto addCopy = [&](const std::string& name, const std::string& status) {
            fs::copy(ahead, sweep_ + "/" + name, fs::copy_options::recursive);
            auto results = drafting::common::JsonFile::read(ahead + "/results.json");
            results["case"] = name;
            results["status"] = status;
            if (status != "ok") results["reason"] = "diverged (made by the test)";
            drafting::common::JsonFile::writeAtomic(sweep_ + "/" + name + "/results.json", results);
            manifest["cases"].push_back({{"name", name}, {"parameters", results["parameters"]}, {"status", status},
                                         {"reason", results.value("reason", "")}});
        };
        addCopy("ahead-failed", "failed");
        addCopy("ahead-unsolved", "pending");
        fs::remove(sweep_ + "/ahead-unsolved/results.json");
        addCopy("ahead-old", "ok");
        fs::remove(sweep_ + "/ahead-old/60/wallShearStress");
        // Recorded at another gap, so the ahead formation is a series of two gaps in ParaView.
        {
            auto r = drafting::common::JsonFile::read(sweep_ + "/ahead-old/results.json");
            r["parameters"]["front_gap_m"] = 2.0;
            drafting::common::JsonFile::writeAtomic(sweep_ + "/ahead-old/results.json", r);
            manifest["cases"].back()["parameters"]["front_gap_m"] = 2.0;
        }
        drafting::common::JsonFile::writeAtomic(sweep_ + "/manifest.json", manifest);
        fs::remove(sweep_ + "/solo/case.foam");  // the exporter must write it back

        Xvfb display;
        error_ = display.start();
        if (!error_.empty()) return;
        try {
            result_ = FlowFieldExport::exportSweep(sweep_, out_);
        } catch (const std::exception& e) {
            error_ = std::string("exportSweep threw: ") + e.what();
        }
    }

    static void TearDownTestSuite() { tmp_.reset(); }

    void SetUp() override {
        if (!error_.empty()) FAIL() << error_;
    }

    static const FlowCaseExport* exported(const std::string& name) {
        for (const auto& c : result_.cases)
            if (c.caseName == name) return &c;
        return nullptr;
    }

    static std::unique_ptr<TempDir> tmp_;
    static std::string sweep_, out_, error_;
    static FlowSweepExport result_;
};

std::unique_ptr<TempDir> FlowFieldSweep::tmp_;
std::string FlowFieldSweep::sweep_, FlowFieldSweep::out_, FlowFieldSweep::error_;
FlowSweepExport FlowFieldSweep::result_;

TEST_F(FlowFieldSweep, SliceAndRunnerSurfacesReadBackWithVtk) {
    for (const char* name : {"solo", "ahead-f1.3"}) {
        SCOPED_TRACE(name);
        const FlowCaseExport* c = exported(name);
        ASSERT_NE(c, nullptr);
        EXPECT_TRUE(c->warnings.empty()) << c->toJson().dump();
        const auto results = drafting::common::JsonFile::read(sweep_ + "/" + name + "/results.json");
        const double air = results["parameters"]["air_speed_mps"].get<double>();

        // The slice cuts the one-cell 2D slab at its mid-plane: one polygon per mesh cell.
        const auto slice = readPolyData(out_ + "/" + name + "/slice.vtp");
        ASSERT_GT(slice->GetNumberOfCells(), 0);
        EXPECT_EQ(slice->GetNumberOfCells(), results["mesh"]["cells"].get<long>());
        EXPECT_EQ(slice->GetNumberOfCells(), c->sliceCells);
        const double mid = 0.5 * results["parameters"]["height_m"].get<double>();
        double b[6];
        slice->GetBounds(b);
        EXPECT_NEAR(b[4], mid, 1e-4);
        EXPECT_NEAR(b[5], mid, 1e-4);
        vtkDataArray* u = slice->GetPointData()->GetArray("U");
        vtkDataArray* mag = slice->GetPointData()->GetArray("U_magnitude");
        ASSERT_NE(u, nullptr);
        ASSERT_NE(mag, nullptr);
        ASSERT_NE(slice->GetPointData()->GetArray("p"), nullptr);
        ASSERT_NE(slice->GetCellData()->GetArray("U_magnitude"), nullptr);
        EXPECT_EQ(u->GetNumberOfComponents(), 3);
        for (vtkIdType i = 0; i < u->GetNumberOfTuples(); i += 97) {
            const double* v = u->GetTuple3(i);
            EXPECT_NEAR(mag->GetTuple1(i), std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 1e-4);
        }
        // Air stopped on the runner's nose and sped up around its sides.
        double range[2];
        mag->GetRange(range);
        EXPECT_LT(range[0], 0.2 * air);
        EXPECT_GT(range[1], 1.02 * air);

        // One block per runner, named after it, where results.json puts the runner.
        vtkNew<vtkXMLMultiBlockDataReader> reader;
        reader->SetFileName((out_ + "/" + name + "/surfaces.vtm").c_str());
        reader->Update();
        auto* blocks = vtkMultiBlockDataSet::SafeDownCast(reader->GetOutput());
        ASSERT_NE(blocks, nullptr);
        const auto& bodies = results["bodies"];
        ASSERT_EQ(blocks->GetNumberOfBlocks(), bodies.size());
        for (unsigned int i = 0; i < blocks->GetNumberOfBlocks(); ++i) {
            const std::string runner = blocks->GetMetaData(i)->Get(vtkCompositeDataSet::NAME());
            EXPECT_EQ(runner, c->runners.at(i));
            ASSERT_TRUE(bodies.contains(runner)) << runner;
            auto* surface = vtkPolyData::SafeDownCast(blocks->GetBlock(i));
            ASSERT_NE(surface, nullptr) << runner;
            EXPECT_GT(surface->GetNumberOfPoints(), 0) << runner;
            for (const char* f : {"U", "p", "wallShearStress"})
                EXPECT_NE(surface->GetCellData()->GetArray(f), nullptr) << runner << ": " << f;
            double x = NAN;
            for (const auto& r : results["parameters"]["runners"])
                if (r["name"] == runner) x = r["x_m"].get<double>();
            surface->GetBounds(b);
            EXPECT_NEAR(0.5 * (b[0] + b[1]), x, 0.05) << runner;
            vtkDataArray* wss = surface->GetCellData()->GetArray("wallShearStress");
            ASSERT_NE(wss, nullptr);
            EXPECT_GT(wss->GetMaxNorm(), 0.0) << runner << ": wall shear stress is zero everywhere";
        }
    }
    // A case solved before the wall shear stress was written: exported all the same, with a warning.
    const FlowCaseExport* old = exported("ahead-old");
    ASSERT_NE(old, nullptr);
    EXPECT_FALSE(has(old->surfaceArrays, "wallShearStress"));
    EXPECT_TRUE(has(old->surfaceArrays, "U"));
    ASSERT_EQ(old->warnings.size(), 1u);
    EXPECT_NE(old->warnings[0].find("wallShearStress"), std::string::npos) << old->warnings[0];
}

TEST_F(FlowFieldSweep, PvdStepsThroughTheOkCasesOnlyAndEveryFileReads) {
    EXPECT_EQ(result_.pvd, out_ + "/sweep.pvd");
    vtkNew<vtkXMLDataParser> parser;
    parser->SetFileName(result_.pvd.c_str());
    ASSERT_EQ(parser->Parse(), 1) << "sweep.pvd is not well-formed XML";
    vtkXMLDataElement* root = parser->GetRootElement();
    ASSERT_NE(root, nullptr);
    EXPECT_STREQ(root->GetName(), "VTKFile");
    EXPECT_STREQ(root->GetAttribute("type"), "Collection");
    vtkXMLDataElement* collection = root->FindNestedElementWithName("Collection");
    ASSERT_NE(collection, nullptr);

    const std::vector<std::string> ok = {"solo", "ahead-f1.3", "ahead-old"};  // manifest order
    ASSERT_EQ(collection->GetNumberOfNestedElements(), static_cast<int>(ok.size()));
    ASSERT_EQ(result_.cases.size(), ok.size());
    for (int i = 0; i < collection->GetNumberOfNestedElements(); ++i) {
        vtkXMLDataElement* entry = collection->GetNestedElement(i);
        EXPECT_STREQ(entry->GetName(), "DataSet");
        EXPECT_EQ(entry->GetAttribute("name"), ok[i]);
        EXPECT_EQ(std::stoi(entry->GetAttribute("timestep")), i);
        EXPECT_STREQ(entry->GetAttribute("group"), i == 0 ? "solo" : "ahead");
        const std::string file = entry->GetAttribute("file");
        EXPECT_EQ(file, ok[i] + "/slice.vtp");  // relative: the folder can move
        const std::string path = out_ + "/" + file;
        ASSERT_TRUE(fs::exists(path)) << path;
        vtkNew<vtkXMLGenericDataObjectReader> reader;
        reader->SetFileName(path.c_str());
        reader->Update();
        auto* data = vtkPolyData::SafeDownCast(reader->GetOutput());
        ASSERT_NE(data, nullptr) << path;
        EXPECT_EQ(data->GetNumberOfCells(), result_.cases[i].sliceCells) << path;
        EXPECT_EQ(result_.cases[i].index, i);
    }

    // Failed and unsolved cases are listed with the reason and nothing of them is written.
    ASSERT_EQ(result_.skipped.size(), 2u);
    EXPECT_NE(result_.skipped[0].find("ahead-failed: status failed: diverged"), std::string::npos) << result_.skipped[0];
    EXPECT_NE(result_.skipped[1].find("ahead-unsolved: no results.json"), std::string::npos) << result_.skipped[1];
    EXPECT_FALSE(fs::exists(out_ + "/ahead-failed"));
    EXPECT_FALSE(fs::exists(out_ + "/ahead-unsolved"));
    EXPECT_THROW(FlowFieldExport::exportCase(sweep_ + "/ahead-failed", tmp_->path() + "/x"), drafting::post::PostError);
    EXPECT_FALSE(fs::exists(tmp_->path() + "/x"));
    // ParaView's marker, removed from the solo case, is back.
    EXPECT_TRUE(fs::exists(sweep_ + "/solo/case.foam"));

    const auto json = result_.toJson();
    EXPECT_EQ(json["cases"].size(), 3u);
    EXPECT_EQ(json["cases"][1]["files"]["surfaces"], out_ + "/ahead-f1.3/surfaces.vtm");
}

TEST_F(FlowFieldSweep, SpeedPngHasItsSizeAndTheSweepsFixedColourRange) {
    const double air = drafting::common::JsonFile::read(sweep_ + "/solo/results.json")["parameters"]["air_speed_mps"].get<double>();
    EXPECT_NEAR(result_.speedMax, 1.3 * air, 1e-9);
    EXPECT_TRUE(result_.warnings.empty());
    // Viridis at the free stream (air / top of the range) and at rest, as the colour bar maps them.
    const double freeStream[3] = {0.41, 0.80, 0.36}, rest[3] = {0.267, 0.005, 0.329};
    for (const auto& c : result_.cases) {
        SCOPED_TRACE(c.caseName);
        ASSERT_EQ(c.image, out_ + "/" + c.caseName + "/speed.png");
        vtkNew<vtkPNGReader> png;
        ASSERT_TRUE(png->CanReadFile(c.image.c_str()));
        png->SetFileName(c.image.c_str());
        png->Update();
        int dims[3];
        png->GetOutput()->GetDimensions(dims);
        EXPECT_EQ(dims[0], 1200);
        EXPECT_EQ(dims[1], 500);
        auto* pixels = vtkUnsignedCharArray::SafeDownCast(png->GetOutput()->GetPointData()->GetScalars());
        ASSERT_NE(pixels, nullptr);
        ASSERT_GE(pixels->GetNumberOfComponents(), 3);
        std::set<int> colours;
        long nearFree = 0, nearRest = 0;
        const long n = pixels->GetNumberOfTuples();
        for (vtkIdType i = 0; i < n; ++i) {
            double rgb[3];
            for (int k = 0; k < 3; ++k) rgb[k] = pixels->GetComponent(i, k) / 255.0;
            colours.insert(static_cast<int>(rgb[0] * 255) << 16 | static_cast<int>(rgb[1] * 255) << 8 |
                           static_cast<int>(rgb[2] * 255));
            auto near = [&](const double* ref, double tol) {
                return std::abs(rgb[0] - ref[0]) < tol && std::abs(rgb[1] - ref[1]) < tol && std::abs(rgb[2] - ref[2]) < tol;
            };
            nearFree += near(freeStream, 0.08);
            nearRest += near(rest, 0.08);
        }
        EXPECT_GT(colours.size(), 200u) << "the picture is (nearly) one colour";
        // Most of the view is undisturbed air; a wake or stagnation point is near rest.
        EXPECT_GT(static_cast<double>(nearFree) / n, 0.3);
        EXPECT_GT(nearRest, 50);
    }
}

// Each picture has a length scale bar (a black line of its length in metres at the view's scale)
// and each runner's name above it, where FlowFieldImage says it put them.
TEST_F(FlowFieldSweep, SpeedPngHasALengthScaleBarAndEachRunnersName) {
    for (const auto& c : result_.cases) {
        SCOPED_TRACE(c.caseName);
        const auto& marks = c.imageMarks;
        ASSERT_GT(marks.scaleBarM, 0.0);
        EXPECT_EQ(c.toJson()["image_scale_bar_m"], marks.scaleBarM);
        EXPECT_NEAR(marks.barX1 - marks.barX0, marks.scaleBarM * marks.pixelsPerMetre, 1.0);
        // The bar spans between a fifth and a tenth of the view (the view is 87 % of the picture's width).
        EXPECT_LE(marks.barX1 - marks.barX0, 0.87 * 1200 / 5 + 1);
        vtkNew<vtkPNGReader> png;
        png->SetFileName(c.image.c_str());
        png->Update();
        vtkImageData* image = png->GetOutput();
        const auto dark = [&](int x, int y) {
            const auto* p = static_cast<unsigned char*>(image->GetScalarPointer(x, y, 0));
            return p[0] < 60 && p[1] < 60 && p[2] < 60;
        };
        int black = 0;
        for (int x = marks.barX0 + 2; x <= marks.barX1 - 2; ++x)
            black += dark(x, marks.barY) || dark(x, marks.barY - 1) || dark(x, marks.barY + 1);
        EXPECT_GE(black, marks.barX1 - marks.barX0 - 4) << "the scale bar is not drawn where it is said to be";
        // One name per runner, in the surfaces' order, drawn in dark letters about its centre.
        ASSERT_EQ(marks.labels.size(), c.runners.size());
        for (std::size_t i = 0; i < c.runners.size(); ++i) {
            EXPECT_EQ(marks.labels[i].text, c.runners[i]);
            int letters = 0;
            for (int x = marks.labels[i].x - 20; x <= marks.labels[i].x + 20; ++x)
                for (int y = marks.labels[i].y - 6; y <= marks.labels[i].y + 6; ++y) letters += dark(x, y);
            EXPECT_GT(letters, 15) << c.runners[i] << ": no letters at (" << marks.labels[i].x << ", " << marks.labels[i].y << ")";
        }
    }
}

namespace {

// pvpython: Debian's package if installed, else ParaView's Python unpacked by setup-deps.sh.
struct PvPython {
    std::string program, pythonPath;
};

PvPython findPvPython() {
    const char* cacheEnv = std::getenv("DRAFTING_CACHE");
    const char* home = std::getenv("HOME");
    const std::string cache = cacheEnv != nullptr ? cacheEnv : std::string(home != nullptr ? home : "/root") + "/.cache/drafting";
    const std::string unpacked = cache + "/paraview/usr/bin/pvpython";
    if (fs::exists(unpacked)) return {unpacked, cache + "/paraview/usr/lib/python3/dist-packages"};
    return {drafting::common::Process::which("pvpython"), ""};
}

}  // namespace

TEST_F(FlowFieldSweep, ParaViewOpensThePvdTheCaseAndTheSurfacesWithItsOwnReaders) {
    const PvPython pv = findPvPython();
    ASSERT_FALSE(pv.program.empty()) << "no pvpython: scripts/setup-deps.sh installs paraview and unpacks its Python";
    const std::string foam = sweep_ + "/ahead-f1.3/case.foam";
    const auto run = runCommand({"/usr/bin/env", "PYTHONPATH=" + pv.pythonPath, pv.program, "--force-offscreen-rendering",
                                 std::string(DRAFTING_SOURCE_DIR) + "/tests/support/paraview_flow_fields.py", result_.pvd, foam,
                                 out_ + "/ahead-f1.3/surfaces.vtm"});
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    // The JSON is the last line: ParaView may say more before it.
    const auto lines = run.out.substr(0, run.out.find_last_not_of('\n') + 1);
    const auto seen = nlohmann::json::parse(lines.substr(lines.find_last_of('\n') + 1));

    const auto& pvd = seen["pvd"];
    ASSERT_EQ(pvd["timesteps"].size(), result_.cases.size()) << pvd.dump();
    for (std::size_t i = 0; i < result_.cases.size(); ++i) {
        EXPECT_EQ(pvd["timesteps"][i].get<double>(), static_cast<double>(i));
        const auto& blocks = pvd["steps"][i]["blocks"];
        ASSERT_EQ(blocks.size(), 1u) << blocks.dump();
        const auto& slice = blocks.begin().value();
        EXPECT_EQ(slice["cells"].get<long>(), result_.cases[i].sliceCells);
        for (const char* a : {"U", "p", "U_magnitude"})
            EXPECT_TRUE(has(slice["point_arrays"].get<std::vector<std::string>>(), a)) << a;
    }

    const auto results = drafting::common::JsonFile::read(sweep_ + "/ahead-f1.3/results.json");
    const auto& blocks = seen["foam"]["blocks"];
    ASSERT_TRUE(blocks.contains("internalMesh")) << blocks.dump();
    EXPECT_EQ(blocks["internalMesh"]["cells"].get<long>(), results["mesh"]["cells"].get<long>());
    EXPECT_TRUE(has(blocks["internalMesh"]["cell_arrays"].get<std::vector<std::string>>(), "wallShearStress"));
    for (const char* runner : {"lead", "pacer1"}) {
        const std::string key = std::string("boundary/") + runner;
        ASSERT_TRUE(blocks.contains(key)) << blocks.dump();
        EXPECT_GT(blocks[key]["cells"].get<long>(), 0);
        EXPECT_TRUE(has(blocks[key]["cell_arrays"].get<std::vector<std::string>>(), "wallShearStress")) << runner;
    }
    EXPECT_EQ(seen["foam"]["times"].back().get<double>(), result_.cases[1].time);

    // ParaView names the surface blocks after the runners, as our own reader did.
    const auto& surfaces = seen["vtm"]["blocks"];
    ASSERT_EQ(surfaces.size(), 2u) << surfaces.dump();
    for (std::size_t i = 0; i < 2; ++i) {
        const std::string& runner = result_.cases[1].runners.at(i);
        ASSERT_TRUE(surfaces.contains(runner)) << surfaces.dump();
        EXPECT_EQ(surfaces[runner]["cells"].get<long>(), result_.cases[1].surfaceCells.at(i));
        EXPECT_TRUE(has(surfaces[runner]["cell_arrays"].get<std::vector<std::string>>(), "wallShearStress")) << runner;
    }
}

// Each formation is a ParaView time series over the gap it varies, with the slice and the runners
// as named parts; flow/open-in-paraview.py opens one with ParaView's own Python, colours on ranges
// shared by every step, and renders it.
TEST_F(FlowFieldSweep, EachFormationIsASeriesOverItsGapAndTheScriptOpensItInParaView) {
    ASSERT_EQ(result_.series.size(), 2u);
    const auto& solo = result_.series[0];
    EXPECT_EQ(solo.formation, "solo");
    EXPECT_EQ(solo.axis, "none");
    EXPECT_EQ(solo.steps, std::vector<double>{0.0});
    const auto& ahead = result_.series[1];
    EXPECT_EQ(ahead.formation, "ahead");
    EXPECT_EQ(ahead.pvd, out_ + "/ahead.pvd");
    EXPECT_EQ(ahead.axis, "front_gap_m");
    EXPECT_EQ(ahead.steps, (std::vector<double>{1.3, 2.0}));
    EXPECT_EQ(ahead.cases, (std::vector<std::string>{"ahead-f1.3", "ahead-old"}));

    vtkNew<vtkXMLDataParser> parser;
    parser->SetFileName(ahead.pvd.c_str());
    ASSERT_EQ(parser->Parse(), 1) << "ahead.pvd is not well-formed XML";
    vtkXMLDataElement* collection = parser->GetRootElement()->FindNestedElementWithName("Collection");
    ASSERT_NE(collection, nullptr);
    ASSERT_EQ(collection->GetNumberOfNestedElements(), 4);
    const char* expected[4][4] = {{"1.3", "0", "slice", "ahead-f1.3/slice.vtp"},
                                  {"1.3", "1", "runners", "ahead-f1.3/surfaces.vtm"},
                                  {"2", "0", "slice", "ahead-old/slice.vtp"},
                                  {"2", "1", "runners", "ahead-old/surfaces.vtm"}};
    for (int i = 0; i < 4; ++i) {
        vtkXMLDataElement* e = collection->GetNestedElement(i);
        EXPECT_STREQ(e->GetAttribute("timestep"), expected[i][0]);
        EXPECT_STREQ(e->GetAttribute("part"), expected[i][1]);
        EXPECT_STREQ(e->GetAttribute("name"), expected[i][2]);
        EXPECT_STREQ(e->GetAttribute("file"), expected[i][3]);
    }

    EXPECT_EQ(result_.script, out_ + "/open-in-paraview.py");
    drafting::common::JsonFile::writeAtomic(out_ + "/flow.json", result_.toJson());  // as draft-post writes it
    const PvPython pv = findPvPython();
    ASSERT_FALSE(pv.program.empty()) << "no pvpython: scripts/setup-deps.sh installs paraview and unpacks its Python";
    const std::string shot = tmp_->path() + "/ahead.png";
    // ParaView renders through X even off screen: a display of its own, whose number Xvfb picks
    // itself (-displayfd); xvfb-run -a guessed one and lost the race to another test's server.
    Xvfb display;
    ASSERT_EQ(display.start(), "");
    const auto run = runCommand({"/usr/bin/env", "PYTHONPATH=" + pv.pythonPath, pv.program,
                                 "--force-offscreen-rendering", result_.script, "--screenshot", shot});
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
    const auto lines = run.out.substr(0, run.out.find_last_not_of('\n') + 1);
    const auto seen = nlohmann::json::parse(lines.substr(lines.find_last_of('\n') + 1));
    EXPECT_EQ(seen["formation"], "ahead");  // the first formation with more than one case
    EXPECT_EQ(seen["times"], nlohmann::json({1.3, 2.0}));
    EXPECT_EQ(seen["speed_range_mps"], nlohmann::json({0.0, result_.speedMax}));
    EXPECT_LT(seen["pressure_range"][0].get<double>(), seen["pressure_range"][1].get<double>()) << seen.dump();
    EXPECT_EQ(seen["slice_cells"], nlohmann::json({exported("ahead-f1.3")->sliceCells, exported("ahead-old")->sliceCells}));

    vtkNew<vtkPNGReader> png;
    ASSERT_TRUE(png->CanReadFile(shot.c_str())) << shot;
    png->SetFileName(shot.c_str());
    png->Update();
    int dims[3];
    png->GetOutput()->GetDimensions(dims);
    EXPECT_EQ(dims[0], 1200);
    EXPECT_EQ(dims[1], 600);
    auto* pixels = vtkUnsignedCharArray::SafeDownCast(png->GetOutput()->GetPointData()->GetScalars());
    ASSERT_NE(pixels, nullptr);
    std::set<int> colours;
    for (vtkIdType i = 0; i < pixels->GetNumberOfTuples(); i += 97)
        colours.insert(pixels->GetComponent(i, 0) * 65536 + pixels->GetComponent(i, 1) * 256 + pixels->GetComponent(i, 2));
    EXPECT_GT(colours.size(), 20u) << "the screenshot is nearly one colour";

    // As `paraview --script` runs it: the text alone, without its file name, from another folder.
    const std::string driver = tmp_->path() + "/as-gui.py";
    writeFile(driver, "import sys\nsource = open(sys.argv[1]).read()\nexec(compile(source, '<script>', 'exec'), "
                      "{'__name__': '__main__'})\n");
    const auto gui = runCommand({"/usr/bin/env", "PYTHONPATH=" + pv.pythonPath, pv.program,
                                 "--force-offscreen-rendering", driver, result_.script},
                                tmp_->path());
    ASSERT_EQ(gui.exitCode, 0) << gui.out << gui.err;
    EXPECT_NE(gui.out.find("\"formation\": \"ahead\""), std::string::npos) << gui.out;

    // A formation the sweep does not have: one line, exit 1.
    const auto bad = runCommand({"/usr/bin/env", "PYTHONPATH=" + pv.pythonPath, pv.program, "--force-offscreen-rendering",
                                 result_.script, "behind"});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("open-in-paraview.py: formation 'behind' has no flow fields here (solo, ahead)"),
              std::string::npos)
        << bad.err;
}
