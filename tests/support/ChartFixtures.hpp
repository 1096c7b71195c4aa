#pragma once
// What the chart tests share: a sweep on disk to draw, an X display to draw on, and the check
// that a chart was drawn.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::test {

/// One case of a sweep to draw: its name, manifest parameters, status, and drags (lead first).
struct ChartCase {
    std::string name;
    nlohmann::json parameters;
    std::string status;
    std::vector<double> drags;
};

/// A sweep at 6.7 m/s in `dir`: its manifest and each case's results.json.
void writeChartSweep(const std::string& dir, const std::vector<ChartCase>& cases);

/// Whether this process can render: VTK draws through X (draft-post re-runs itself under
/// xvfb-run). Without a display the current test runs itself again under xvfb-run, as draft-post
/// does, and the caller returns: that run's verdict is the test's.
bool canRender();

/// The PNG has the chart's size, is not one flat colour and shows the first series' colour; the
/// SVG is the same chart.
void expectChart(const std::string& png, const std::string& svg);

}  // namespace drafting::test
