#include "meshes/LayerStack.hpp"

#include <cmath>

namespace drafting::meshes {

double LayerStack::firstLayer() const {
    return thickness * (expansion - 1.0) / (std::pow(expansion, layers) - 1.0);
}

LayerStack LayerStack::wallFunctions(MeshLevel level) {
    LayerStack s;
    s.layers = static_cast<int>(std::lround(kCoarseLayers * std::pow(MeshLevel::kRatio, level.index())));
    s.expansion = std::pow(kCoarseExpansion, static_cast<double>(kCoarseLayers) / s.layers);
    return s;
}

LayerStack LayerStack::lowRe(double firstLayer) {
    LayerStack s;
    s.wallResolved = true;
    s.expansion = kCoarseExpansion;
    // The fewest layers that reach the stack's thickness, then the growth that makes them fit it.
    s.layers = static_cast<int>(
        std::ceil(std::log(1.0 + kThickness * (kCoarseExpansion - 1.0) / firstLayer) / std::log(kCoarseExpansion)));
    // The first layer falls as the growth rises: from thickness / layers at 1 to at most
    // firstLayer at kCoarseExpansion. Bisection between them.
    double lo = 1.0 + 1e-9, hi = kCoarseExpansion;
    for (int i = 0; i < 100; ++i) {
        s.expansion = 0.5 * (lo + hi);
        (s.firstLayer() > firstLayer ? lo : hi) = s.expansion;
    }
    return s;
}

double LayerStack::firstLayerForUnitYPlus(double U, double nu, double length) {
    const double cf = 0.027 * std::pow(U * length / nu, -1.0 / 7.0);
    const double uTau = U * std::sqrt(0.5 * cf);
    return 2.0 * nu / uTau;  // y+ = 1 at half the first layer
}

bool LayerStack::isTreatment(const std::string& name) { return name == "wall-functions" || name == "low-re"; }

}  // namespace drafting::meshes
