#include "postprocess/SavingsPlot.hpp"

#include "postprocess/ChartCanvas.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace drafting::post {

std::string SavingsPlot::fitLabel(const SavingsFit::Curve& curve) {
    char text[96];
    if (curve.status == "exact")
        std::snprintf(text, sizeof(text), "fit, exact through %zu points", curve.gaps.size());
    else
        std::snprintf(text, sizeof(text), "fit, rms misfit %.2f pt over %zu points", curve.rmse, curve.gaps.size());
    return text;  // beside its series in the legend, in its colour, dashed
}

int SavingsPlot::write(const SavingsTable& table, const std::string& pngPath, const std::string& svgPath,
                       const std::string& title, const std::vector<SavingsFit::Curve>& fits) {
    struct Point {
        double gap, saving, error;
    };
    std::map<std::string, std::vector<Point>> series;
    for (const auto& r : table.rows()) {
        if (r.status != "ok" || !r.frontGap || !r.savingPct) continue;
        series[SavingsFit::seriesLabel(r)].push_back({*r.frontGap, *r.savingPct, r.errorBarPct()});
    }
    if (series.empty()) return 0;

    const std::string axis = table.gapDefinition() == "clearance" ? "front gap, clearance (trailing to leading edge) [m]"
                                                                  : "front gap, centre to centre [m]";
    ChartCanvas canvas(title, axis, "lead runner's drag saving vs solo [%]");
    double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
    int index = 0;
    for (auto& [label, points] : series) {
        std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.gap < b.gap; });
        const auto* curve = [&, &label = label]() -> const SavingsFit::Curve* {
            for (const auto& f : fits)
                if (f.label == label && (f.status == "fitted" || f.status == "exact")) return &f;
            return nullptr;
        }();
        std::vector<std::pair<double, double>> xy;
        std::vector<double> errors;
        for (const auto& p : points) {
            xy.emplace_back(p.gap, p.saving);
            errors.push_back(p.error);
            xmin = std::min(xmin, p.gap), xmax = std::max(xmax, p.gap);
            ymin = std::min(ymin, p.saving - p.error), ymax = std::max(ymax, p.saving + p.error);
        }
        // Measured points as markers; the fitted curve (when there is one) is the line through them.
        canvas.addSeries(label, xy, index, curve != nullptr);
        canvas.addErrorBars(label, xy, errors, index);
        if (curve) {
            std::vector<std::pair<double, double>> line;
            const double lo = points.front().gap, hi = points.back().gap;
            for (int i = 0; i <= 60; ++i) {
                const double g = lo + (hi - lo) * i / 60.0;
                line.emplace_back(g, curve->at(g));
            }
            canvas.addLine(fitLabel(*curve), line, index, true, true);
        }
        ++index;
    }
    canvas.fitRanges(xmin, xmax, ymin, ymax);
    canvas.write(pngPath, svgPath);
    return index;
}

}  // namespace drafting::post
