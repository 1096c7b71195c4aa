// SectionMesh's runner sections: the formation's ellipse, or a runner's own (a pacer of its own
// size), each closed round its centre.
#include "meshes/SectionMesh.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

using drafting::meshes::MeshLevel;
using drafting::meshes::SectionMesh;

namespace {

// The x and y extents of an ASCII STL's vertices: {xmin, xmax, ymin, ymax}.
std::vector<double> extents(const std::string& stl) {
    std::vector<double> e{1e300, -1e300, 1e300, -1e300};
    std::istringstream in(stl);
    std::string word;
    while (in >> word)
        if (word == "vertex") {
            double x, y, z;
            in >> x >> y >> z;
            e = {std::min(e[0], x), std::max(e[1], x), std::min(e[2], y), std::max(e[3], y)};
        }
    return e;
}

}  // namespace

TEST(SectionMesh, ARunnerMayBringItsOwnSection) {
    drafting::test::TempDir tmp;
    SectionMesh::Body pacer{"pacer1", 1.3, 0.0};
    pacer.halfDepth = 0.2;
    pacer.halfWidth = 0.3;
    const SectionMesh mesh({{"lead", 0.0, 0.0}, pacer}, 0.1, 0.15, 1.57, MeshLevel(MeshLevel::Name::coarse));
    mesh.write(tmp.path());
    const auto lead = extents(drafting::test::readFile(tmp.path() + "/constant/triSurface/lead.stl"));
    const auto own = extents(drafting::test::readFile(tmp.path() + "/constant/triSurface/pacer1.stl"));
    EXPECT_NEAR(lead[1] - lead[0], 0.2, 1e-9);
    EXPECT_NEAR(lead[3] - lead[2], 0.3, 1e-3);  // 96 segments: the widest point is a vertex to 1e-3
    EXPECT_NEAR(own[0], 1.1, 1e-9);
    EXPECT_NEAR(own[1], 1.5, 1e-9);
    EXPECT_NEAR(own[3] - own[2], 0.6, 1e-3);
}
