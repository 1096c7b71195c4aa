#include "meshes/SegmentProportions.hpp"

#include "common/Error.hpp"
#include "meshes/GeometryError.hpp"

namespace drafting::meshes {

namespace {

// Winter (2009) Fig. 4.1, fractions of H: upper arm, forearm, hand, thigh, shank, foot.
constexpr double kWinter[6] = {0.186, 0.146, 0.108, 0.245, 0.246, 0.152};

// de Leva (1996) Table 1, segment lengths [mm] of the mean female (stature 1735 mm) and male
// (1741 mm) subject, in the same order: shoulder-elbow joint centre, elbow-wrist joint centre,
// wrist joint centre-3rd dactylion, hip-knee joint centre, knee-ankle joint centre, heel-acropodion.
constexpr double kFemaleStature = 1735.0, kMaleStature = 1741.0;
constexpr double kFemale[6] = {275.1, 264.3, 170.1, 368.5, 438.6, 228.3};
constexpr double kMale[6] = {281.7, 268.9, 187.9, 422.2, 440.3, 258.1};

// Winter's segment i with de Leva's contrast of one sex: its length/stature over the two sexes' mean.
double contrasted(int i, const double* sex, double stature) {
    const double mean = 0.5 * (kFemale[i] / kFemaleStature + kMale[i] / kMaleStature);
    return kWinter[i] * (sex[i] / stature) / mean;
}

SegmentProportions deLeva(const std::string& name, const double* sex, double stature) {
    SegmentProportions p;
    p.name = name;
    p.upperArm = contrasted(0, sex, stature);
    p.forearm = contrasted(1, sex, stature);
    p.hand = contrasted(2, sex, stature);
    // The leg keeps Winter's hip-to-ankle length; the thigh's share of it gets the same contrast
    // (de Leva's joint centres put both sexes' shares below Winter's trochanter-based one).
    const double leg = kWinter[3] + kWinter[4];
    const double meanShare = 0.5 * (kFemale[3] / (kFemale[3] + kFemale[4]) + kMale[3] / (kMale[3] + kMale[4]));
    const double thighShare = (kWinter[3] / leg) * (sex[3] / (sex[3] + sex[4])) / meanShare;
    p.thigh = leg * thighShare;
    p.shank = leg * (1.0 - thighShare);
    p.foot = contrasted(5, sex, stature);
    return p;
}

}  // namespace

const std::vector<std::string>& SegmentProportions::names() {
    static const std::vector<std::string> all{"winter", "female", "male"};
    return all;
}

SegmentProportions SegmentProportions::of(const std::string& name, const std::string& field) {
    if (name == "female") return deLeva(name, kFemale, kFemaleStature);
    if (name == "male") return deLeva(name, kMale, kMaleStature);
    if (name != "winter")
        throw GeometryError(common::ErrorSite::of(field, name), "expected winter, female or male");
    SegmentProportions p;
    p.name = name;
    p.upperArm = kWinter[0], p.forearm = kWinter[1], p.hand = kWinter[2];
    p.thigh = kWinter[3], p.shank = kWinter[4], p.foot = kWinter[5];
    return p;
}

}  // namespace drafting::meshes
