#pragma once
#include <string>

namespace drafting::post {

/// flow/open-in-paraview.py, written by draft-post beside flow.json and the formations' .pvd
/// files: opens one formation in ParaView ready to look at (docs/results.md, "Flow fields").
class ParaViewScript {
public:
    static constexpr const char* kFileName = "open-in-paraview.py";
    /// The script's text. It reads everything it needs from flow.json at run time, so the text is
    /// the same for every sweep and carries nothing from a case, a config or the command line.
    static std::string text();
};

}  // namespace drafting::post
