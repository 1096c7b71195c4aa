#include "postprocess/SavingsPlot.hpp"

#include "postprocess/PostError.hpp"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkPlot.h>
#include <vtkPen.h>
#include <vtkPlotLine.h>
#include <vtkPlotPoints.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSVGExporter.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace drafting::post {

namespace {

// A categorical palette that stays readable for colour-blind readers (Okabe & Ito 2008).
const unsigned char kPalette[][3] = {{0, 114, 178}, {213, 94, 0}, {0, 158, 115}, {204, 121, 167},
                                     {230, 159, 0}, {86, 180, 233}, {0, 0, 0},     {240, 228, 66}};

vtkSmartPointer<vtkTable> twoColumns(const std::string& x, const std::string& y,
                                     const std::vector<std::pair<double, double>>& points) {
    auto data = vtkSmartPointer<vtkTable>::New();
    vtkNew<vtkDoubleArray> xs;
    xs->SetName(x.c_str());
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

}  // namespace

int SavingsPlot::write(const SavingsTable& table, const std::string& pngPath, const std::string& svgPath,
                       const std::string& title, const std::vector<SavingsFit::Curve>& fits) {
    struct Point {
        double gap, saving, error;
    };
    std::map<std::string, std::vector<Point>> series;
    for (const auto& r : table.rows()) {
        if (r.status != "ok" || !r.frontGap || !r.savingPct) continue;
        const double ci = r.savingCi95Pct.value_or(0.0), gci = r.savingGciPct.value_or(0.0);
        series[SavingsFit::seriesLabel(r)].push_back({*r.frontGap, *r.savingPct, std::sqrt(ci * ci + gci * gci)});
    }
    if (series.empty()) return 0;

    vtkNew<vtkContextView> view;
    view->GetRenderWindow()->SetOffScreenRendering(1);
    view->GetRenderWindow()->SetSize(900, 560);
    view->GetRenderer()->SetBackground(1.0, 1.0, 1.0);

    vtkNew<vtkChartXY> chart;
    view->GetScene()->AddItem(chart);
    chart->SetTitle(title);
    chart->GetTitleProperties()->SetFontSize(16);
    chart->GetAxis(vtkAxis::BOTTOM)->SetTitle("front gap, centre to centre [m]");
    chart->GetAxis(vtkAxis::LEFT)->SetTitle("lead runner's drag saving vs solo [%]");
    chart->SetShowLegend(true);
    chart->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    chart->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);

    std::vector<vtkSmartPointer<vtkTable>> tables;  // the chart keeps raw pointers to its inputs
    int index = 0;
    for (auto& [label, points] : series) {
        std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.gap < b.gap; });
        const auto& c = kPalette[index % 8];
        const auto* curve = [&]() -> const SavingsFit::Curve* {
            for (const auto& f : fits)
                if (f.label == label && (f.status == "fitted" || f.status == "exact")) return &f;
            return nullptr;
        }();
        // Measured points as markers; the fitted curve (when there is one) as the line through them.
        std::vector<std::pair<double, double>> xy;
        for (const auto& p : points) xy.emplace_back(p.gap, p.saving);
        auto data = twoColumns("front gap", label, xy);
        vtkPlot* marks = chart->AddPlot(curve || points.size() == 1 ? vtkChart::POINTS : vtkChart::LINE);
        marks->SetInputData(data, 0, 1);
        marks->SetColor(c[0], c[1], c[2], 255);
        marks->SetWidth(2.5);
        if (auto* pts = vtkPlotPoints::SafeDownCast(marks)) {
            pts->SetMarkerStyle(vtkPlotPoints::CIRCLE);
            pts->SetMarkerSize(8);
        }
        tables.push_back(data);

        // Error bars: VTK charts have none, so pairs of points drawn as separate segments.
        std::vector<std::pair<double, double>> bars;
        for (const auto& p : points) {
            if (p.error <= 0.0) continue;
            bars.emplace_back(p.gap, p.saving - p.error);
            bars.emplace_back(p.gap, p.saving + p.error);
        }
        if (!bars.empty()) {
            auto barData = twoColumns("front gap", label + " (95 % / GCI)", bars);
            auto* barLine = vtkPlotLine::SafeDownCast(chart->AddPlot(vtkChart::LINE));
            barLine->SetPolyLine(false);
            barLine->SetInputData(barData, 0, 1);
            barLine->SetColor(c[0], c[1], c[2], 255);
            barLine->SetWidth(1.5);
            barLine->SetLegendVisibility(false);
            tables.push_back(barData);
        }
        if (curve) {
            std::vector<std::pair<double, double>> line;
            const double lo = points.front().gap, hi = points.back().gap;
            for (int i = 0; i <= 60; ++i) {
                const double g = lo + (hi - lo) * i / 60.0;
                line.emplace_back(g, curve->at(g));
            }
            auto fitData = twoColumns("front gap", label + " fit", line);
            vtkPlot* fitLine = chart->AddPlot(vtkChart::LINE);
            fitLine->SetInputData(fitData, 0, 1);
            fitLine->SetColor(c[0], c[1], c[2], 255);
            fitLine->SetWidth(2.0);
            fitLine->GetPen()->SetLineType(vtkPen::DASH_LINE);
            fitLine->SetLegendVisibility(false);
            tables.push_back(fitData);
        }
        ++index;
    }

    // Fixed ranges with a margin, so the first and last gaps are not drawn on the frame.
    double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
    for (const auto& [label, points] : series) {
        for (const auto& p : points) {
            xmin = std::min(xmin, p.gap), xmax = std::max(xmax, p.gap);
            ymin = std::min(ymin, p.saving - p.error), ymax = std::max(ymax, p.saving + p.error);
        }
    }
    const double xpad = std::max(0.05 * (xmax - xmin), 0.1), ypad = std::max(0.08 * (ymax - ymin), 2.0);
    chart->GetAxis(vtkAxis::BOTTOM)->SetBehavior(vtkAxis::FIXED);
    chart->GetAxis(vtkAxis::BOTTOM)->SetRange(xmin - xpad, xmax + xpad);
    chart->GetAxis(vtkAxis::LEFT)->SetBehavior(vtkAxis::FIXED);
    chart->GetAxis(vtkAxis::LEFT)->SetRange(ymin - ypad, ymax + ypad);

    view->GetRenderWindow()->Render();
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(view->GetRenderWindow());
    grab->Update();
    vtkNew<vtkPNGWriter> png;
    png->SetFileName(pngPath.c_str());
    png->SetInputConnection(grab->GetOutputPort());
    png->Write();
    if (png->GetErrorCode() != 0) throw PostError("cannot write " + pngPath);

    vtkNew<vtkSVGExporter> svg;
    svg->SetRenderWindow(view->GetRenderWindow());
    svg->SetFileName(svgPath.c_str());
    svg->Write();
    return index;
}

}  // namespace drafting::post
