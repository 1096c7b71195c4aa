// The 3D runner: one closed shell, placed and sized as promised, its frontal area checked against
// an independent ray cast, its STL read back by VTK and by OpenFOAM's surfaceCheck.
#include "meshes/Athlete.hpp"
#include "meshes/GeometryError.hpp"
#include "meshes/RunnerBody.hpp"
#include "meshes/SurfaceMeasures.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>
#include <vtkCellLocator.h>
#include <vtkGenericCell.h>
#include <vtkNew.h>
#include <vtkSTLReader.h>
#include <vtkSTLWriter.h>
#include <vtkSphereSource.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>

namespace fs = std::filesystem;
using drafting::meshes::Athlete;
using drafting::meshes::GeometryError;
using drafting::meshes::RunnerBody;
using drafting::meshes::SurfaceMeasures;
using drafting::test::TempDir;

namespace {

const Athlete kKipyegon(1.57, 42.0);

/// Kipyegon's body in a pose, built once per test process.
const RunnerBody& kipyegon(RunnerBody::Pose pose) {
    static std::map<RunnerBody::Pose, std::unique_ptr<RunnerBody>> bodies;
    auto& body = bodies[pose];
    if (!body) body = std::make_unique<RunnerBody>(kKipyegon, pose);
    return *body;
}

constexpr RunnerBody::Pose kPoses[] = {RunnerBody::Pose::midStride, RunnerBody::Pose::standing};

/// Frontal area the other way round from the class (which rasterises triangles): rays along x
/// through a y-z grid, counted when they hit the surface.
double rayCastFrontalArea(vtkPolyData* surface, double spacing) {
    vtkNew<vtkCellLocator> locator;
    locator->SetDataSet(surface);
    locator->BuildLocator();
    double b[6];
    surface->GetBounds(b);
    vtkNew<vtkGenericCell> cell;
    long hits = 0;
    // Offset from the class's raster so the two never sample the same points.
    for (double z = b[4] + 0.37 * spacing; z < b[5]; z += spacing) {
        for (double y = b[2] + 0.37 * spacing; y < b[3]; y += spacing) {
            const double p0[3] = {b[0] - 1.0, y, z}, p1[3] = {b[1] + 1.0, y, z};
            double t = 0, x[3], pcoords[3];
            int subId = 0;
            vtkIdType cellId = -1;
            if (locator->IntersectWithLine(p0, p1, 0.0, t, x, pcoords, subId, cellId, cell)) ++hits;
        }
    }
    return static_cast<double>(hits) * spacing * spacing;
}

vtkSmartPointer<vtkPolyData> readStl(const std::string& path, std::string* header = nullptr) {
    vtkNew<vtkSTLReader> reader;
    reader->SetFileName(path.c_str());
    reader->Update();
    if (header != nullptr) *header = reader->GetHeader() != nullptr ? reader->GetHeader() : "";
    auto out = vtkSmartPointer<vtkPolyData>::New();
    out->ShallowCopy(reader->GetOutput());
    return out;
}

}  // namespace

TEST(RunnerBody, BothPosesAreOneClosedManifoldShell) {
    for (const auto pose : kPoses) {
        vtkPolyData* s = kipyegon(pose).surface();
        SCOPED_TRACE(RunnerBody::poseName(pose));
        const auto defects = SurfaceMeasures::edgeDefects(s);
        EXPECT_EQ(defects.open, 0) << "open edges";
        EXPECT_EQ(defects.nonManifold, 0) << "non-manifold edges";
        EXPECT_EQ(defects.regions, 1);
        EXPECT_TRUE(RunnerBody::isClosedManifold(s));
        EXPECT_GE(s->GetNumberOfPolys(), 20000);
        EXPECT_LE(s->GetNumberOfPolys(), 40000);
        EXPECT_EQ(s->GetNumberOfPolys(), s->GetNumberOfCells()) << "triangles only";
    }
}

