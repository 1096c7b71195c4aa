#pragma once
#include <string>

#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// The pacers' own drag: each pacer's saving against running alone (BodySaving::savingPct)
/// against the front gap, or the back gap for a formation without a front gap (behind), one
/// series per formation and pacer, rendered off-screen with VTK's charts to PNG and SVG like
/// SavingsPlot. Error bars: the 95 % averaging interval and, when attached, the GCI in
/// quadrature. A formation sweeping a second gap or lateral offset gets one series per value.
class PacerDragPlot {
public:
    /// Returns the number of series drawn (0: no ok case with pacers and a gap, no files).
    static int write(const SavingsTable& table, const std::string& pngPath, const std::string& svgPath,
                     const std::string& title);
};

}  // namespace drafting::post
