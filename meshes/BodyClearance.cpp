#include "meshes/BodyClearance.hpp"

#include <vtkPoints.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace drafting::meshes {

BodyClearance::BodyClearance(vtkSmartPointer<vtkPolyData> surface) : surface_(std::move(surface)) {
    distance_ = vtkSmartPointer<vtkImplicitPolyDataDistance>::New();
    distance_->SetInput(surface_);
    surface_->GetBounds(bounds_);
}

double BodyClearance::oneWay(double dx, double dy) const {
    // Vertices of the copy at (dx, dy) measured against the surface at the origin.
    double smallest = std::numeric_limits<double>::infinity();
    vtkPoints* points = surface_->GetPoints();
    for (vtkIdType i = 0; i < points->GetNumberOfPoints(); ++i) {
        double p[3];
        points->GetPoint(i, p);
        p[0] += dx;
        p[1] += dy;
        // Only vertices inside the other body's box (grown by the current best) can matter.
        const double reach = std::isfinite(smallest) ? std::max(smallest, 0.0) : 0.5;
        if (p[0] < bounds_[0] - reach || p[0] > bounds_[1] + reach || p[1] < bounds_[2] - reach ||
            p[1] > bounds_[3] + reach)
            continue;
        smallest = std::min(smallest, distance_->EvaluateFunction(p));
    }
    return smallest;
}

double BodyClearance::gap(double dx, double dy, double farEnough) const {
    const double width = bounds_[3] - bounds_[2], depth = bounds_[1] - bounds_[0];
    if (std::abs(dx) > depth + farEnough || std::abs(dy) > width + farEnough)
        return std::numeric_limits<double>::infinity();
    return std::min(oneWay(dx, dy), oneWay(-dx, -dy));
}

}  // namespace drafting::meshes
