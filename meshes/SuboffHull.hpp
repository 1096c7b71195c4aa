#pragma once
#include <string>
#include <vector>

#include "meshes/TriangleSurface.hpp"

namespace drafting::meshes {

/// The DARPA SUBOFF bare hull (AFF-1, DTRC model 5470): an axisymmetric submarine hull with a
/// bow, a parallel middle body, an afterbody and a cap, defined by the analytic equations of
/// Groves, Huang & Chang (1989), "Geometric characteristics of DARPA SUBOFF models", DTRC/SHD-1298-01,
/// Table 1 (in feet at model scale; here in metres). 4.356 m long, 0.508 m across: a streamlined
/// body whose drag is mostly skin friction, so it tests the wall treatment and the boundary layer
/// rather than where a bluff body separates (cases::reference::ReferenceCase "suboff-bare-hull").
/// Frame: the nose towards +x at x = length(), the cap at x = 0, the axis at y = 0 and
/// z = kMaxRadius, so the lowest point is on z = 0. A closed surface, triangles ordered outwards:
/// rings of kRingPoints around the axis at stations clustered where the radius changes fast, one
/// point at the nose and one at the tail.
class SuboffHull : public TriangleSurface {
public:
    SuboffHull();

    /// Hull radius [m] at `fromNose` metres behind the nose (Groves et al. Table 1); 0 outside the
    /// hull.
    static double radius(double fromNose);
    static double length() { return kLengthFt * kFoot; }
    /// Projected area on the y-z plane: pi kMaxRadius^2.
    static double frontalArea();

    static constexpr double kFoot = 0.3048;  // m
    static constexpr double kMaxRadius = 5.0 / 6.0 * kFoot;  // 0.254 m
    // Stations of Table 1 [ft]: end of the bow, of the parallel middle body, of the afterbody
    // (the aft perpendicular), and of the cap (the whole length).
    static constexpr double kBowEndFt = 3.333333;
    static constexpr double kMiddleEndFt = 10.645833;
    static constexpr double kAfterbodyEndFt = 13.979167;
    static constexpr double kLengthFt = 14.291667;

    // Facets: kRingPoints around (16.6 mm at the widest), stations clustered towards the nose,
    // the cap and both ends of the afterbody, at most kStationSpacing apart along the middle body
    // (a cylinder: long facets there are exact).
    static constexpr int kRingPoints = 96;
    static constexpr int kBowStations = 60;
    static constexpr int kAfterbodyStations = 60;
    static constexpr int kCapStations = 16;
    static constexpr double kStationSpacing = 0.05;  // m
};

}  // namespace drafting::meshes
