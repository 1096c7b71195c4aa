#pragma once
#include <string>

namespace drafting::post {

/// flow/open-in-paraview.py, written by draft-post beside flow.json and the formations' .pvd
/// files: opens one formation in ParaView ready to look at (docs/results.md, "Flow fields").
class ParaViewScript {
public:
    static constexpr const char* kFileName = "open-in-paraview.py";
    /// The script's text. It reads everything it needs from flow.json beside it at run time; it
    /// carries only `flowDir` (absolute), as an escaped string literal, for `paraview --script`,
    /// which runs a script without its file name.
    static std::string text(const std::string& flowDir);
};

}  // namespace drafting::post
