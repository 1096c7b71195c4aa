#include "cases/GridConvergence.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drafting::cases {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

nlohmann::json numberOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }
}  // namespace

std::string GridConvergence::name(Behaviour b) {
    switch (b) {
        case Behaviour::monotonic: return "monotonic";
        case Behaviour::oscillatory: return "oscillatory";
        case Behaviour::divergent: return "divergent";
        case Behaviour::converged: return "converged";
    }
    return "divergent";
}

nlohmann::json GridConvergence::Estimate::toJson() const {
    return {{"behaviour", name(behaviour)},
            {"order", numberOrNull(order)},
            {"extrapolated", numberOrNull(extrapolated)},
            {"gci_fine", numberOrNull(gciFine)},
            {"gci_medium", numberOrNull(gciMedium)},
            {"asymptotic_ratio", numberOrNull(asymptoticRatio)},
            {"gci_fine_bounded", numberOrNull(gciFineBounded)}};
}

GridConvergence::Estimate GridConvergence::estimate(double f1, double f2, double f3, double r, double fs) {
    if (!(r > 1.0) || !std::isfinite(r)) throw std::invalid_argument("grid refinement ratio must be > 1");
    if (!std::isfinite(f1) || !std::isfinite(f2) || !std::isfinite(f3))
        throw std::invalid_argument("grid convergence needs three finite values");

    Estimate e;
    const double e21 = f2 - f1, e32 = f3 - f2;
    const double scale = std::max({std::abs(f1), std::abs(f2), std::abs(f3), 1e-300});
    if (std::abs(e21) <= 1e-12 * scale && std::abs(e32) <= 1e-12 * scale) {
        e.behaviour = Behaviour::converged;
        e.order = kNaN;
        e.extrapolated = f1;
        e.gciFine = e.gciMedium = e.gciFineBounded = 0.0;
        e.asymptoticRatio = kNaN;
        return e;
    }
    const double ratio = e21 == 0.0 ? std::numeric_limits<double>::infinity() : e32 / e21;
    // |e32| <= |e21|: the change does not shrink with the cells, so there is no order to observe.
    if (!(std::abs(ratio) > 1.0) || !std::isfinite(ratio)) {
        e.behaviour = Behaviour::divergent;
        e.order = e.extrapolated = e.gciFine = e.gciMedium = e.asymptoticRatio = e.gciFineBounded = kNaN;
        return e;
    }
    e.behaviour = ratio > 0 ? Behaviour::monotonic : Behaviour::oscillatory;
    e.order = std::log(std::abs(ratio)) / std::log(r);
    const double rp = std::pow(r, e.order);
    e.extrapolated = f1 + (f1 - f2) / (rp - 1.0);
    e.gciFine = f1 != 0.0 ? fs * std::abs((f1 - f2) / f1) / (rp - 1.0) : kNaN;
    e.gciMedium = f2 != 0.0 ? fs * std::abs((f2 - f3) / f2) / (rp - 1.0) : kNaN;
    e.asymptoticRatio = e.gciFine > 0.0 ? e.gciMedium / (rp * e.gciFine) : kNaN;
    const double pUsed = std::min(e.order, kFormalOrder);
    const double fsUsed = std::abs(e.order - kFormalOrder) <= 0.1 * kFormalOrder ? fs : 3.0;
    e.gciFineBounded = f1 != 0.0 ? fsUsed * std::abs((f1 - f2) / f1) / (std::pow(r, pUsed) - 1.0) : kNaN;
    return e;
}

}  // namespace drafting::cases
