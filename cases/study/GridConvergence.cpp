#include "cases/study/GridConvergence.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace drafting::cases::study {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

nlohmann::json numberOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

// x / |f|, or NaN where f is 0 (a relative error of nothing).
double relative(double x, double f) { return f != 0.0 ? x / std::abs(f) : kNaN; }
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

nlohmann::json GridConvergence::Estimate::toJson(Scale scale) const {
    nlohmann::json j = {{"behaviour", name(behaviour)},
                        {"r21", numberOrNull(r21)},
                        {"r32", numberOrNull(r32)},
                        {"ratio_below_minimum", ratioBelowMinimum},
                        {"order", numberOrNull(order)},
                        {"order_solved", orderSolved},
                        {"order_iterations", orderIterations},
                        {"extrapolated", numberOrNull(extrapolated)},
                        {"bounded_order", numberOrNull(boundedOrder)},
                        {"bounded_safety_factor", numberOrNull(boundedSafetyFactor)}};
    if (scale == Scale::relative) {
        j["gci_fine"] = numberOrNull(gciFine);
        j["gci_medium"] = numberOrNull(gciMedium);
        j["gci_fine_bounded"] = numberOrNull(gciFineBounded);
        j["gci_medium_bounded"] = numberOrNull(gciMediumBounded);
        j["asymptotic_ratio"] = numberOrNull(asymptoticRatio);
    } else {
        j["gci_fine_abs"] = numberOrNull(gciFineAbs);
        j["gci_medium_abs"] = numberOrNull(gciMediumAbs);
        j["gci_fine_bounded_abs"] = numberOrNull(gciFineBoundedAbs);
        j["gci_medium_bounded_abs"] = numberOrNull(gciMediumBoundedAbs);
        j["asymptotic_ratio"] = numberOrNull(asymptoticRatioAbs);
    }
    if (!note.empty()) j["note"] = note;
    return j;
}

double GridConvergence::ratioFromCells(double fineCells, double coarseCells, int dimension) {
    if (dimension != 2 && dimension != 3) throw std::invalid_argument("mesh dimension must be 2 or 3");
    if (!(fineCells >= 1.0) || !(coarseCells >= 1.0) || !std::isfinite(fineCells) || !std::isfinite(coarseCells))
        throw std::invalid_argument("cell counts must be at least 1");
    return std::pow(fineCells / coarseCells, 1.0 / dimension);
}

GridConvergence::Estimate GridConvergence::estimate(double f1, double f2, double f3, double r) {
    return estimate(f1, f2, f3, r, r);
}

