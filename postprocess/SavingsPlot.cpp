#include "postprocess/SavingsPlot.hpp"

#include "cases/ValueList.hpp"
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

std::string seriesLabel(const SavingsRow& r) {
    std::string label = r.backGap ? "pacer behind at " + cases::ValueList::format(*r.backGap) + " m"
                                  : "no pacer behind";
    if (r.lateral && *r.lateral != 0.0) label += ", lateral " + cases::ValueList::format(*r.lateral) + " m";
    if (r.formation != "ahead" && r.formation != "ahead-behind") label = r.formation + ": " + label;
    return label;
}

}  // namespace

int SavingsPlot::write(const SavingsTable& table, const std::string& pngPath, const std::string& svgPath,
                       const std::string& title) {
    std::map<std::string, std::vector<std::pair<double, double>>> series;
    for (const auto& r : table.rows()) {
        if (r.status != "ok" || !r.frontGap || !r.savingPct) continue;
        series[seriesLabel(r)].emplace_back(*r.frontGap, *r.savingPct);
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
        std::sort(points.begin(), points.end());
        auto data = vtkSmartPointer<vtkTable>::New();
        vtkNew<vtkDoubleArray> x;
        x->SetName("front gap");
        vtkNew<vtkDoubleArray> y;
        y->SetName(label.c_str());
        data->AddColumn(x);
        data->AddColumn(y);
        data->SetNumberOfRows(static_cast<vtkIdType>(points.size()));
        for (std::size_t i = 0; i < points.size(); ++i) {
            data->SetValue(static_cast<vtkIdType>(i), 0, points[i].first);
            data->SetValue(static_cast<vtkIdType>(i), 1, points[i].second);
        }
        const auto& c = kPalette[index % 8];
        // A single point (e.g. the Breaking4 pair at one gap) is a marker: VTK cannot draw a line through it.
        vtkPlot* line = chart->AddPlot(points.size() > 1 ? vtkChart::LINE : vtkChart::POINTS);
        line->SetInputData(data, 0, 1);
        line->SetColor(c[0], c[1], c[2], 255);
        line->SetWidth(2.5);
        if (auto* pts = vtkPlotPoints::SafeDownCast(line)) {
            pts->SetMarkerStyle(vtkPlotPoints::CIRCLE);
            pts->SetMarkerSize(8);
        }
        tables.push_back(data);
        ++index;
    }

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
