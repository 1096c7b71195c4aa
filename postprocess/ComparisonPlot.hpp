#pragma once
#include <string>

#include "postprocess/SweepComparison.hpp"

namespace drafting::post {

/// The lead's saving against front gap in every sweep of a SweepComparison, one line per sweep (and
/// per rear gap, lateral offset or pacer height where the cases have several), with the iterative
/// error bars: the report's picture of what each factor does. PNG and SVG, off-screen (needs an X
/// display, as every draft-post plot).
class ComparisonPlot {
public:
    /// Returns the number of series drawn (0: no case with a front gap and a saving; no files).
    static int write(const SweepComparison& comparison, const std::string& pngPath, const std::string& svgPath,
                     const std::string& title);
};

}  // namespace drafting::post
