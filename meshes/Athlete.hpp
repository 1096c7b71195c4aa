#pragma once
// Body dimensions of a runner from height and mass.
#include "meshes/SegmentProportions.hpp"

namespace drafting::meshes {

/// A runner's size. Frontal area follows Pugh (1970): A = 0.266 × BSA, with the Du Bois
/// body-surface area; the 2D section is an ellipse with the silhouette's mean width. The limbs'
/// proportions shape the 3D parametric body only (RunnerBody).
class Athlete {
public:
    /// Throws meshes::GeometryError when height or mass is outside the supported range.
    Athlete(double heightM, double massKg, SegmentProportions proportions = SegmentProportions::winter());

    double height() const { return height_; }
    double mass() const { return mass_; }
    const SegmentProportions& proportions() const { return proportions_; }

    /// Du Bois & Du Bois (1916) body-surface area [m²].
    double bodySurfaceArea() const;
    /// Projected frontal area [m²] (Pugh 1970, J Physiol 207: A_p = 0.266 BSA).
    double frontalArea() const;
    /// Width of the 2D section along y [m]: frontal area / height, so the extruded
    /// section (extruded over the athlete's height) has the athlete's frontal area.
    double sectionWidth() const;
    /// Depth of the 2D section along x [m] (chest depth / shoulder breadth ≈ 0.6).
    double sectionDepth() const;

    static constexpr double kMinHeight = 1.2, kMaxHeight = 2.3;
    static constexpr double kMinMass = 30.0, kMaxMass = 150.0;
    static constexpr double kDepthToWidth = 0.6;

private:
    double height_;
    double mass_;
    SegmentProportions proportions_;
};

}  // namespace drafting::meshes
