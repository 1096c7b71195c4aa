#include "postprocess/ChartCanvas.hpp"

#include "postprocess/PostError.hpp"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkPNGWriter.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSVGExporter.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>

namespace drafting::post {

namespace {

// A categorical palette that stays readable for colour-blind readers: Okabe & Ito (2008), then the
// darker colours of Paul Tol's "muted" scheme (wine, olive, indigo, teal), so that as many series as a
// history legend lists (HistoryPlot::kMaxLegend) each have their own colour.
const unsigned char kPalette[][3] = {{0, 114, 178}, {213, 94, 0},  {0, 158, 115}, {204, 121, 167},
                                     {230, 159, 0}, {86, 180, 233}, {0, 0, 0},     {240, 228, 66},
                                     {136, 34, 85}, {153, 153, 51}, {51, 34, 136},  {68, 170, 153}};
constexpr int kColours = sizeof(kPalette) / sizeof(kPalette[0]);
const int kLineTypes[] = {vtkPen::SOLID_LINE, vtkPen::DASH_LINE, vtkPen::DOT_LINE, vtkPen::DASH_DOT_LINE};

vtkSmartPointer<vtkTable> twoColumns(const std::string& y, const std::vector<std::pair<double, double>>& points) {
    auto data = vtkSmartPointer<vtkTable>::New();
    vtkNew<vtkDoubleArray> xs;
    xs->SetName("x");
    vtkNew<vtkDoubleArray> ys;
    ys->SetName(y.c_str());
    data->AddColumn(xs);
    data->AddColumn(ys);
    data->SetNumberOfRows(static_cast<vtkIdType>(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) {
        data->SetValue(static_cast<vtkIdType>(i), 0, points[i].first);
        data->SetValue(static_cast<vtkIdType>(i), 1, points[i].second);
    }
    return data;
}

void paint(vtkPlot* plot, int index) {
    const auto c = ChartCanvas::colour(index);
    plot->SetColor(c[0], c[1], c[2], 255);
}

}  // namespace

std::array<unsigned char, 3> ChartCanvas::colour(int index) {
    const auto& c = kPalette[index % kColours];
    return {c[0], c[1], c[2]};
}

int ChartCanvas::distinctColours() { return kColours; }

ChartCanvas::ChartCanvas(const std::string& title, const std::string& xTitle, const std::string& yTitle) {
    view_->GetRenderWindow()->SetOffScreenRendering(1);
    view_->GetRenderWindow()->SetSize(kWidth, kHeight);
    view_->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
    view_->GetScene()->AddItem(chart_);
    chart_->SetTitle(title);
    chart_->GetTitleProperties()->SetFontSize(16);
    chart_->GetAxis(vtkAxis::BOTTOM)->SetTitle(xTitle);
    chart_->GetAxis(vtkAxis::LEFT)->SetTitle(yTitle);
    chart_->SetShowLegend(true);
    // Beside the plot area, not inside it: a legend in a corner covered the points that fell there.
    chart_->GetLegend()->SetInline(false);
    chart_->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    chart_->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
}

ChartCanvas::~ChartCanvas() = default;

vtkChartXY* ChartCanvas::chart() { return chart_; }

vtkPlot* ChartCanvas::addSeries(const std::string& label, const std::vector<std::pair<double, double>>& points,
                                int index, bool markersOnly) {
    auto data = twoColumns(label, points);
    vtkPlot* plot = chart_->AddPlot(markersOnly || points.size() == 1 ? vtkChart::POINTS : vtkChart::LINE);
    plot->SetInputData(data, 0, 1);
    paint(plot, index);
    plot->SetWidth(2.5);
    plot->GetPen()->SetLineType(kLineTypes[(index / kColours) % 4]);
    if (auto* pts = vtkPlotPoints::SafeDownCast(plot)) {
        pts->SetMarkerStyle(vtkPlotPoints::CIRCLE);
        pts->SetMarkerSize(8);
    }
    tables_.push_back(data);
    return plot;
}

vtkPlot* ChartCanvas::addLine(const std::string& label, const std::vector<std::pair<double, double>>& points,
                              int index, bool dashed, bool inLegend) {
    if (points.size() < 2) return addSeries(label, points, index, true);
    auto data = twoColumns(label, points);
    vtkPlot* plot = chart_->AddPlot(vtkChart::LINE);
    plot->SetInputData(data, 0, 1);
    paint(plot, index);
    plot->SetWidth(2.0);
    plot->GetPen()->SetLineType(dashed ? vtkPen::DASH_LINE : kLineTypes[(index / kColours) % 4]);
    plot->SetLegendVisibility(inLegend);
    tables_.push_back(data);
    return plot;
}

void ChartCanvas::addErrorBars(const std::string& label, const std::vector<std::pair<double, double>>& points,
                               const std::vector<double>& errors, int index) {
    std::vector<std::pair<double, double>> bars;
    for (std::size_t i = 0; i < points.size() && i < errors.size(); ++i) {
        if (!(errors[i] > 0.0)) continue;
        bars.emplace_back(points[i].first, points[i].second - errors[i]);
        bars.emplace_back(points[i].first, points[i].second + errors[i]);
    }
    if (bars.empty()) return;
    auto data = twoColumns(label + " (error bars)", bars);
    auto* line = vtkPlotLine::SafeDownCast(chart_->AddPlot(vtkChart::LINE));
    line->SetPolyLine(false);
    line->SetInputData(data, 0, 1);
    paint(line, index);
    line->SetWidth(1.5);
    line->SetLegendVisibility(false);
    tables_.push_back(data);
}

void ChartCanvas::fitRanges(double xmin, double xmax, double ymin, double ymax) {
    const double xpad = std::max(0.05 * (xmax - xmin), 0.1), ypad = std::max(0.08 * (ymax - ymin), 2.0);
    chart_->GetAxis(vtkAxis::BOTTOM)->SetBehavior(vtkAxis::FIXED);
    chart_->GetAxis(vtkAxis::BOTTOM)->SetRange(xmin - xpad, xmax + xpad);
    chart_->GetAxis(vtkAxis::LEFT)->SetBehavior(vtkAxis::FIXED);
    chart_->GetAxis(vtkAxis::LEFT)->SetRange(ymin - ypad, ymax + ypad);
}

void ChartCanvas::write(const std::string& pngPath, const std::string& svgPath) {
    view_->GetRenderWindow()->Render();
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(view_->GetRenderWindow());
    grab->Update();
    vtkNew<vtkPNGWriter> png;
    png->SetFileName(pngPath.c_str());
    png->SetInputConnection(grab->GetOutputPort());
    png->Write();
    if (png->GetErrorCode() != 0) throw PostError("cannot write " + pngPath);

    vtkNew<vtkSVGExporter> svg;
    svg->SetRenderWindow(view_->GetRenderWindow());
    svg->SetFileName(svgPath.c_str());
    svg->Write();
}

}  // namespace drafting::post
