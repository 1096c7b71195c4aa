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
    /// A wall-resolved stack (lowRe): layers thin enough for y+ ≈ 1 are hundreds of times wider
    /// than tall, and snappyHexMesh's tet-quality and determinant checks, which are for cells of
    /// ordinary shape, refuse them: with the default checks it kept 0.3 of 16 layers on the coarse
    /// runner (2 % of the stack, y+ 64-82). Such a stack relaxes those checks for the layers.
    bool wallResolved = false;

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
    /// Part of a wall-resolved case's fingerprint: raised whenever lowRe's meshing changes, so that a
    /// finished low-re case meshed the old way is run again rather than kept (wall-function cases,
    /// and their fingerprints, are unaffected). 2: layer checks relaxed from the first iteration.
    static constexpr const char* kWallResolvedRevision = "low-re 2";
};

}  // namespace drafting::meshes
