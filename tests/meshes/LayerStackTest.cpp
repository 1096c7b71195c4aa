// The prism layers of a level: wall-function stacks that refine with the level, wall-resolved
// stacks from a first layer at y+ ~ 1.
#include "meshes/LayerStack.hpp"
#include "meshes/MeshLevel.hpp"

#include <gtest/gtest.h>

#include <cmath>

using drafting::meshes::LayerStack;
using drafting::meshes::MeshLevel;

// The levels approximate a uniform refinement: the layer count grows by the ratio, the stack
// keeps its thickness and its overall growth, so the first layer shrinks level by level.
TEST(LayerStack, WallFunctionLayersSplitTheCoarseStack) {
    const int layers[] = {3, 4, 6, 8};
    double previousFirst = 1.0;
    for (int i = 0; i < 3; ++i) {
        const auto s = LayerStack::wallFunctions(MeshLevel(static_cast<MeshLevel::Name>(i)));
        EXPECT_EQ(s.layers, layers[i]);
        EXPECT_NEAR(std::pow(s.expansion, s.layers), std::pow(1.25, 3), 1e-12);
        // The layers add up to the stack.
        EXPECT_NEAR(s.firstLayer() * (std::pow(s.expansion, s.layers) - 1.0) / (s.expansion - 1.0), 0.012, 1e-12);
        EXPECT_LT(s.firstLayer(), previousFirst);
        previousFirst = s.firstLayer();
    }
    EXPECT_NEAR(LayerStack::wallFunctions(MeshLevel(MeshLevel::Name::coarse)).firstLayer(),
                0.012 * 0.25 / (1.25 * 1.25 * 1.25 - 1.0), 1e-12);
}

TEST(LayerStack, LowReStartsAtTheGivenLayerAndFillsTheStack) {
    const auto s = LayerStack::lowRe(1e-4);
    EXPECT_NEAR(s.firstLayer(), 1e-4, 1e-9);
    EXPECT_NEAR(s.thickness, 0.012, 1e-15);
    EXPECT_GT(s.expansion, 1.0);
    EXPECT_LE(s.expansion, 1.25 + 1e-12);  // never grows faster than the wall-function stack
    EXPECT_GE(s.layers, 15);
}

TEST(LayerStack, FirstLayerForUnitYPlusAtMilePace) {
    // 6.7 m/s, air, 1.57 m: Re ≈ 7e5, Cf ≈ 0.0038, u_tau ≈ 0.29 m/s, y1 = 2 nu / u_tau ≈ 0.1 mm.
    const double y1 = LayerStack::firstLayerForUnitYPlus(6.706, 1.8e-5 / 1.18, 1.57);
    EXPECT_GT(y1, 0.7e-4);
    EXPECT_LT(y1, 1.2e-4);
}
