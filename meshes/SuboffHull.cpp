#include "meshes/SuboffHull.hpp"


#include <algorithm>
#include <cmath>

namespace drafting::meshes {

namespace {

// Table 1's afterbody constants: the radius of the cap's start over the maximum radius, and the
// two slopes that shape the afterbody's run into it.
constexpr double kCapRadiusRatio = 0.1175;
constexpr double kK0 = 10.0;
constexpr double kK1 = 44.6244;

// Radius over the maximum radius at x feet behind the nose (Groves et al. 1989, Table 1).
double radiusRatio(double x) {
    if (x <= 0.0 || x >= SuboffHull::kLengthFt) return 0.0;
    if (x < SuboffHull::kBowEndFt) {
        const double a = 0.3 * x - 1.0, a3 = a * a * a, a4 = a3 * a;
        const double inner = 1.126395101 * x * a4 + 0.442874707 * x * x * a3 + 1.0 - a4 * (1.2 * x + 1.0);
        return std::pow(std::max(inner, 0.0), 1.0 / 2.1);
    }
    if (x <= SuboffHull::kMiddleEndFt) return 1.0;
    if (x <= SuboffHull::kAfterbodyEndFt) {
        const double rh = kCapRadiusRatio, xi = (SuboffHull::kAfterbodyEndFt - x) / 3.333333;
        const double xi2 = xi * xi, xi3 = xi2 * xi, xi4 = xi3 * xi, xi5 = xi4 * xi, xi6 = xi5 * xi;
        const double inner = rh * rh + rh * kK0 * xi2 + (20.0 - 20.0 * rh * rh - 4.0 * rh * kK0 - kK1 / 3.0) * xi3 +
                             (-45.0 + 45.0 * rh * rh + 6.0 * rh * kK0 + kK1) * xi4 +
                             (36.0 - 36.0 * rh * rh - 4.0 * rh * kK0 - kK1) * xi5 +
                             (-10.0 + 10.0 * rh * rh + rh * kK0 + kK1 / 3.0) * xi6;
        return std::sqrt(std::max(inner, 0.0));
    }
    const double s = 3.2 * x - 44.733333;
    return kCapRadiusRatio * std::sqrt(std::max(1.0 - s * s, 0.0));
}

// n stations from a to b [ft], a included, b not, clustered towards both ends (cosine spacing).
void clustered(std::vector<double>& out, double a, double b, int n) {
    for (int k = 0; k < n; ++k) out.push_back(a + (b - a) * 0.5 * (1.0 - std::cos(M_PI * k / n)));
}

}  // namespace

double SuboffHull::radius(double fromNose) { return kMaxRadius * radiusRatio(fromNose / kFoot); }

double SuboffHull::frontalArea() { return M_PI * kMaxRadius * kMaxRadius; }

SuboffHull::SuboffHull() {
    // Stations behind the nose [ft], nose and tail excluded (they are single points).
    std::vector<double> x;
    clustered(x, 0.0, kBowEndFt, kBowStations);
    const double middle = kMiddleEndFt - kBowEndFt;
    const int nMiddle = static_cast<int>(std::ceil(middle * kFoot / kStationSpacing));
    for (int k = 0; k < nMiddle; ++k) x.push_back(kBowEndFt + middle * k / nMiddle);
    clustered(x, kMiddleEndFt, kAfterbodyEndFt, kAfterbodyStations);
    clustered(x, kAfterbodyEndFt, kLengthFt, kCapStations);
    x.erase(x.begin());  // the nose

    const double L = length();
    points_.push_back({L, 0.0, kMaxRadius});  // the nose
    for (const double s : x) {
        const double r = radius(s * kFoot);
        for (int j = 0; j < kRingPoints; ++j) {
            const double t = 2.0 * M_PI * j / kRingPoints;
            points_.push_back({L - s * kFoot, r * std::sin(t), kMaxRadius + r * std::cos(t)});
        }
    }
    points_.push_back({0.0, 0.0, kMaxRadius});  // the tail
    const int tail = static_cast<int>(points_.size()) - 1;
    const int rings = static_cast<int>(x.size());
    auto at = [](int ring, int j) { return 1 + ring * kRingPoints + j % kRingPoints; };

    // Walking from the nose towards the tail (-x) and round the axis (+y towards -z at the top),
    // these windings face outwards.
    for (int j = 0; j < kRingPoints; ++j) triangles_.push_back({0, at(0, j + 1), at(0, j)});
    for (int i = 0; i + 1 < rings; ++i)
        for (int j = 0; j < kRingPoints; ++j) {
            triangles_.push_back({at(i, j), at(i + 1, j + 1), at(i + 1, j)});
            triangles_.push_back({at(i, j), at(i, j + 1), at(i + 1, j + 1)});
        }
    for (int j = 0; j < kRingPoints; ++j) triangles_.push_back({at(rings - 1, j), at(rings - 1, j + 1), tail});
}


}  // namespace drafting::meshes
