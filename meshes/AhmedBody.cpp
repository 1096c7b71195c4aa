#include "meshes/AhmedBody.hpp"

#include "meshes/GeometryError.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace drafting::meshes {

namespace {

// One rectangular cross-section at x: |y| <= halfWidth, zLow <= z <= zHigh.
struct Section {
    double x, halfWidth, zLow, zHigh;
};

}  // namespace

AhmedBody::AhmedBody(double slantDeg) : slantDeg_(slantDeg) {
    if (!(slantDeg >= 0.0 && slantDeg <= kMaxSlantDeg))
    {
        std::ostringstream msg;
        msg << "Ahmed body: slant angle " << slantDeg << " deg outside [0, " << kMaxSlantDeg << "] deg";
        throw GeometryError(msg.str());
    }
    const double a = slantDeg * M_PI / 180.0;
    const double slantRun = kSlantLength * std::cos(a), slantDrop = kSlantLength * std::sin(a);
    const double R = kNoseRadius, L = kLength, H = kHeight, W2 = 0.5 * kWidth;

    // Sections from the base (x = 0) to the nose (x = L): the slant, the straight part, the nose
    // arc. The slant's top edge and the start of the arc are sections of their own.
    std::vector<Section> sections;
    auto straight = [&](double from, double to, bool includeEnd) {
        const int n = std::max(1, static_cast<int>(std::ceil((to - from) / kStationSpacing - 1e-9)));
        for (int i = 0; i < n + (includeEnd ? 1 : 0); ++i) {
            const double x = from + (to - from) * i / n;
            const double zHigh = x < slantRun ? H - slantDrop + x * std::tan(a) : H;
            sections.push_back({x, W2, 0.0, zHigh});
        }
    };
    if (slantRun > 0.0) straight(0.0, slantRun, false);
    straight(slantRun, L - R, false);
    for (int k = 0; k <= kArcSteps; ++k) {
        const double t = 0.5 * M_PI * (1.0 - static_cast<double>(k) / kArcSteps);  // 90 deg to 0
        const double inset = R - R * std::sin(t);  // how far the rounding pulls each side in
        sections.push_back({L - R + R * std::cos(t), W2 - inset, inset, H - inset});
    }

    // Each section's outline, counter-clockwise seen from +x: bottom (-y to +y), the +y side
    // upwards, the top (+y to -y), the -y side downwards.
    const int ring = 2 * (kAcross + kUp);
    auto outline = [&](const Section& s, int j, int m) {
        return Point{s.x, -s.halfWidth + 2.0 * s.halfWidth * j / kAcross, s.zLow + (s.zHigh - s.zLow) * m / kUp};
    };
    auto ringIndex = [&](int j, int m) {  // (j, m) on the outline of the grid kAcross × kUp
        if (m == 0) return j;
        if (j == kAcross) return kAcross + m;
        if (m == kUp) return kAcross + kUp + (kAcross - j);
        return (2 * kAcross + kUp + (kUp - m)) % ring;
    };
    for (const Section& s : sections) {
        for (int j = 0; j < kAcross; ++j) points_.push_back(outline(s, j, 0));
        for (int m = 0; m < kUp; ++m) points_.push_back(outline(s, kAcross, m));
        for (int j = kAcross; j > 0; --j) points_.push_back(outline(s, j, kUp));
        for (int m = kUp; m > 0; --m) points_.push_back(outline(s, 0, m));
    }
    // The sides: quads between consecutive sections, outward because x grows towards the nose.
    for (std::size_t i = 0; i + 1 < sections.size(); ++i) {
        const int lo = static_cast<int>(i) * ring, hi = lo + ring;
        for (int k = 0; k < ring; ++k) {
            const int k1 = (k + 1) % ring;
            triangles_.push_back({lo + k, lo + k1, hi + k1});
            triangles_.push_back({lo + k, hi + k1, hi + k});
        }
    }
    // The flat base (facing -x) and the flat nose face (facing +x): a grid on each section,
    // whose outline is the section's own ring, so the surface stays closed.
    auto cap = [&](std::size_t sectionIndex, bool facesForward) {
        const Section& s = sections[sectionIndex];
        const int first = static_cast<int>(sectionIndex) * ring;
        std::vector<int> id((kAcross + 1) * (kUp + 1));
        for (int m = 0; m <= kUp; ++m)
            for (int j = 0; j <= kAcross; ++j) {
                int& v = id[m * (kAcross + 1) + j];
                if (m == 0 || m == kUp || j == 0 || j == kAcross) {
                    v = first + ringIndex(j, m);
                } else {
                    v = static_cast<int>(points_.size());
                    points_.push_back(outline(s, j, m));
                }
            }
        for (int m = 0; m < kUp; ++m)
            for (int j = 0; j < kAcross; ++j) {
                const int p00 = id[m * (kAcross + 1) + j], p10 = id[m * (kAcross + 1) + j + 1];
                const int p01 = id[(m + 1) * (kAcross + 1) + j], p11 = id[(m + 1) * (kAcross + 1) + j + 1];
                if (facesForward) {
                    triangles_.push_back({p00, p10, p11});
                    triangles_.push_back({p00, p11, p01});
                } else {
                    triangles_.push_back({p00, p11, p10});
                    triangles_.push_back({p00, p01, p11});
                }
            }
    };
    cap(0, false);
    cap(sections.size() - 1, true);
}

double AhmedBody::baseHeight() const { return kHeight - kSlantLength * std::sin(slantDeg_ * M_PI / 180.0); }


}  // namespace drafting::meshes
