#pragma once
// A runner's posture over one stride, from measured running kinematics.

#include "meshes/BodyModel.hpp"

namespace drafting::meshes {

/// The sagittal joint angles of one measured stride, as BodyModel pose angles at any phase.
///
/// Source: Hamner SR, Delp SL (2013) Muscle contributions to fore-aft and vertical body mass center
/// accelerations over a range of running speeds. J Biomech 46(4):780-787, doi:10.1016/j.jbiomech.2012.11.024;
/// data at https://simtk.org/projects/nmbl_running. Subject 01 on a treadmill at 5.0 m/s (the
/// dataset's fastest), inverse kinematics of the full-body OpenSim model as AddBiomechanics
/// reprocessed it, sampled every 0.01 s. One stride, 0.55-1.15 s of the trial: from the right
/// foot's strike to its next. The strikes are taken from the kinematics (the right knee's least
/// flexion at the end of swing), as no force-plate events are used; the mismatch between the
/// stride's ends (up to 7-8 degrees at the right hip, left arm and left ankle: the next stride does
/// not repeat it exactly, and the right knee is still extending at 1.15 s) is spread linearly over
/// the stride, so the cycle closes (docs/geometry.md, "The stride").
///
/// Conventions: phase 0 = right foot strike; the right foot is on the ground over
/// [0, kRightToeOff), the left over [kLeftStrike, kLeftToeOff); both feet are off it in between.
/// The model's left is +y. From the OpenSim coordinates: thigh = pelvis tilt + hip flexion, shank
/// = thigh + knee angle (negative flexes), plantar flexion = -ankle angle, trunk lean =
/// -(pelvis tilt + lumbar extension), upper arm = shoulder flexion, forearm = upper arm + elbow
/// flexion. The frontal-plane angles are the body model's own (arms 10° out, legs straight down):
/// only the sagittal ones are measured here.
class GaitCycle {
public:
    /// The pose at `phase` (wrapped into [0, 1)), linearly interpolated between samples.
    static BodyModel::PoseAngles poseAt(double phase);

    /// `phase` wrapped into [0, 1): 1.25 → 0.25, -0.25 → 0.75.
    static double wrap(double phase);

    static constexpr double kStrideTime = 0.60;    // s, of the measured stride
    static constexpr double kSpeed = 5.0;          // m/s, the treadmill's
    static constexpr double kRightToeOff = 0.35;   // phase: right knee's least flexion after stance (0.76 s)
    static constexpr double kLeftStrike = 0.50;    // 0.85 s
    static constexpr double kLeftToeOff = 0.85;    // 1.06 s
    static constexpr const char* kSource =
        "Hamner SR, Delp SL (2013) J Biomech 46(4):780-787, doi:10.1016/j.jbiomech.2012.11.024: subject 01 at "
        "5.0 m/s, one stride (0.55-1.15 s) from the right foot's strike, sagittal angles of the OpenSim inverse "
        "kinematics (simtk.org/projects/nmbl_running, as reprocessed by AddBiomechanics)";
};

}  // namespace drafting::meshes
