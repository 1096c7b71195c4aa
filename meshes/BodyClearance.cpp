#include "meshes/BodyClearance.hpp"

#include <vtkPoints.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace drafting::meshes {

BodyClearance::Side::Side(vtkSmartPointer<vtkPolyData> s) : surface(std::move(s)) {
    distance = vtkSmartPointer<vtkImplicitPolyDataDistance>::New();
    distance->SetInput(surface);
    surface->GetBounds(bounds);
}

// One surface: one distance locator, shared by both sides.
BodyClearance::BodyClearance(vtkSmartPointer<vtkPolyData> surface) : first_(std::move(surface)), second_(first_) {}

BodyClearance::BodyClearance(vtkSmartPointer<vtkPolyData> first, vtkSmartPointer<vtkPolyData> second)
    : first_(std::move(first)), second_(std::move(second)) {}

double BodyClearance::oneWay(const Side& fixed, const Side& moved, double dx, double dy, double farEnough) {
    double smallest = std::numeric_limits<double>::infinity();
    vtkPoints* points = moved.surface->GetPoints();
    const double* b = fixed.bounds;
    for (vtkIdType i = 0; i < points->GetNumberOfPoints(); ++i) {
        double p[3];
        points->GetPoint(i, p);
        p[0] += dx;
        p[1] += dy;
        // Only vertices inside the other body's box (grown by the current best) can matter.
        const double reach = std::isfinite(smallest) ? std::max(smallest, 0.0) : farEnough;
        if (p[0] < b[0] - reach || p[0] > b[1] + reach || p[1] < b[2] - reach || p[1] > b[3] + reach) continue;
        smallest = std::min(smallest, fixed.distance->EvaluateFunction(p));
    }
    return smallest;
}

double BodyClearance::gap(double dx, double dy, double farEnough) const {
    // Bounding boxes apart by more than farEnough: far enough whatever the shapes.
    const double* a = first_.bounds;
    const double* b = second_.bounds;
    const double xApart = std::max(b[0] + dx - a[1], a[0] - (b[1] + dx));
    const double yApart = std::max(b[2] + dy - a[3], a[2] - (b[3] + dy));
    if (xApart > farEnough || yApart > farEnough) return std::numeric_limits<double>::infinity();
    return std::min(oneWay(first_, second_, dx, dy, farEnough), oneWay(second_, first_, -dx, -dy, farEnough));
}

}  // namespace drafting::meshes
