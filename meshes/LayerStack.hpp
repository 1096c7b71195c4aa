#pragma once
#include <string>

#include "meshes/MeshLevel.hpp"

namespace drafting::meshes {

/// The prism layers on every runner surface: how many, the stack's total thickness and the growth
/// from one layer to the next (snappyHexMesh's thickness + expansionRatio, absolute sizes).
struct LayerStack {
    int layers = 3;
    double thickness = kThickness;  // m
    double expansion = kCoarseExpansion;

    /// Thickness of the layer on the wall [m].
    double firstLayer() const;

    /// Wall functions (mesh.wall_treatment = wall-functions): the coarse stack of kCoarseLayers
    /// split as a uniform refinement would split it, kCoarseLayers × ratio^index layers with the
    /// same overall growth kCoarseExpansion^kCoarseLayers, so the first layer shrinks level by level.
    static LayerStack wallFunctions(MeshLevel level);

    /// Wall-resolved (mesh.wall_treatment = low-re): first layer `firstLayer` (for y+ ≈ 1), layers
    /// growing by kCoarseExpansion until the stack is kThickness thick, at every level.
    static LayerStack lowRe(double firstLayer);

    /// First-layer height [m] putting the first cell centre at y+ = 1 on a flat plate as long as
    /// the body is tall, at air speed U and viscosity nu: u_τ = U √(Cf / 2) with Schlichting's
    /// turbulent Cf = 0.027 Re^(-1/7). An estimate: the real y+ varies over the body and is reported.
    static double firstLayerForUnitYPlus(double U, double nu, double length);

    /// "wall-functions" | "low-re".
    static bool isTreatment(const std::string& name);

    static constexpr double kThickness = 0.012;  // m, the stack at every level and treatment
    static constexpr int kCoarseLayers = 3;
    static constexpr double kCoarseExpansion = 1.25;
};

}  // namespace drafting::meshes
