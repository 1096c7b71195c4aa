// FlowFieldExport's pieces that need no case (label unit); the export of a solved sweep, which
// runs OpenFOAM, is FlowFieldSweepTest.cpp.
#include "postprocess/FlowFieldExport.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <vtkNew.h>
#include <vtkXMLDataParser.h>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;
using drafting::post::FlowCaseExport;
using drafting::post::FlowFieldExport;
using drafting::test::TempDir;

TEST(FlowFieldExportPvd, EntriesAreRelativeInsideTheFolderAndEscaped) {
    TempDir tmp;
    FlowCaseExport inside, outside;
    inside.caseName = "a&b\"c";
    inside.formation = "<ahead>";
    inside.slice = tmp.path() + "/flow/a/slice.vtp";
    outside.caseName = "elsewhere";
    outside.index = 1;
    outside.slice = tmp.path() + "/other/slice.vtp";
    fs::create_directories(tmp.path() + "/flow");
    FlowFieldExport::writePvd(tmp.path() + "/flow/sweep.pvd", {inside, outside});
    const std::string text = drafting::test::readFile(tmp.path() + "/flow/sweep.pvd");
    EXPECT_NE(text.find("timestep=\"0\" group=\"&lt;ahead&gt;\" part=\"0\" name=\"a&amp;b&quot;c\" file=\"a/slice.vtp\""),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("timestep=\"1\" group=\"\" part=\"0\" name=\"elsewhere\" file=\"" + tmp.path() + "/other/slice.vtp\""),
              std::string::npos)
        << text;
    vtkNew<vtkXMLDataParser> parser;
    parser->SetFileName((tmp.path() + "/flow/sweep.pvd").c_str());
    EXPECT_EQ(parser->Parse(), 1);
    EXPECT_FALSE(fs::exists(tmp.path() + "/flow/sweep.pvd.tmp"));
}

