#include "meshes/SurfaceMeasures.hpp"

#include <vtkCellArray.h>
#include <vtkFeatureEdges.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyDataConnectivityFilter.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace drafting::meshes {

SurfaceMeasures::EdgeDefects SurfaceMeasures::edgeDefects(vtkPolyData* surface) {
    EdgeDefects d;
    auto count = [surface](bool boundary) {
        vtkNew<vtkFeatureEdges> edges;
        edges->SetInputData(surface);
        edges->FeatureEdgesOff();
        edges->ManifoldEdgesOff();
        edges->SetBoundaryEdges(boundary);
        edges->SetNonManifoldEdges(!boundary);
        edges->Update();
        return edges->GetOutput()->GetNumberOfLines();
    };
    d.open = count(true);
    d.nonManifold = count(false);
    vtkNew<vtkPolyDataConnectivityFilter> connectivity;
    connectivity->SetInputData(surface);
    connectivity->SetExtractionModeToAllRegions();
    connectivity->Update();
    d.regions = connectivity->GetNumberOfExtractedRegions();
    return d;
}

double SurfaceMeasures::projectedArea(vtkPolyData* surface, double cell) {
    double b[6];
    surface->GetBounds(b);
    const double y0 = b[2] - cell, z0 = b[4] - cell;
    const int ny = static_cast<int>(std::ceil((b[3] - y0) / cell)) + 2, nz = static_cast<int>(std::ceil((b[5] - z0) / cell)) + 2;
    std::vector<unsigned char> covered(static_cast<size_t>(ny) * nz, 0);
    vtkPoints* pts = surface->GetPoints();
    vtkIdType npts = 0;
    const vtkIdType* ids = nullptr;
    auto polys = surface->GetPolys();
    for (polys->InitTraversal(); polys->GetNextCell(npts, ids);) {
        if (npts != 3) continue;
        double p[3][3];
        for (int v = 0; v < 3; ++v) pts->GetPoint(ids[v], p[v]);
        const double ay = p[0][1], az = p[0][2], by = p[1][1], bz = p[1][2], cy = p[2][1], cz = p[2][2];
        const double area2 = (by - ay) * (cz - az) - (bz - az) * (cy - ay);
        if (std::abs(area2) < 1e-18) continue;  // edge-on: its neighbours cover the silhouette
        const double s = area2 > 0 ? 1.0 : -1.0;
        const int j0 = std::max(0, static_cast<int>(std::floor((std::min({ay, by, cy}) - y0) / cell - 0.5)));
        const int j1 = std::min(ny - 1, static_cast<int>(std::ceil((std::max({ay, by, cy}) - y0) / cell - 0.5)));
        const int k0 = std::max(0, static_cast<int>(std::floor((std::min({az, bz, cz}) - z0) / cell - 0.5)));
        const int k1 = std::min(nz - 1, static_cast<int>(std::ceil((std::max({az, bz, cz}) - z0) / cell - 0.5)));
        for (int k = k0; k <= k1; ++k) {
            const double z = z0 + (k + 0.5) * cell;
            for (int j = j0; j <= j1; ++j) {
                const double y = y0 + (j + 0.5) * cell;
                const double w0 = s * ((by - ay) * (z - az) - (bz - az) * (y - ay));
                const double w1 = s * ((cy - by) * (z - bz) - (cz - bz) * (y - by));
                const double w2 = s * ((ay - cy) * (z - cz) - (az - cz) * (y - cy));
                if (w0 >= 0 && w1 >= 0 && w2 >= 0) covered[static_cast<size_t>(k) * ny + j] = 1;
            }
        }
    }
    return static_cast<double>(std::count(covered.begin(), covered.end(), 1)) * cell * cell;
}

double SurfaceMeasures::signedVolume(vtkPolyData* surface) {
    vtkPoints* pts = surface->GetPoints();
    vtkIdType npts = 0;
    const vtkIdType* ids = nullptr;
    double sum = 0.0;
    auto polys = surface->GetPolys();
    for (polys->InitTraversal(); polys->GetNextCell(npts, ids);) {
        if (npts != 3) continue;
        double a[3], b[3], c[3];
        pts->GetPoint(ids[0], a);
        pts->GetPoint(ids[1], b);
        pts->GetPoint(ids[2], c);
        sum += a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
    }
    return sum / 6.0;
}

}  // namespace drafting::meshes
