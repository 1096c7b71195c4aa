#pragma once
#include <string>

#include <vector>

#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// The lead runner's drag saving against front gap, one line per rear gap (and lateral
/// offset), rendered off-screen with VTK's charts to PNG and SVG. Needs an X display
/// (xvfb-run provides one on a headless machine); failed cases are never plotted.
class SavingsPlot {
public:
    /// Measured points carry error bars (95 % averaging interval and GCI in quadrature); a
    /// series with a fitted curve in `fits` gets it as a dashed line. Returns the number of
    /// series drawn (0: nothing with a front gap to plot, no files).
    static int write(const SavingsTable& table, const std::string& pngPath, const std::string& svgPath,
                     const std::string& title, const std::vector<SavingsFit::Curve>& fits = {});

    /// The fitted curve's legend entry, listed after its series in the same colour: how well it fits
    /// (the rms misfit in points over how many points; a curve through two points fits them exactly
    /// and says so).
    static std::string fitLabel(const SavingsFit::Curve& curve);
};

}  // namespace drafting::post
