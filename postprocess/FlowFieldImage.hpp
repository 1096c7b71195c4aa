#pragma once
#include <string>

class vtkMultiBlockDataSet;
class vtkPolyData;

namespace drafting::post {

struct FlowImageSpec {
    std::string path;  // PNG
    int width = 1200;
    int height = 500;
    double speedMax = 0.0;  // colour range 0 … speedMax [m/s], fixed so a sweep's images compare
    std::string title;
};

/// Speed on a horizontal slice seen from above (x to the right, y up), with the runners drawn in
/// grey and a scalar bar "|U| [m/s]", rendered off-screen to PNG. Needs an X display (xvfb-run
/// provides one on a headless machine: draft_post_main.cpp).
class FlowFieldImage {
public:
    /// True when DISPLAY is set: Debian's VTK renders through X and aborts without one.
    static bool displayAvailable();

    /// `slice` needs the point array U_magnitude; `surfaces` holds one polydata block per runner.
    /// The view frames the runners: 3.5 m of wake behind the last, 1.5 m ahead of the first.
    /// Throws PostError if the PNG cannot be written.
    static void write(vtkPolyData* slice, vtkMultiBlockDataSet* surfaces, const FlowImageSpec& spec);
};

}  // namespace drafting::post
