#include "postprocess/PacerDragPlot.hpp"

#include "common/ValueList.hpp"
#include "postprocess/ChartCanvas.hpp"
#include "postprocess/PostError.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

namespace drafting::post {

namespace {

struct Point {
    double gap, saving, error;
};

struct Series {
    std::string label;
    std::tuple<int, int, double, double> order;  // formation, pacer, second gap, lateral
    std::vector<Point> points;
};

}  // namespace

int PacerDragPlot::write(const SavingsTable& table, const std::string& pngPath, const std::string& svgPath,
                         const std::string& title) {
    // The x axis is the front gap; a formation without one (behind) is plotted against its back gap.
    const auto usable = [](const SavingsRow& r) { return r.status == "ok" && (r.frontGap || r.backGap); };

    // A formation sweeping a second gap or the lateral offset would zigzag on one line: those
    // values split its series, and only then are they named in the legend.
    std::map<std::string, std::set<std::optional<double>>> seconds, laterals;
    std::vector<std::string> formations;
    for (const auto& r : table.rows()) {
        if (!usable(r)) continue;
        if (std::find(formations.begin(), formations.end(), r.formation) == formations.end())
            formations.push_back(r.formation);
        seconds[r.formation].insert(r.frontGap ? r.backGap : std::nullopt);
        laterals[r.formation].insert(r.lateral);
    }

    std::vector<Series> series;
    std::set<std::string> againstBack;
    bool againstFront = false;
    for (const auto& r : table.rows()) {
        if (!usable(r)) continue;
        const double gap = r.frontGap ? *r.frontGap : *r.backGap;
        if (r.frontGap)
            againstFront = true;
        else
            againstBack.insert(r.formation);
        const bool splitSecond = seconds[r.formation].size() > 1, splitLateral = laterals[r.formation].size() > 1;
        const int formation = static_cast<int>(std::find(formations.begin(), formations.end(), r.formation) -
                                               formations.begin());
        for (std::size_t b = 0; b < r.bodies.size(); ++b) {
            const BodySaving& body = r.bodies[b];
            if (body.body == "lead" || !body.savingPct || !std::isfinite(*body.savingPct)) continue;
            std::string label = r.formation + ": " + body.body;
            double second = -std::numeric_limits<double>::infinity(), lateral = second;
            if (splitSecond && r.frontGap) {
                label += r.backGap ? ", back gap " + common::ValueList::format(*r.backGap) + " m" : ", no back gap";
                if (r.backGap) second = *r.backGap;
            }
            if (splitLateral) {
                label += ", lateral " + common::ValueList::format(r.lateral.value_or(0.0)) + " m";
                lateral = r.lateral.value_or(0.0);
            }
            auto it = std::find_if(series.begin(), series.end(), [&](const Series& s) { return s.label == label; });
            if (it == series.end()) {
                series.push_back({label, {formation, static_cast<int>(b), second, lateral}, {}});
                it = series.end() - 1;
            }
            it->points.push_back({gap, *body.savingPct, body.errorBarPct()});
        }
    }
    if (series.empty()) return 0;
    std::sort(series.begin(), series.end(), [](const Series& a, const Series& b) { return a.order < b.order; });

    std::string xTitle = "front gap, centre to centre [m]";
    if (!againstBack.empty()) {
        std::string names;
        for (const auto& f : againstBack) names += (names.empty() ? "" : ", ") + f;
        xTitle = againstFront ? "front gap (" + names + ": back gap), centre to centre [m]"
                              : "back gap, centre to centre [m]";
    }

    ChartCanvas canvas(title, xTitle, "pacer's own drag saving vs solo [%]");
    // Room around the points: a point on the frame was drawn half outside it.
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    for (const auto& s : series)
        for (const auto& p : s.points) {
            xmin = std::min(xmin, p.gap);
            xmax = std::max(xmax, p.gap);
            ymin = std::min(ymin, p.saving - p.error);
            ymax = std::max(ymax, p.saving + p.error);
        }
    canvas.fitRanges(xmin, xmax, ymin, ymax);
    int index = 0;
    for (auto& s : series) {
        std::sort(s.points.begin(), s.points.end(), [](const Point& a, const Point& b) { return a.gap < b.gap; });
        std::vector<std::pair<double, double>> xy;
        std::vector<double> errors;
        for (const auto& p : s.points) {
            xy.emplace_back(p.gap, p.saving);
            errors.push_back(p.error);
        }
        canvas.addSeries(s.label, xy, index);
        canvas.addErrorBars(s.label, xy, errors, index);
        ++index;
    }
    canvas.write(pngPath, svgPath);
    return index;
}

}  // namespace drafting::post
