#include "DivergenceGuard.hpp"

#include <cmath>
#include <sstream>

namespace drafting::solver::monitoring {

std::string DivergenceGuard::check(std::size_t iteration, const std::vector<double>& cd,
                                   const std::vector<std::string>& bodies, const std::vector<double>& residuals,
                                   const std::vector<std::string>& equations) {
    ++seen_;
    std::ostringstream why;
    for (std::size_t i = 0; i < cd.size(); ++i) {
        if (!std::isfinite(cd[i])) {
            why << "non-finite force on body " << bodies.at(i) << " at iteration " << iteration;
            return why.str();
        }
    }
    if (minResidual_.size() != residuals.size()) minResidual_.assign(residuals.size(), INFINITY);
    for (std::size_t i = 0; i < residuals.size(); ++i) {
        const double r = residuals[i];
        if (!std::isfinite(r)) {
            why << "non-finite residual of " << equations.at(i) << " at iteration " << iteration;
            return why.str();
        }
        if (seen_ > limits_.warmUp && r > limits_.blowUpFloor && r >= limits_.blowUpFactor * minResidual_[i]) {
            why << "residual of " << equations.at(i) << " blew up to " << r << " (minimum " << minResidual_[i]
                << ") at iteration " << iteration;
            return why.str();
        }
        if (r > 0.0 && r < minResidual_[i]) minResidual_[i] = r;
    }
    if (seen_ > limits_.warmUp) {
        for (std::size_t i = 0; i < cd.size(); ++i) {
            if (cd[i] < limits_.minCd || cd[i] > limits_.maxCd) {
                why << "non-physical drag on body " << bodies.at(i) << ": Cd = " << cd[i] << " outside ["
                    << limits_.minCd << ", " << limits_.maxCd << "] at iteration " << iteration;
                return why.str();
            }
        }
    }
    return "";
}

}  // namespace drafting::solver::monitoring
