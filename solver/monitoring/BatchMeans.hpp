#pragma once
// Plain C++17 (no OpenFOAM): used by the runnerDrag function object and unit-tested alone.
#include <cstddef>
#include <vector>

namespace drafting::solver::monitoring {

/// Mean of a correlated series with a 95% confidence interval by non-overlapping batch means:
/// the series is cut into b equal batches whose means are nearly independent when each batch
/// spans several correlation times, so Student's t with b − 1 degrees of freedom applies
/// (Schmeiser 1982, Operations Research 30:556; Law & Kelton, Simulation Modeling and Analysis,
/// ch. 9). b = 10–30 is Schmeiser's recommendation; the lag-1 correlation of the batch means is
/// reported so a caller can see when batches are too short (|r1| large).
class BatchMeans {
public:
    struct Estimate {
        double mean = 0.0;
        double halfWidth95 = 0.0;     // NaN when there are too few samples for b batches
        int batches = 0;
        std::size_t batchSize = 0;
        double lag1Correlation = 0.0; // of the batch means; NaN with fewer than 3 batches
        double standardDeviation = 0.0; // of the samples themselves
    };

    /// Uses the last batches × floor(n / batches) samples (the oldest remainder is dropped).
    static Estimate estimate(const std::vector<double>& samples, int batches = 10);

    /// Two-sided 97.5% quantile of Student's t with `dof` degrees of freedom.
    static double tQuantile975(int dof);
};

}  // namespace drafting::solver::monitoring
