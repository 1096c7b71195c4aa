#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace drafting::solver::monitoring {

/// Stops a run whose numbers can no longer be trusted, with the reason:
///   - a force or residual that is NaN or infinite (at once);
///   - an initial residual that has blown up: at least `blowUpFactor` times the smallest value
///     seen for that equation and above `blowUpFloor` (after the warm-up);
///   - a drag coefficient outside [minCd, maxCd] (after the warm-up, since an impulsive start
///     legitimately overshoots).
class DivergenceGuard {
public:
    struct Limits {
        double minCd = -2.0;
        double maxCd = 10.0;
        double blowUpFactor = 1e4;
        double blowUpFloor = 0.1;
        std::size_t warmUp = 50;  // samples before the drag and blow-up checks start
    };

    explicit DivergenceGuard(Limits limits) : limits_(limits) {}

    /// One iteration's check. `cd` and `bodies` pair up; `residuals` and `equations` too.
    /// Returns an empty string when all is well, else the reason (one line).
    std::string check(std::size_t iteration, const std::vector<double>& cd, const std::vector<std::string>& bodies,
                      const std::vector<double>& residuals, const std::vector<std::string>& equations);

    const Limits& limits() const { return limits_; }

    /// What the guard has seen, so that a run restarted from a checkpoint goes on checking as the
    /// uninterrupted run would (the warm-up counted once, the residuals' minima kept).
    struct State {
        std::size_t seen = 0;
        std::vector<double> minResidual;  // per equation; +inf before its first positive value
    };
    State state() const { return {seen_, minResidual_}; }
    void restore(const State& s) {
        seen_ = s.seen;
        minResidual_ = s.minResidual;
    }

private:
    Limits limits_;
    std::size_t seen_ = 0;
    std::vector<double> minResidual_;
};

}  // namespace drafting::solver::monitoring
