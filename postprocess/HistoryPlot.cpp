#include "postprocess/HistoryPlot.hpp"

#include "postprocess/ChartCanvas.hpp"
#include "postprocess/PostError.hpp"

#include <vtkChartXY.h>

#include <cmath>

namespace drafting::post {

namespace {

struct Line {
    std::string label;
    const std::vector<double>* x;
    const std::vector<double>* y;
};

int draw(const std::vector<Line>& lines, const std::string& xTitle, const std::string& yTitle,
         const std::string& pngPath, const std::string& svgPath, const std::string& title) {
    // Finite samples only: a NaN would blank the axis range.
    std::vector<std::pair<std::string, std::vector<std::pair<double, double>>>> series;
    for (const auto& line : lines) {
        std::vector<std::pair<double, double>> points;
        for (std::size_t i = 0; i < line.x->size() && i < line.y->size(); ++i)
            if (std::isfinite((*line.y)[i])) points.emplace_back((*line.x)[i], (*line.y)[i]);
        if (!points.empty()) series.emplace_back(line.label, std::move(points));
    }
    if (series.empty()) return 0;

    ChartCanvas canvas(title, xTitle, yTitle);
    const int n = static_cast<int>(series.size());
    canvas.chart()->SetShowLegend(n <= HistoryPlot::kMaxLegend);
    for (int i = 0; i < n; ++i) canvas.addLine(series[static_cast<std::size_t>(i)].first,
                                               series[static_cast<std::size_t>(i)].second, i);
    canvas.write(pngPath, svgPath);
    return n;
}

}  // namespace

int HistoryPlot::writeSweep(const SavingsTable& table, const std::string& sweepDir, const std::string& pngPath,
                            const std::string& svgPath, const std::string& title) {
    std::vector<std::pair<std::string, ForceHistory>> cases;
    for (const auto& r : table.rows()) {
        const std::string dir = sweepDir + "/" + r.caseName;
        if (r.status != "ok" || !ForceHistory::exists(dir)) continue;
        cases.emplace_back(r.caseName, ForceHistory::read(dir));
    }
    return writeSweep(cases, pngPath, svgPath, title);
}

int HistoryPlot::writeSweep(const std::vector<std::pair<std::string, ForceHistory>>& cases,
                            const std::string& pngPath, const std::string& svgPath, const std::string& title) {
    std::vector<Line> lines;
    bool anyTime = false, anyIteration = false;
    for (const auto& [label, history] : cases) {
        for (const auto& b : history.bodies()) {
            if (b.name != "lead") continue;
            lines.push_back({label, &history.x(), &b.drag});
            (history.isTime() ? anyTime : anyIteration) = true;
        }
    }
    const std::string xTitle = anyTime && anyIteration ? "iteration or time [s]" : anyTime ? "time [s]" : "iteration";
    return draw(lines, xTitle, "lead runner's drag [N]", pngPath, svgPath, title);
}

int HistoryPlot::writeCase(const ForceHistory& history, const std::string& pngPath, const std::string& svgPath,
                           const std::string& title) {
    std::vector<Line> lines;
    for (const auto& b : history.bodies()) lines.push_back({b.name, &history.x(), &b.drag});
    return draw(lines, history.xLabel(), "drag [N]", pngPath, svgPath, title);
}

}  // namespace drafting::post
