#pragma once
#include <cstddef>
#include <random>
#include <vector>

namespace drafting::test {

/// AR(1): x_k = mu + phi (x_{k-1} - mu) + e_k, e_k ~ N(0, sigma): a correlated series with a
/// known mean mu, as a solver's force history is (the monitoring tests' synthetic input).
inline std::vector<double> ar1(std::size_t n, double mu, double phi, double sigma, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> e(0.0, sigma);
    std::vector<double> x(n);
    double prev = mu;
    for (auto& v : x) {
        v = mu + phi * (prev - mu) + e(rng);
        prev = v;
    }
    return x;
}

}  // namespace drafting::test
