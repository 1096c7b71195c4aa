#pragma once
#include <string>
#include <vector>

namespace drafting::meshes {

/// The lengths of a runner's limbs as fractions of standing height, by sex.
///
/// "winter" (the default, and every body before this existed): Winter (2009, Biomechanics and Motor
/// Control of Human Movement, 4th ed., Fig. 4.1), one set for both sexes. "female" and "male": the
/// same body with de Leva's (1996, J Biomech 29:1223, Table 1) female or male contrast: each limb
/// Winter's length times that sex's segment length / stature over the mean of both sexes', so the
/// sexes straddle Winter's. The leg keeps Winter's hip-to-ankle length, and the thigh's share of it
/// gets the same contrast (de Leva's thigh / (thigh + shank) over both sexes' mean): de Leva's male head, trunk, thigh
/// and shank add up to 0.98 of the stature, which leaves his ankle 0.019 H above the floor where
/// Winter's is 0.039 H, so his lengths cannot be stacked as they are. What changes is the thigh's
/// share of the leg, the arm's three segments and the foot; the head, trunk, breadths and girths
/// stay Winter's and the girth model's (de Leva gives no breadths).
struct SegmentProportions {
    std::string name;  // winter | female | male
    double upperArm = 0.0, forearm = 0.0, hand = 0.0;  // shoulder-elbow, elbow-wrist, wrist-fingertip
    double thigh = 0.0, shank = 0.0;                   // hip-knee, knee-ankle joint centres
    double foot = 0.0;                                 // heel to toe tip

    /// The set `name`; throws GeometryError naming `field` (e.g. "athlete.proportions") otherwise.
    static SegmentProportions of(const std::string& name, const std::string& field = "proportions");
    static SegmentProportions winter() { return of("winter"); }
    /// "winter", "female", "male".
    static const std::vector<std::string>& names();

    bool operator==(const SegmentProportions& o) const { return name == o.name; }
};

}  // namespace drafting::meshes
