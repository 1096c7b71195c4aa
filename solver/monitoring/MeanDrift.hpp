#pragma once
#include <cstddef>
#include <vector>

namespace drafting::solver::monitoring {

/// How far a force history's running mean still moves at the end of a run: the judge of
/// iterative convergence that results.json reports (validation.md, "Iterative convergence").
///
/// m(k) is the mean of the `window` samples ending at k. The drift is the largest |m(k) − m(n)|
/// over the last `window` values of k, i.e. how much the mean that is reported moved while the
/// final window was recorded. A body is settled when drift ≤ tolerance × |m(n)|: relative to
/// its *own* drag, so a sheltered runner with a fifth of the solo drag is held to a fifth of
/// the solo allowance.
class MeanDrift {
public:
    struct Estimate {
        double mean = 0.0;   // m(n), the mean of the final window
        double drift = 0.0;  // max |m(k) − m(n)| over the final window, same unit as the samples
        bool enough = false; // at least 2 × window samples: otherwise drift is not known
        /// drift / |mean| (infinite for a zero mean with any drift).
        double relative() const;
        bool settled(double tolerance) const { return enough && relative() <= tolerance; }
    };

    static Estimate of(const std::vector<double>& samples, std::size_t window);
};

}  // namespace drafting::solver::monitoring
