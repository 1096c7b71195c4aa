#include "MeanDrift.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace drafting::solver::monitoring {

double MeanDrift::Estimate::relative() const {
    if (mean != 0.0) return drift / std::fabs(mean);
    return drift > 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
}

MeanDrift::Estimate MeanDrift::of(const std::vector<double>& samples, std::size_t window) {
    Estimate e;
    window = std::max<std::size_t>(window, 1);
    const std::size_t n = samples.size();
    if (n == 0) return e;
    const std::size_t w = std::min(window, n);
    double sum = 0.0;
    for (std::size_t i = n - w; i < n; ++i) sum += samples[i];
    e.mean = sum / static_cast<double>(w);
    e.enough = n >= 2 * window;
    if (!e.enough) return e;
    // Slide the window back one sample at a time: m(k-1) = m(k) + (x[k-w] - x[k]) / w.
    double running = sum;
    for (std::size_t k = n - 1; k + 1 > n - window; --k) {
        e.drift = std::max(e.drift, std::fabs(running / static_cast<double>(window) - e.mean));
        if (k < window) break;
        running += samples[k - window] - samples[k];
    }
    return e;
}

}  // namespace drafting::solver::monitoring