TEST(RunnerBody, FeetOnTheGroundCentredAndAsTallAsTheAthlete) {
    for (const auto pose : kPoses) {
        const RunnerBody& body = kipyegon(pose);
        SCOPED_TRACE(RunnerBody::poseName(pose));
        double b[6];
        body.surface()->GetBounds(b);
        EXPECT_NEAR(b[4], 0.0, 1e-9);
        EXPECT_NEAR(0.5 * (b[0] + b[1]), 0.0, 1e-9);
        EXPECT_NEAR(0.5 * (b[2] + b[3]), 0.0, 1e-9);
        EXPECT_NEAR(body.height(), b[5], 1e-12);
        EXPECT_NEAR(body.height(), kKipyegon.height(), 0.005 * kKipyegon.height());
        EXPECT_NEAR(body.depth(), b[1] - b[0], 1e-12);
        EXPECT_NEAR(body.width(), b[3] - b[2], 1e-12);
    }
}

TEST(RunnerBody, KipyegonFrontalAreaAgreesWithARayCastAndWithPugh) {
    const RunnerBody& body = kipyegon(RunnerBody::Pose::midStride);
    const double cast = rayCastFrontalArea(body.surface(), 0.003);
    EXPECT_NEAR(body.frontalArea(), cast, 0.03 * cast);
    EXPECT_GE(body.frontalArea(), 0.30);
    EXPECT_LE(body.frontalArea(), 0.45);
    // Pugh (1970) from the photographs of running athletes: 0.266 BSA ≈ 0.366 m² for her.
    EXPECT_NEAR(body.frontalArea(), kKipyegon.frontalArea(), 0.10 * kKipyegon.frontalArea());
}

TEST(RunnerBody, StandingFrontalAreaAgreesWithARayCast) {
    const RunnerBody& body = kipyegon(RunnerBody::Pose::standing);
    const double cast = rayCastFrontalArea(body.surface(), 0.003);
    EXPECT_NEAR(body.frontalArea(), cast, 0.03 * cast);
}

TEST(RunnerBody, HeavierRunnerOfTheSameHeightHasMoreFrontalAreaAndVolume) {
    const RunnerBody& light = kipyegon(RunnerBody::Pose::midStride);
    const RunnerBody heavy(Athlete(1.57, 60.0), RunnerBody::Pose::midStride);
    EXPECT_GT(heavy.frontalArea(), 1.05 * light.frontalArea());
    EXPECT_GT(heavy.volume(), 1.2 * light.volume());
    EXPECT_NEAR(heavy.height(), light.height(), 0.005 * light.height());
}

TEST(RunnerBody, MidStrideIsPlausiblyShapedAndFacesOutwards) {
    const RunnerBody& running = kipyegon(RunnerBody::Pose::midStride);
    const RunnerBody& standing = kipyegon(RunnerBody::Pose::standing);
    EXPECT_GT(running.width(), 0.30);
    EXPECT_LT(running.width(), 0.60);
    EXPECT_GT(running.depth(), 0.40);
    EXPECT_LT(running.depth(), 1.20);
    EXPECT_GT(running.depth(), 2.0 * standing.depth()) << "legs and arms spread along x";
    // Outward triangles give a positive volume; a body's density is about 1000 kg/m³.
    for (const RunnerBody* body : {&running, &standing}) {
        EXPECT_GT(body->volume(), 0.0);
        EXPECT_NEAR(kKipyegon.mass() / body->volume(), 1000.0, 150.0);
    }
}

TEST(RunnerBody, DescribeReportsSizesSourceAndTheSegmentTable) {
    const RunnerBody& body = kipyegon(RunnerBody::Pose::midStride);
    const auto j = body.describe();
    EXPECT_EQ(j["source"], "parametric");
    EXPECT_EQ(j["pose"], "mid-stride");
    EXPECT_DOUBLE_EQ(j["frontal_area_m2"].get<double>(), body.frontalArea());
    EXPECT_DOUBLE_EQ(j["frontal_area_pugh_m2"].get<double>(), kKipyegon.frontalArea());
    EXPECT_DOUBLE_EQ(j["height_m"].get<double>(), body.height());
    EXPECT_DOUBLE_EQ(j["depth_m"].get<double>(), body.depth());
    EXPECT_DOUBLE_EQ(j["width_m"].get<double>(), body.width());
    EXPECT_DOUBLE_EQ(j["mass_kg"].get<double>(), 42.0);
    EXPECT_EQ(j["triangles"].get<long>(), body.surface()->GetNumberOfPolys());
    EXPECT_NE(j["segment_lengths_source"].get<std::string>().find("Winter"), std::string::npos);
    bool sawThigh = false;
    for (const auto& s : j["segments"]) {
        if (s["name"] == "left thigh") {
            sawThigh = true;
            EXPECT_NEAR(s["length_m"].get<double>(), 0.245 * 1.57, 1e-12);
            EXPECT_GT(s["radius_start_m"].get<double>(), s["radius_end_m"].get<double>());
        }
    }
    EXPECT_TRUE(sawThigh) << j["segments"].dump();
}

