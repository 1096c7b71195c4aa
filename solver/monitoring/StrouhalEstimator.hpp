#pragma once
#include <optional>
#include <vector>

namespace drafting::solver::monitoring {

/// Shedding frequency of a cross-flow force signal, and St = f L / U.
///
/// The mean is removed and upward crossings of zero are counted with hysteresis (the signal
/// must go below −h and then above +h, h = 10% of its standard deviation), so noise does not
/// add crossings; crossing times are interpolated linearly. f = (crossings − 1) / (time between
/// the first and last). No value is returned without shedding: fewer than `minPeriods` full
/// periods, or a signal whose standard deviation is below `minAmplitude` (an absolute value in
/// the signal's unit, e.g. a lift coefficient).
class StrouhalEstimator {
public:
    struct Shedding {
        double frequency = 0.0;  // Hz
        double strouhal = 0.0;
        int periods = 0;
    };

    static std::optional<Shedding> estimate(const std::vector<double>& times, const std::vector<double>& signal,
                                            double length, double speed, double minAmplitude = 1e-3,
                                            int minPeriods = 3);
};

}  // namespace drafting::solver::monitoring
