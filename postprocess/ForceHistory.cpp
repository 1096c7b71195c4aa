#include "postprocess/ForceHistory.hpp"

#include "postprocess/PostError.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace drafting::post {

ForceHistory ForceHistory::read(const std::string& caseDir) {
    ForceHistory h;
    h.samples_ = cases::files::ForceHistoryFile::read(caseDir);
    const auto& x = h.samples_.x();
    const bool fractional = std::any_of(x.begin(), x.end(), [](double v) { return v != std::floor(v); });
    std::string lower = h.samples_.xName();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    // A history from before runnerDrag named its x column by mode says "Iteration" in both; a
    // transient one still has fractional times.
    h.isTime_ = lower == "time" || fractional;
    return h;
}

const ForceHistory::Body& ForceHistory::body(const std::string& name) const {
    for (const auto& b : bodies())
        if (b.name == name) return b;
    throw PostError("force history " + (files().empty() ? std::string() : files().front()) + " has no runner '" +
                    name + "'");
}

}  // namespace drafting::post