TEST(RunnerBody, StlRoundTripsThroughVtkWithItsSolidNameAndOffset) {
    const RunnerBody& body = kipyegon(RunnerBody::Pose::midStride);
    TempDir tmp;
    const std::string path = tmp.path() + "/runner.stl";
    drafting::test::writeFile(path, body.stl("runner_1.lead-A", 2.0, -1.0, 0.5));
    std::string header;
    const auto read = readStl(path, &header);
    EXPECT_EQ(header, "runner_1.lead-A");
    EXPECT_EQ(read->GetNumberOfPolys(), body.surface()->GetNumberOfPolys());
    double b[6], r[6];
    body.surface()->GetBounds(b);
    read->GetBounds(r);
    EXPECT_NEAR(r[0], b[0] + 2.0, 1e-6);
    EXPECT_NEAR(r[3], b[3] - 1.0, 1e-6);
    EXPECT_NEAR(r[4], 0.5, 1e-6);
    const std::string text = drafting::test::readFile(path);
    EXPECT_EQ(text.rfind("solid runner_1.lead-A\n", 0), 0u);
    EXPECT_NE(text.find("endsolid runner_1.lead-A\n"), std::string::npos);
}

TEST(RunnerBody, StlRefusesAnUnsafeSolidName) {
    const RunnerBody& body = kipyegon(RunnerBody::Pose::standing);
    EXPECT_THROW(body.stl("runner 1"), GeometryError);
    EXPECT_THROW(body.stl("a;b"), GeometryError);
    EXPECT_THROW(body.stl(""), GeometryError);
}

TEST(RunnerBody, PoseFromNamesBothPosesAndRefusesOthers) {
    EXPECT_EQ(RunnerBody::poseFrom("mid-stride"), RunnerBody::Pose::midStride);
    EXPECT_EQ(RunnerBody::poseFrom("standing"), RunnerBody::Pose::standing);
    const std::string msg = drafting::test::errorOf<GeometryError>([] { RunnerBody::poseFrom("sitting"); });
    EXPECT_EQ(msg, "geometry.pose = 'sitting': expected mid-stride|standing");
}

TEST(RunnerBody, FromStlRefusesAMissingFile) {
    const std::string path = "/nonexistent/drafting/runner.stl";
    const std::string msg = drafting::test::errorOf<GeometryError>([&] { RunnerBody::fromStl(path, kKipyegon); });
    EXPECT_NE(msg.find("geometry.stl = '" + path + "'"), std::string::npos) << msg;
}

TEST(RunnerBody, FromStlRefusesAnEmptyFileAndGarbage) {
    TempDir tmp;
    const std::string empty = tmp.path() + "/empty.stl", junk = tmp.path() + "/junk.stl";
    drafting::test::writeFile(empty, "solid empty\nendsolid empty\n");
    drafting::test::writeFile(junk, "this is not an stl file\n");
    EXPECT_EQ(drafting::test::errorOf<GeometryError>([&] { RunnerBody::fromStl(empty, kKipyegon); }), "geometry.stl = '" + empty + "': no triangles");
    EXPECT_EQ(drafting::test::errorOf<GeometryError>([&] { RunnerBody::fromStl(junk, kKipyegon); }),
              "geometry.stl = '" + junk + "': not a readable STL file");
}

