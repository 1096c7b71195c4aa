#include "StrouhalEstimator.hpp"

#include <cmath>

namespace drafting::solver::monitoring {

std::optional<StrouhalEstimator::Shedding> StrouhalEstimator::estimate(const std::vector<double>& times,
                                                                      const std::vector<double>& signal,
                                                                      double length, double speed,
                                                                      double minAmplitude, int minPeriods) {
    const std::size_t n = std::min(times.size(), signal.size());
    if (n < 8 || !(speed > 0.0) || !(length > 0.0)) return std::nullopt;
    double mean = 0.0;
    for (std::size_t i = 0; i < n; ++i) mean += signal[i];
    mean /= static_cast<double>(n);
    double var = 0.0;
    for (std::size_t i = 0; i < n; ++i) var += (signal[i] - mean) * (signal[i] - mean);
    const double sd = std::sqrt(var / static_cast<double>(n - 1));
    if (!(sd >= minAmplitude)) return std::nullopt;

    const double h = 0.1 * sd;
    std::vector<double> crossings;
    bool armed = false;  // went below −h since the last counted crossing
    for (std::size_t i = 1; i < n; ++i) {
        const double a = signal[i - 1] - mean, b = signal[i] - mean;
        if (b < -h) armed = true;
        if (armed && a < 0.0 && b >= 0.0) {
            // Interpolate the zero crossing; confirm it rises past +h before the next dip.
            std::size_t j = i;
            while (j < n && signal[j] - mean < h && signal[j] - mean >= -h) ++j;
            if (j < n && signal[j] - mean >= h) {
                crossings.push_back(times[i - 1] + (times[i] - times[i - 1]) * (-a) / (b - a));
                armed = false;
            }
        }
    }
    if (static_cast<int>(crossings.size()) < minPeriods + 1) return std::nullopt;
    const double span = crossings.back() - crossings.front();
    if (!(span > 0.0)) return std::nullopt;
    Shedding s;
    s.periods = static_cast<int>(crossings.size()) - 1;
    s.frequency = s.periods / span;
    s.strouhal = s.frequency * length / speed;
    return s;
}

}  // namespace drafting::solver::monitoring
