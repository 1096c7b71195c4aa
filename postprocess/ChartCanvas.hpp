#pragma once
#include <array>
#include <string>
#include <utility>
#include <vector>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkChartXY;
class vtkContextView;
class vtkPlot;
class vtkTable;

namespace drafting::post {

/// One off-screen VTK chart written as PNG and SVG: the look every draft-post plot shares
/// (kWidth × kHeight, white, a colour-blind palette, the legend beside the plot area at its top
/// right, never over the data). Needs an X display (draft-post's main re-runs it under xvfb-run).
class ChartCanvas {
public:
    static constexpr int kWidth = 1100;
    static constexpr int kHeight = 560;

    /// Series `index`'s colour (RGB); past distinctColours() they repeat with another dash pattern.
    static std::array<unsigned char, 3> colour(int index);
    static int distinctColours();

    ChartCanvas(const std::string& title, const std::string& xTitle, const std::string& yTitle);
    ~ChartCanvas();

    vtkChartXY* chart();

    /// A measured series: markers (and a line through them unless `markersOnly`). VTK draws no
    /// line through one point, so a single point is always a marker. Series `index` picks the
    /// colour; past distinctColours() series the dash pattern changes.
    vtkPlot* addSeries(const std::string& label, const std::vector<std::pair<double, double>>& points, int index,
                       bool markersOnly = false);
    /// A plain line without markers (histories, fitted curves), optionally dashed and unlisted.
    vtkPlot* addLine(const std::string& label, const std::vector<std::pair<double, double>>& points, int index,
                     bool dashed = false, bool inLegend = true);
    /// Vertical error bars at x from y − e to y + e (VTK charts have none: segment pairs).
    void addErrorBars(const std::string& label, const std::vector<std::pair<double, double>>& points,
                      const std::vector<double>& errors, int index);
    /// Fixed axis ranges with a margin, so the first and last points are not drawn on the frame.
    void fitRanges(double xmin, double xmax, double ymin, double ymax);

    void write(const std::string& pngPath, const std::string& svgPath);

private:
    vtkNew<vtkContextView> view_;
    vtkNew<vtkChartXY> chart_;
    std::vector<vtkSmartPointer<vtkTable>> tables_;  // the chart keeps raw pointers to its inputs
};

}  // namespace drafting::post
