#include "postprocess/ComparisonPlot.hpp"

#include "postprocess/ChartCanvas.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

namespace drafting::post {

int ComparisonPlot::write(const SweepComparison& comparison, const std::string& pngPath, const std::string& svgPath,
                          const std::string& title) {
    std::set<std::string> seriesNames;
    for (const auto& row : comparison.rows())
        if (row.frontGap) seriesNames.insert(row.series);
    const bool oneSeries = seriesNames.size() <= 1;

    // In the order of the sweeps (the reference first), then of the series.
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::tuple<double, double, double>>> points;  // gap, saving, error
    const auto& sweeps = comparison.sweeps();
    for (std::size_t i = 0; i < sweeps.size(); ++i) {
        for (const auto& series : seriesNames) {
            const std::string label = oneSeries ? sweeps[i].label : sweeps[i].label + ", " + series;
            for (const auto& row : comparison.rows()) {
                const auto& cell = row.cells[i];
                if (row.series != series || !row.frontGap || !cell.savingPct) continue;
                if (!points.count(label)) order.push_back(label);
                points[label].emplace_back(*row.frontGap, *cell.savingPct, cell.savingIterPct.value_or(0.0));
            }
        }
    }
    if (order.empty()) return 0;

    ChartCanvas canvas(title,
                       sweeps.back().table.gapDefinition() == "clearance"
                           ? "front gap, clearance (trailing to leading edge) [m]"
                           : "front gap, centre to centre [m]",
                       "lead runner's drag saving vs her solo [%]");
    double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
    int index = 0;
    for (const auto& label : order) {
        auto& p = points[label];
        std::sort(p.begin(), p.end());
        std::vector<std::pair<double, double>> xy;
        std::vector<double> errors;
        for (const auto& [gap, saving, error] : p) {
            xy.emplace_back(gap, saving);
            errors.push_back(error);
            xmin = std::min(xmin, gap), xmax = std::max(xmax, gap);
            ymin = std::min(ymin, saving - error), ymax = std::max(ymax, saving + error);
        }
        canvas.addSeries(label, xy, index);
        canvas.addErrorBars(label, xy, errors, index);
        ++index;
    }
    canvas.fitRanges(xmin, xmax, ymin, ymax);
    canvas.write(pngPath, svgPath);
    return index;
}

}  // namespace drafting::post
