#include "postprocess/ForceHistory.hpp"

#include "postprocess/PostError.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

namespace drafting::post {

namespace {

// The header always says "Iteration" (the function object writes the same header in both
// modes), so a transient case is told by its ddt scheme.
bool transientSchemes(const std::string& caseDir) {
    std::ifstream in(caseDir + "/system/fvSchemes");
    if (!in) return false;
    std::stringstream text;
    text << in.rdbuf();
    static const std::regex ddt(R"(ddtSchemes\s*\{[^}]*?default\s+([A-Za-z]+))");
    std::smatch m;
    const std::string s = text.str();
    return std::regex_search(s, m, ddt) && m[1] != "steadyState";
}

}  // namespace

ForceHistory ForceHistory::read(const std::string& caseDir) {
    ForceHistory h;
    h.samples_ = cases::files::ForceHistoryFile::read(caseDir);
    const auto& x = h.samples_.x();
    const bool fractional = std::any_of(x.begin(), x.end(), [](double v) { return v != std::floor(v); });
    std::string lower = h.samples_.xName();
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    h.isTime_ = lower == "time" || fractional || transientSchemes(caseDir);
    return h;
}

const ForceHistory::Body& ForceHistory::body(const std::string& name) const {
    for (const auto& b : bodies())
        if (b.name == name) return b;
    throw PostError("force history " + (files().empty() ? std::string() : files().front()) + " has no runner '" +
                    name + "'");
}

}  // namespace drafting::post
