#include "SettledDetector.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace drafting::solver::monitoring {

SettledDetector::SettledDetector(std::size_t window, double relTol, double absTol, std::size_t minSamples)
    : window_(std::max<std::size_t>(window, 1)), relTol_(relTol), absTol_(absTol), minSamples_(minSamples) {}

bool SettledDetector::add(const std::vector<double>& drag) {
    if (recent_.empty()) {
        recent_.resize(drag.size());
        means_.resize(drag.size());
        sums_.assign(drag.size(), 0.0);
    }
    if (drag.size() != recent_.size()) throw std::invalid_argument("SettledDetector: body count changed");
    ++count_;

    bool all = true;
    spread_.assign(drag.size(), 0.0);
    for (std::size_t b = 0; b < drag.size(); ++b) {
        recent_[b].push_back(drag[b]);
        sums_[b] += drag[b];
        if (recent_[b].size() > window_) {
            sums_[b] -= recent_[b].front();
            recent_[b].pop_front();
        }
        if (recent_[b].size() < window_) {
            all = false;
            continue;
        }
        const double mean = sums_[b] / static_cast<double>(window_);
        means_[b].push_back(mean);
        if (means_[b].size() > window_) means_[b].pop_front();
        if (means_[b].size() < window_) {
            all = false;
            continue;
        }
        double move = 0.0;
        for (double m : means_[b]) move = std::max(move, std::fabs(m - mean));
        const double allowance = std::max(relTol_ * std::fabs(mean), absTol_);
        spread_[b] = allowance > 0.0 ? move / allowance : (move > 0.0 ? INFINITY : 0.0);
        if (!(move <= allowance)) all = false;
    }
    settled_ = all && count_ >= minSamples_;
    return settled_;
}

}  // namespace drafting::solver::monitoring
