#pragma once
#include <string>
#include <vector>

namespace drafting::post {

/// Debian's VTK renders through X. On a headless machine the program re-executes itself under
/// xvfb-run, once (DRAFTING_XVFB marks the second run).
class OffscreenDisplay {
public:
    /// Returns true when a display is available. Otherwise execs `argv` under xvfb-run and
    /// does not return; returns false only when xvfb-run is not installed.
    static bool ensure(const std::vector<std::string>& argv);
};

}  // namespace drafting::post
