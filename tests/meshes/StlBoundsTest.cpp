// A user STL (geometry.stl, draft-cases geometry --stl) is bounded before it is meshed: a regular
// file, at most 64 MiB and 500 000 triangles, finite coordinates, and once scaled to the athlete
// no wider or deeper than 3 m nor thinner than 5 % of the height. Each refusal is one line naming
// the file and the bound. Also the outputs of draft-cases geometry: written as a pair or not at all.
#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "meshes/Athlete.hpp"
#include "meshes/GeometryError.hpp"
#include "meshes/RunnerBody.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <future>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using drafting::meshes::Athlete;
using drafting::meshes::GeometryError;
using drafting::meshes::RunnerBody;
using drafting::test::TempDir;

namespace {

const Athlete kKipyegon(1.57, 42.0);

using Triangle = std::array<std::array<float, 3>, 3>;

// A closed box [0, dx] x [0, dy] x [0, dz]: 12 triangles sharing 8 corners.
std::vector<Triangle> box(float dx, float dy, float dz) {
    auto corner = [&](int i) { return std::array<float, 3>{i & 1 ? dx : 0.f, i & 2 ? dy : 0.f, i & 4 ? dz : 0.f}; };
    const int quads[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
    std::vector<Triangle> tris;
    for (const auto& q : quads) {
        tris.push_back({corner(q[0]), corner(q[1]), corner(q[2])});
        tris.push_back({corner(q[0]), corner(q[2]), corner(q[3])});
    }
    return tris;
}

std::string ascii(const std::vector<Triangle>& tris) {
    std::string text = "solid box\n";
    char line[160];
    for (const auto& t : tris) {
        text += "  facet normal 0 0 0\n    outer loop\n";
        for (const auto& v : t) {
            std::snprintf(line, sizeof(line), "      vertex %.9g %.9g %.9g\n", v[0], v[1], v[2]);
            text += line;
        }
        text += "    endloop\n  endfacet\n";
    }
    return text + "endsolid box\n";
}

std::string binary(const std::vector<Triangle>& tris) {
    std::string bytes(80, ' ');
    const auto count = static_cast<std::uint32_t>(tris.size());
    for (int i = 0; i < 4; ++i) bytes += static_cast<char>((count >> (8 * i)) & 0xff);
    for (const auto& t : tris) {
        float record[12] = {0, 0, 0};
        for (int v = 0; v < 3; ++v)
            for (int k = 0; k < 3; ++k) record[3 + 3 * v + k] = t[v][k];
        bytes.append(reinterpret_cast<const char*>(record), sizeof(record));  // little-endian hosts
        bytes += std::string(2, '\0');
    }
    return bytes;
}

// The message names the file and says which bound failed.
void expectRefused(const std::string& path, const std::string& bound) {
    const std::string msg = drafting::test::errorOf<GeometryError>([&] { RunnerBody::fromStl(path, kKipyegon); });
    EXPECT_EQ(msg.rfind("geometry.stl = '" + path + "': ", 0), 0u) << msg;
    EXPECT_NE(msg.find(bound), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
}

}  // namespace

TEST(StlBounds, AThousandMetreBoxIsRefusedNamingItsWidth) {
    TempDir tmp;
    const auto tris = box(0.3f, 1000.f, 1.f);
    drafting::test::writeFile(tmp.path() + "/wide-ascii.stl", ascii(tris));
    drafting::test::writeFile(tmp.path() + "/wide-binary.stl", binary(tris));
    for (const char* name : {"/wide-ascii.stl", "/wide-binary.stl"})
        expectRefused(tmp.path() + name, "width (y) 1570 m once scaled to the athlete's height of 1.57 m, above the "
                                         "limit of 3 m");
}

TEST(StlBounds, AMicronFlatBoxIsRefusedBeforeItIsRasterised) {
    // Scaled to 1.57 m tall it is 1570 km wide: the frontal-area raster used to throw bad_alloc.
    TempDir tmp;
    const auto tris = box(1.f, 1.f, 1e-6f);
    drafting::test::writeFile(tmp.path() + "/flat-ascii.stl", ascii(tris));
    drafting::test::writeFile(tmp.path() + "/flat-binary.stl", binary(tris));
    for (const char* name : {"/flat-ascii.stl", "/flat-binary.stl"})
        expectRefused(tmp.path() + name, "depth (x) 1.57e+06 m once scaled");
}

TEST(StlBounds, AnUprightSheetIsRefusedAsTooThin) {
    TempDir tmp;
    const auto tris = box(1e-6f, 1.f, 1.f);
    drafting::test::writeFile(tmp.path() + "/sheet-ascii.stl", ascii(tris));
    drafting::test::writeFile(tmp.path() + "/sheet-binary.stl", binary(tris));
    for (const char* name : {"/sheet-ascii.stl", "/sheet-binary.stl"})
        expectRefused(tmp.path() + name, "below 0.05 of the height (0.0785 m): a sheet, not a body");
}

TEST(StlBounds, ABodySizedBoxIsAcceptedAndScaled) {
    TempDir tmp;
    const std::string path = tmp.path() + "/trunk.stl";
    drafting::test::writeFile(path, binary(box(0.3f, 0.5f, 1.75f)));
    const RunnerBody body = RunnerBody::fromStl(path, kKipyegon);
    EXPECT_NEAR(body.height(), 1.57, 1e-6);
    EXPECT_NEAR(body.width(), 0.5 * 1.57 / 1.75, 1e-6);
}

TEST(StlBounds, DevicesAndDirectoriesAreNotRegularFiles) {
    TempDir tmp;
    expectRefused("/dev/null", "not a regular file");
    expectRefused(tmp.path(), "not a regular file");
}

TEST(StlBounds, AFifoIsRefusedWithinASecond) {
    TempDir tmp;
    const std::string fifo = tmp.path() + "/pipe.stl";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto refusal = std::async(std::launch::async, [&] { return drafting::test::errorOf<GeometryError>([&] { RunnerBody::fromStl(fifo, kKipyegon); }); });
    const bool quick = refusal.wait_for(std::chrono::seconds(1)) == std::future_status::ready;
    // A reader stuck in open() is let go by a writer that opens and closes at once, so that a
    // failing test ends instead of hanging.
    for (int i = 0; i < 500 && refusal.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready; ++i) {
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0) ::close(fd);
    }
    ASSERT_EQ(refusal.wait_for(std::chrono::seconds(5)), std::future_status::ready);
    EXPECT_TRUE(quick) << "fromStl blocked on a FIFO";
    const std::string msg = refusal.get();
    EXPECT_EQ(msg, "geometry.stl = '" + fifo + "': not a regular file");
}

TEST(StlBounds, AFileAbove64MiBIsRefusedUnread) {
    TempDir tmp;
    const std::string path = tmp.path() + "/huge.stl";
    drafting::test::writeFile(path, "solid huge\n");
    ASSERT_EQ(::truncate(path.c_str(), RunnerBody::kMaxStlBytes + 1), 0);  // sparse: no disk used
    expectRefused(path, "67108865 bytes, above the limit of 67108864 bytes (64 MiB)");
}

TEST(StlBounds, ABinaryStlOfTooManyTrianglesIsRefusedUnread) {
    TempDir tmp;
    const std::string path = tmp.path() + "/many.stl";
    const std::uint32_t count = RunnerBody::kMaxStlTriangles + 1;
    std::string head(80, ' ');
    for (int i = 0; i < 4; ++i) head += static_cast<char>((count >> (8 * i)) & 0xff);
    drafting::test::writeFile(path, head);
    ASSERT_EQ(::truncate(path.c_str(), 84 + 50 * static_cast<off_t>(count)), 0);
    expectRefused(path, "500001 triangles, above the limit of 500000");
}

TEST(StlBounds, ANonFiniteCoordinateIsRefused) {
    TempDir tmp;
    auto tris = box(0.3f, 0.5f, 1.75f);
    tris[3][1][2] = std::numeric_limits<float>::quiet_NaN();
    drafting::test::writeFile(tmp.path() + "/nan.stl", binary(tris));
    expectRefused(tmp.path() + "/nan.stl", "a vertex coordinate is not a finite number");
    tris[3][1][2] = std::numeric_limits<float>::infinity();
    drafting::test::writeFile(tmp.path() + "/inf.stl", binary(tris));
    expectRefused(tmp.path() + "/inf.stl", "a vertex coordinate is not a finite number");
}

TEST(StlBounds, AHostilePathIsQuotedOnOneLine) {
    TempDir tmp;
    const std::string path = tmp.path() + "/two\nlines\x1b[2J.stl";
    drafting::test::writeFile(path, ascii(box(0.3f, 1000.f, 1.f)));
    const std::string msg = drafting::test::errorOf<GeometryError>([&] { RunnerBody::fromStl(path, kKipyegon); });
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    EXPECT_EQ(msg.find('\x1b'), std::string::npos) << msg;
    EXPECT_NE(msg.find("two\\nlines\\x1b[2J.stl': width (y)"), std::string::npos) << msg;
}

