#pragma once
#include <string>

#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// The lead runner's drag saving against front gap, one line per rear gap (and lateral
/// offset), rendered off-screen with VTK's charts to PNG and SVG. Needs an X display
/// (xvfb-run provides one on a headless machine); failed cases are never plotted.
class SavingsPlot {
public:
    /// Returns the number of series drawn (0: nothing with a front gap to plot, no files).
    static int write(const SavingsTable& table, const std::string& pngPath, const std::string& svgPath,
                     const std::string& title);
};

}  // namespace drafting::post
