// SectionMesh's runner sections: the formation's ellipse, or a runner's own (a pacer of its own
// size), each closed round its centre.
#include "meshes/SectionMesh.hpp"
#include "TestSupport.hpp"
#include "support/StlText.hpp"

#include <gtest/gtest.h>

using drafting::meshes::MeshLevel;
using drafting::meshes::SectionMesh;

TEST(SectionMesh, ARunnerMayBringItsOwnSection) {
    drafting::test::TempDir tmp;
    SectionMesh::Body pacer{"pacer1", 1.3, 0.0};
    pacer.halfDepth = 0.2;
    pacer.halfWidth = 0.3;
    const SectionMesh mesh({{"lead", 0.0, 0.0}, pacer}, 0.1, 0.15, 1.57, MeshLevel(MeshLevel::Name::coarse));
    mesh.write(tmp.path());
    const auto lead = drafting::test::vertexBox(drafting::test::readFile(tmp.path() + "/constant/triSurface/lead.stl"));
    const auto own = drafting::test::vertexBox(drafting::test::readFile(tmp.path() + "/constant/triSurface/pacer1.stl"));
    EXPECT_NEAR(lead.hi[0] - lead.lo[0], 0.2, 1e-9);
    EXPECT_NEAR(lead.hi[1] - lead.lo[1], 0.3, 1e-3);  // 96 segments: the widest point is a vertex to 1e-3
    EXPECT_NEAR(own.lo[0], 1.1, 1e-9);
    EXPECT_NEAR(own.hi[0], 1.5, 1e-9);
    EXPECT_NEAR(own.hi[1] - own.lo[1], 0.6, 1e-3);
}
