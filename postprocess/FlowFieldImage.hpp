#pragma once
#include <string>
#include <vector>

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

/// What a speed image shows besides the colours, in pixels of the PNG (x from the left, y from the
/// bottom, as VTK counts): where its length scale bar lies and where each runner's name stands.
struct FlowImageMarks {
    double scaleBarM = 0.0;       // the bar's length [m]
    double pixelsPerMetre = 0.0;  // the view's scale
    int barX0 = 0, barX1 = 0, barY = 0;
    struct Label {
        std::string text;
        int x = 0, y = 0;  // the text's centre
    };
    std::vector<Label> labels;  // one per runner, its block name (lead, pacer1, ...)
};

/// Speed on a horizontal slice seen from above (x to the right, y up), with the runners drawn in
/// grey and named, a length scale bar and a scalar bar "|U| [m/s]", rendered off-screen to PNG. Needs an X display (xvfb-run
/// provides one on a headless machine: draft_post_main.cpp).
class FlowFieldImage {
public:
    /// True when DISPLAY is set: Debian's VTK renders through X and aborts without one.
    static bool displayAvailable();

    /// `slice` needs the point array U_magnitude; `surfaces` holds one polydata block per runner.
    /// The view frames the runners: 3.5 m of wake behind the last, 1.5 m ahead of the first.
    /// Throws PostError if the PNG cannot be written.
    static FlowImageMarks write(vtkPolyData* slice, vtkMultiBlockDataSet* surfaces, const FlowImageSpec& spec);

    /// The scale bar's length for a view `visibleWidthM` wide: the longest of 0.25, 0.5, 1, 2, 5 and
    /// 10 m that is at most a fifth of it (at least 0.25 m).
    static double scaleBarLength(double visibleWidthM);
};

}  // namespace drafting::post