TEST(RunnerBody, FromStlRefusesAnOpenSurfaceCountingItsOpenEdges) {
    TempDir tmp;
    // A closed sphere with one triangle taken out: a hole bounded by three edges.
    vtkNew<vtkSphereSource> sphere;
    sphere->SetThetaResolution(24);
    sphere->SetPhiResolution(12);
    sphere->Update();
    auto holed = vtkSmartPointer<vtkPolyData>::New();
    holed->DeepCopy(sphere->GetOutput());
    holed->BuildLinks();
    holed->DeleteCell(40);
    holed->RemoveDeletedCells();
    const std::string path = tmp.path() + "/holed.stl";
    vtkNew<vtkSTLWriter> writer;
    writer->SetInputData(holed);
    writer->SetFileName(path.c_str());
    writer->SetFileTypeToASCII();
    writer->Write();
    ASSERT_EQ(readStl(path)->GetNumberOfPolys(), sphere->GetOutput()->GetNumberOfPolys() - 1);

    const std::string msg = drafting::test::errorOf<GeometryError>([&] { RunnerBody::fromStl(path, kKipyegon); });
    EXPECT_NE(msg.find("geometry.stl = '" + path + "'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("3 open edges"), std::string::npos) << msg;
    EXPECT_FALSE(RunnerBody::isClosedManifold(holed));
    EXPECT_TRUE(RunnerBody::isClosedManifold(sphere->GetOutput()));
}

TEST(RunnerBody, FromStlScalesAClosedSphereToTheAthletesHeight) {
    TempDir tmp;
    vtkNew<vtkSphereSource> sphere;
    sphere->SetRadius(0.3);
    sphere->SetCenter(5.0, -2.0, 7.0);
    sphere->SetThetaResolution(64);
    sphere->SetPhiResolution(32);
    const std::string path = tmp.path() + "/ball.stl";
    vtkNew<vtkSTLWriter> writer;  // binary
    writer->SetInputConnection(sphere->GetOutputPort());
    writer->SetFileName(path.c_str());
    writer->Write();

    const Athlete tall(1.80, 70.0);
    const RunnerBody body = RunnerBody::fromStl(path, tall);
    EXPECT_NEAR(body.height(), 1.80, 1e-9);
    EXPECT_NEAR(body.width(), 1.80, 0.01);
    EXPECT_NEAR(body.depth(), 1.80, 0.01);
    double b[6];
    body.surface()->GetBounds(b);
    EXPECT_NEAR(b[4], 0.0, 1e-9);
    EXPECT_NEAR(0.5 * (b[0] + b[1]), 0.0, 1e-9);
    EXPECT_NEAR(0.5 * (b[2] + b[3]), 0.0, 1e-9);
    EXPECT_NEAR(body.frontalArea(), M_PI * 0.9 * 0.9, 0.01 * M_PI * 0.9 * 0.9);
    EXPECT_NEAR(body.volume(), 4.0 / 3.0 * M_PI * std::pow(0.9, 3), 0.02 * 4.0 / 3.0 * M_PI * std::pow(0.9, 3));
    EXPECT_TRUE(RunnerBody::isClosedManifold(body.surface()));
    const auto j = body.describe();
    EXPECT_EQ(j["source"], path);
    EXPECT_DOUBLE_EQ(j["frontal_area_pugh_m2"].get<double>(), tall.frontalArea());
}

TEST(RunnerBody, FromStlReadsBackOurOwnAsciiRunner) {
    const RunnerBody& body = kipyegon(RunnerBody::Pose::standing);
    TempDir tmp;
    const std::string path = tmp.path() + "/runner.stl";
    drafting::test::writeFile(path, body.stl("runner", 0.3, 0.2, 0.1));
    const RunnerBody back = RunnerBody::fromStl(path, kKipyegon);
    EXPECT_NEAR(back.height(), kKipyegon.height(), 1e-9);
    EXPECT_NEAR(back.width(), body.width() * kKipyegon.height() / body.height(), 1e-5);
    EXPECT_EQ(back.surface()->GetNumberOfPolys(), body.surface()->GetNumberOfPolys());
    EXPECT_NEAR(back.frontalArea(), body.frontalArea(), 0.01 * body.frontalArea());
}

TEST(RunnerBody, OpenFoamSurfaceCheckFindsTheStlClosed) {
    const std::string surfaceCheck = "/usr/bin/surfaceCheck";
    // scripts/setup-deps.sh installs OpenFOAM, as the regression suite needs it too: absent is a failure.
    ASSERT_TRUE(fs::exists(surfaceCheck)) << surfaceCheck << " is absent: run scripts/setup-deps.sh";
    TempDir tmp;
    drafting::test::writeFile(tmp.path() + "/runner.stl", kipyegon(RunnerBody::Pose::midStride).stl("runner"));
    const auto result = drafting::test::runCommand(
        {"/usr/bin/env", "WM_PROJECT_DIR=/usr/share/openfoam", surfaceCheck, "runner.stl"}, tmp.path());
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("Surface is closed"), std::string::npos) << result.out;
}
