#include "meshes/FormationMesh.hpp"

#include <gtest/gtest.h>

#include <cmath>

using drafting::meshes::FormationMesh;
using drafting::meshes::MeshLevel;

// The levels approximate a uniform refinement: counts in cells grow by the ratio, the layer
// stack keeps its thickness and its overall growth, so the first layer shrinks level by level.
TEST(FormationMesh, LayersAndBuffersGrowWithTheLevel) {
    const MeshLevel levels[] = {MeshLevel(MeshLevel::Name::coarse), MeshLevel(MeshLevel::Name::medium),
                                MeshLevel(MeshLevel::Name::fine)};
    const int layers[] = {3, 4, 6};
    double previousFirst = 1.0;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(FormationMesh::layersAt(levels[i]), layers[i]);
        EXPECT_EQ(FormationMesh::bufferCellsAt(levels[i]), layers[i]);
        const double e = FormationMesh::layerExpansionAt(levels[i]);
        const int n = FormationMesh::layersAt(levels[i]);
        EXPECT_NEAR(std::pow(e, n), std::pow(FormationMesh::kCoarseExpansion, FormationMesh::kCoarseLayers), 1e-12);
        const double first = FormationMesh::firstLayerAt(levels[i]);
        // The layers add up to the stack.
        EXPECT_NEAR(first * (std::pow(e, n) - 1.0) / (e - 1.0), FormationMesh::kLayerStack, 1e-12);
        EXPECT_LT(first, previousFirst);
        previousFirst = first;
    }
    EXPECT_NEAR(FormationMesh::firstLayerAt(levels[0]), 0.012 * 0.25 / (1.25 * 1.25 * 1.25 - 1.0), 1e-12);
}
