#pragma once
#include <cstddef>
#include <vector>

#include <vtkImageData.h>
#include <vtkSmartPointer.h>

#include "meshes/RunnerBody.hpp"
#include "meshes/SegmentProportions.hpp"

namespace drafting::meshes {

/// The parametric runner before it is a surface: one primitive per body segment (Winter 2009
/// proportions of the height, the limbs' by SegmentProportions, girths of a lean reference runner scaled by sqrt(m / H)), posed,
/// and their smooth union's signed distance sampled on a grid for RunnerBody to contour.
class BodyModel {
public:
    /// Sagittal angles of one pose, degrees from straight down, positive forward.
    struct Arm {
        double upper, fore, abduction, foreAbduction;
    };
    struct Leg {
        double thigh, shank, plantarFlexion;
    };
    struct PoseAngles {
        double lean;
        Arm left, right;  // left = +y
        Leg legLeft, legRight;
    };
    /// One piece of the implicit body (defined in BodyModel.cpp).
    struct Primitive;

    static PoseAngles anglesOf(RunnerBody::Pose pose);

    /// How far the upper arms hang out from the trunk when running [degrees]: the model's own
    /// choice, in the frozen mid-stride pose and at every phase of the measured stride (GaitCycle).
    static constexpr double kArmAbductionDeg = 10.0;

    /// The body of height H [m], girth scale g and limb `lengths` in `pose`; mid-stride solves the
    /// front foot's plantar flexion so that the posed body spans H from its lowest to its highest point.
    BodyModel(double H, double g, RunnerBody::Pose pose,
              const SegmentProportions& lengths = SegmentProportions::winter());
    /// The body of height H [m] (standing), girth scale g and limb `lengths` in the given angles, as
    /// they are: a phase of the measured stride (GaitCycle), whose bent legs span less than H.
    BodyModel(double H, double g, const PoseAngles& angles,
              const SegmentProportions& lengths = SegmentProportions::winter());
    BodyModel(const BodyModel&);
    ~BodyModel();

    const PoseAngles& angles() const { return angles_; }
    const std::vector<RunnerBody::Segment>& segments() const { return segments_; }

    /// The lowest point of the body [m] (before placing: the hip is at 0.530 H), and of one foot
    /// (left: +y), both from the primitives' exact extents (blending adds at most kBlend / 4).
    double lowest() const;
    double footLowest(bool left) const;

    /// The smooth union sampled on a regular grid of `cell` [m] that holds every primitive with
    /// margin, so that its zero contour is closed.
    vtkSmartPointer<vtkImageData> sample(double cell) const;

private:
    PoseAngles angles_;
    std::vector<Primitive> primitives_;
    std::vector<RunnerBody::Segment> segments_;
    std::size_t feet_[2] = {0, 0};  // primitives_ index of the right and the left foot
};

}  // namespace drafting::meshes