GridConvergence::Estimate GridConvergence::estimate(double f1, double f2, double f3, double r21, double r32) {
    if (!(r21 > 1.0) || !std::isfinite(r21) || !(r32 > 1.0) || !std::isfinite(r32))
        throw std::invalid_argument("grid refinement ratio must be > 1");
    if (!std::isfinite(f1) || !std::isfinite(f2) || !std::isfinite(f3))
        throw std::invalid_argument("grid convergence needs three finite values");

    Estimate e;
    e.r21 = r21;
    e.r32 = r32;
    e.ratioBelowMinimum = r21 < kMinRatio || r32 < kMinRatio;
    auto noOrder = [&](Behaviour b, const std::string& why) {
        e.behaviour = b;
        e.order = e.extrapolated = e.asymptoticRatio = e.asymptoticRatioAbs = kNaN;
        e.gciFineAbs = e.gciMediumAbs = e.gciFineBoundedAbs = e.gciMediumBoundedAbs = kNaN;
        e.gciFine = e.gciMedium = e.gciFineBounded = e.gciMediumBounded = kNaN;
        e.boundedOrder = e.boundedSafetyFactor = kNaN;
        e.note = why;
        return e;
    };

    const double e21 = f2 - f1, e32 = f3 - f2;
    const double scale = std::max({std::abs(f1), std::abs(f2), std::abs(f3), 1e-300});
    if (std::abs(e21) <= 1e-12 * scale && std::abs(e32) <= 1e-12 * scale) {
        noOrder(Behaviour::converged, "");
        e.extrapolated = f1;
        e.gciFineAbs = e.gciMediumAbs = e.gciFineBoundedAbs = e.gciMediumBoundedAbs = 0.0;
        e.gciFine = e.gciMedium = e.gciFineBounded = e.gciMediumBounded = 0.0;
        return e;
    }
    const double ratio = e21 == 0.0 ? std::numeric_limits<double>::infinity() : e32 / e21;
    if (!std::isfinite(ratio)) return noOrder(Behaviour::divergent, "the fine and medium values are equal");
    const double l21 = std::log(r21), l32 = std::log(r32);
    // The smallest |e32/e21| a positive order can give: r21^p (r32^p - s) / (r21^p - s) at p -> 0,
    // ln r32 / ln r21 for a monotonic change (1 when r21 = r32) and 1 for an oscillating one.
    const double s = ratio > 0.0 ? 1.0 : -1.0;
    const double least = s > 0.0 ? l32 / l21 : 1.0;
    if (!(std::abs(ratio) > least))
        return noOrder(Behaviour::divergent, "the change does not shrink with the cells: no positive order");
    e.behaviour = s > 0.0 ? Behaviour::monotonic : Behaviour::oscillatory;

    // Celik's fixed-point iteration, from q = 0 (the constant-ratio order).
    const double lnRatio = std::log(std::abs(ratio));
    auto q = [&](double p) {
        return s > 0.0 ? std::log(std::expm1(p * l21) / std::expm1(p * l32))
                       : std::log((std::exp(p * l21) + 1.0) / (std::exp(p * l32) + 1.0));
    };
    double p = std::abs(lnRatio) / l21;
    e.orderSolved = false;
    for (int it = 1; it <= kMaxOrderIterations; ++it) {
        if (!(p > 0.0) || !std::isfinite(p)) break;
        const double next = std::abs(lnRatio + q(p)) / l21;
        e.orderIterations = it;
        if (!std::isfinite(next)) break;
        const bool settled = std::abs(next - p) <= 1e-12 * std::max(1.0, p);
        p = next;
        if (settled) {
            // Only the root where ln|e32/e21| + q(p) = p ln r21 is positive is the order; the
            // absolute value admits a mirror one.
            e.orderSolved = p > 0.0 && lnRatio + q(p) > 0.0;
            break;
        }
    }
    if (!e.orderSolved) {
        const Behaviour b = e.behaviour;
        const int iterations = e.orderIterations;
        noOrder(b, "the fixed-point iteration for the observed order did not converge in " +
                       std::to_string(iterations) + " iterations");
        e.orderSolved = false;
        e.orderIterations = iterations;
        return e;
    }
    e.order = p;
    const double rp21 = std::exp(p * l21), rp32 = std::exp(p * l32);
    e.extrapolated = f1 + (f1 - f2) / (rp21 - 1.0);
    e.gciFineAbs = kSafetyFactor * std::abs(e21) / (rp21 - 1.0);
    e.gciMediumAbs = kSafetyFactor * std::abs(e32) / (rp32 - 1.0);
    e.gciFine = relative(e.gciFineAbs, f1);
    e.gciMedium = relative(e.gciMediumAbs, f2);
    e.asymptoticRatio = e.gciFine > 0.0 ? e.gciMedium / (rp21 * e.gciFine) : kNaN;
    e.asymptoticRatioAbs = e.gciFineAbs > 0.0 ? e.gciMediumAbs / (rp21 * e.gciFineAbs) : kNaN;
    e.boundedOrder = std::min(p, kFormalOrder);
    e.boundedSafetyFactor = std::abs(p - kFormalOrder) <= 0.1 * kFormalOrder ? kSafetyFactor : kBoundedSafetyFactor;
    e.gciFineBoundedAbs = e.boundedSafetyFactor * std::abs(e21) / std::expm1(e.boundedOrder * l21);
    e.gciMediumBoundedAbs = e.boundedSafetyFactor * std::abs(e32) / std::expm1(e.boundedOrder * l32);
    e.gciFineBounded = relative(e.gciFineBoundedAbs, f1);
    e.gciMediumBounded = relative(e.gciMediumBoundedAbs, f2);
    return e;
}

}  // namespace drafting::cases::study
