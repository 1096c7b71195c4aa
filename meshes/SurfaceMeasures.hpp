#pragma once
#include <vtkPolyData.h>
#include <vtkType.h>

namespace drafting::meshes {

/// What the runner bodies are checked and described by, measured on a triangle surface: whether it
/// is one closed manifold shell, its frontal area (Cd's reference area) and its enclosed volume.
class SurfaceMeasures {
public:
    struct EdgeDefects {
        vtkIdType open = 0, nonManifold = 0;
        int regions = 0;
        /// No open or non-manifold edge, one connected shell.
        bool closedShell() const { return open == 0 && nonManifold == 0 && regions == 1; }
    };

    static EdgeDefects edgeDefects(vtkPolyData* surface);

    /// Area of the union of the triangles projected on the y-z plane: each triangle fills the
    /// raster cells (of side `cell`) whose centres it covers.
    static double projectedArea(vtkPolyData* surface, double cell);

    /// Enclosed volume by the divergence theorem (positive when the triangles face outwards).
    static double signedVolume(vtkPolyData* surface);
};

}  // namespace drafting::meshes
