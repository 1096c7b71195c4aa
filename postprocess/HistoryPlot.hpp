#pragma once
#include <string>
#include <utility>
#include <vector>

#include "postprocess/ForceHistory.hpp"
#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// Convergence histories: drag against iteration (steady) or time (transient), rendered
/// off-screen with VTK's charts to PNG and SVG like SavingsPlot (needs an X display; xvfb-run
/// provides one). Non-finite samples are left out of the lines.
class HistoryPlot {
public:
    /// One chart per sweep: the lead runner's drag history of every ok case of `table`, one
    /// line per case, read from SWEEPDIR/<case>. A case without postProcessing/runnerDrag is
    /// left out; a malformed history throws PostError. Returns the number of lines (0: no files).
    static int writeSweep(const SavingsTable& table, const std::string& sweepDir, const std::string& pngPath,
                          const std::string& svgPath, const std::string& title);

    /// The same from histories already read: (legend label, history) per line.
    static int writeSweep(const std::vector<std::pair<std::string, ForceHistory>>& cases, const std::string& pngPath,
                          const std::string& svgPath, const std::string& title);

    /// One case: the drag history of each of its runners, one line per runner. Returns the
    /// number of lines (0: no files).
    static int writeCase(const ForceHistory& history, const std::string& pngPath, const std::string& svgPath,
                         const std::string& title);

    /// Above this many lines the legend would cover the chart, so none is drawn.
    static constexpr int kMaxLegend = 12;
};

}  // namespace drafting::post
