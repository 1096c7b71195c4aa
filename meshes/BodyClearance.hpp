#pragma once
#include <vtkImplicitPolyDataDistance.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

namespace drafting::meshes {

/// The gap between two copies of one closed surface placed side by side on the ground, as
/// runners of a formation are: the smallest signed distance from a vertex of the moved copy to
/// the other (negative: the copies overlap).
class BodyClearance {
public:
    explicit BodyClearance(vtkSmartPointer<vtkPolyData> surface);

    /// Gap [m] between the surface and its copy moved by (dx, dy); +infinity when their bounding
    /// boxes are further apart than `farEnough`.
    double gap(double dx, double dy, double farEnough = 0.5) const;

private:
    double oneWay(double dx, double dy) const;

    vtkSmartPointer<vtkPolyData> surface_;
    vtkSmartPointer<vtkImplicitPolyDataDistance> distance_;
    double bounds_[6] = {0, 0, 0, 0, 0, 0};
};

}  // namespace drafting::meshes
