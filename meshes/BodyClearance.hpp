#pragma once
#include <vtkImplicitPolyDataDistance.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

namespace drafting::meshes {

/// The gap between two closed surfaces placed side by side on the ground, as runners of a
/// formation are: the smallest signed distance from a vertex of one to the other (negative: they
/// overlap). The two may be one surface (identical runners) or two (runners of their own size).
class BodyClearance {
public:
    explicit BodyClearance(vtkSmartPointer<vtkPolyData> surface);
    /// `first` stays where it is; gap() moves `second`.
    BodyClearance(vtkSmartPointer<vtkPolyData> first, vtkSmartPointer<vtkPolyData> second);

    /// Gap [m] between the first surface and the second moved by (dx, dy); +infinity when their
    /// bounding boxes are further apart than `farEnough`.
    double gap(double dx, double dy, double farEnough = 0.5) const;

private:
    struct Side {
        vtkSmartPointer<vtkPolyData> surface;
        vtkSmartPointer<vtkImplicitPolyDataDistance> distance;
        double bounds[6] = {0, 0, 0, 0, 0, 0};
        explicit Side(vtkSmartPointer<vtkPolyData> s);
    };

    /// The vertices of `moved`, shifted by (dx, dy), measured against `fixed`; only those within
    /// `farEnough` of its box (then within the smallest gap found so far).
    static double oneWay(const Side& fixed, const Side& moved, double dx, double dy, double farEnough);

    Side first_, second_;
};

}  // namespace drafting::meshes
