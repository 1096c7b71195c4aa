#include "BatchMeans.hpp"

#include <cmath>
#include <limits>

namespace drafting::solver::monitoring {

double BatchMeans::tQuantile975(int dof) {
    // Exact table to 30 degrees of freedom, then the Cornish-Fisher expansion about 1.95996.
    static const double table[] = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
                                   2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
                                   2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    if (dof < 1) return std::numeric_limits<double>::quiet_NaN();
    if (dof <= 30) return table[dof - 1];
    const double z = 1.959964, n = dof;
    return z + (z * z * z + z) / (4 * n) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

BatchMeans::Estimate BatchMeans::estimate(const std::vector<double>& samples, int batches) {
    Estimate e;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    e.halfWidth95 = nan;
    e.lag1Correlation = nan;
    const std::size_t n = samples.size();
    if (n == 0) {
        e.mean = nan;
        e.standardDeviation = nan;
        return e;
    }

    double sum = 0.0;
    for (double x : samples) sum += x;
    e.mean = sum / static_cast<double>(n);
    double ss = 0.0;
    for (double x : samples) ss += (x - e.mean) * (x - e.mean);
    e.standardDeviation = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;

    if (batches < 2 || n < static_cast<std::size_t>(2 * batches)) return e;
    const std::size_t size = n / static_cast<std::size_t>(batches);
    const std::size_t first = n - size * static_cast<std::size_t>(batches);
    std::vector<double> means(static_cast<std::size_t>(batches), 0.0);
    for (int b = 0; b < batches; ++b) {
        double s = 0.0;
        for (std::size_t i = 0; i < size; ++i) s += samples[first + static_cast<std::size_t>(b) * size + i];
        means[static_cast<std::size_t>(b)] = s / static_cast<double>(size);
    }
    double grand = 0.0;
    for (double m : means) grand += m;
    grand /= batches;
    double var = 0.0;
    for (double m : means) var += (m - grand) * (m - grand);
    var /= (batches - 1);

    e.mean = grand;  // the mean of the samples used
    e.batches = batches;
    e.batchSize = size;
    e.halfWidth95 = tQuantile975(batches - 1) * std::sqrt(var / batches);
    if (batches >= 3 && var > 0.0) {
        double c1 = 0.0;
        for (int b = 1; b < batches; ++b)
            c1 += (means[static_cast<std::size_t>(b)] - grand) * (means[static_cast<std::size_t>(b - 1)] - grand);
        e.lag1Correlation = c1 / ((batches - 1) * var);  // sum of squares = (b - 1) var
    } else if (batches >= 3) {
        e.lag1Correlation = 0.0;
    }
    return e;
}

}  // namespace drafting::solver::monitoring
