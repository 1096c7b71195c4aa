#pragma once
#include <cstddef>
#include <deque>
#include <vector>

namespace drafting::solver::monitoring {

/// Decides when every body's mean drag has settled, so a run can stop early.
///
/// After each iteration the mean drag of each body over the trailing `window` samples is
/// formed. The run is settled when, for every body, that trailing mean has moved by no more than
/// max(relTol × |mean|, absTol) over the last `window` iterations, and at least `minSamples`
/// samples have been seen. For a steady run the trailing mean is the drag itself once converged;
/// for a periodic one, a window of several periods averages the oscillation out.
class SettledDetector {
public:
    SettledDetector(std::size_t window, double relTol, double absTol, std::size_t minSamples);

    /// Adds one sample per body (the same number of bodies every time); returns settled().
    bool add(const std::vector<double>& drag);

    bool settled() const { return settled_; }
    std::size_t samples() const { return count_; }

    /// Largest move of the trailing mean over the last window, relative to the allowance
    /// (≤ 1 means within tolerance), per body; empty before the first full window.
    const std::vector<double>& lastSpread() const { return spread_; }

private:
    std::size_t window_;
    double relTol_, absTol_;
    std::size_t minSamples_;
    std::size_t count_ = 0;
    bool settled_ = false;
    std::vector<std::deque<double>> recent_;  // last `window` samples per body
    std::vector<double> sums_;
    std::vector<std::deque<double>> means_;   // last `window` trailing means per body
    std::vector<double> spread_;
};

}  // namespace drafting::solver::monitoring
