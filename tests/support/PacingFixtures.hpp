#pragma once
// Fixtures of the post-processing tests: the athletes the pacing model is calibrated on and a
// small sweep whose savings are known exactly.
#include <string>

#include "postprocess/PacingModel.hpp"
#include "TestSupport.hpp"

namespace drafting::test {

/// Faith Kipyegon (1.57 m, 42 kg) on the mile, her record as the baseline.
post::PacingInputs kipyegon(double baseline = 247.64);

/// A finished case DIR/NAME whose lead (and pacer, when > 0) has this drag [N].
void writeCase(const std::string& dir, const std::string& name, double lead, double pacer = -1);

/// A 2D sweep in `dir` whose lead savings follow s = 100 exp(-(g/2.3)^1.7) exactly (solo 7 N).
std::string exactSweep(const TempDir& dir);

}  // namespace drafting::test
