#pragma once
#include <string>
#include <vector>

#include "meshes/TriangleSurface.hpp"

namespace drafting::meshes {

/// The Ahmed body (Ahmed, Ramm & Faltin 1984, SAE 840300) at full scale, in metres, without its
/// four stilts: a box kLength × kWidth × kHeight whose four front edges are rounded with radius
/// kNoseRadius and whose rear roof edge is cut by a flat slant kSlantLength long at the slant
/// angle. It is the intersection of the side profile (x, z) and the plan profile (x, y), so every
/// cross-section is a rectangle and the longitudinal, slant and base edges are sharp, as on the
/// wind-tunnel model. Frame: nose towards +x at x = kLength, base at x = 0, underside on z = 0,
/// centred on y = 0. A closed surface, triangles ordered outwards.
class AhmedBody : public TriangleSurface {
public:
    /// Slant angle [deg] from the roof, in [0, kMaxSlantDeg] (GeometryError otherwise).
    explicit AhmedBody(double slantDeg = kSlantDeg);

    double slantDeg() const { return slantDeg_; }
    /// Height of the vertical base under the slant [m].
    double baseHeight() const;

    /// Projected area on the y-z plane: kWidth × kHeight (the rounding shapes the nose only in x).
    static constexpr double frontalArea() { return kWidth * kHeight; }

    static constexpr double kLength = 1.044;
    static constexpr double kWidth = 0.389;
    static constexpr double kHeight = 0.288;
    static constexpr double kNoseRadius = 0.100;
    static constexpr double kSlantLength = 0.222;     // along the slant, the same at every angle
    static constexpr double kGroundClearance = 0.050;  // underside above the floor (ReferenceCase)
    static constexpr double kSlantDeg = 25.0;
    static constexpr double kMaxSlantDeg = 40.0;       // Ahmed et al. varied it over 0-40 deg

    // Facets: the nose arc in kArcSteps, stations at most kStationSpacing apart along the rest,
    // each rectangular section cut in kAcross steps along y and kUp along z (5-10 mm facets:
    // below the finest surface cell, and every edge of the model lies on a facet edge).
    static constexpr int kArcSteps = 16;
    static constexpr double kStationSpacing = 0.02;
    static constexpr int kAcross = 40;
    static constexpr int kUp = 30;

private:
    double slantDeg_;
};

}  // namespace drafting::meshes
