#pragma once
#include <string>

namespace drafting::meshes {

/// The FoamFile banner every OpenFOAM dictionary starts with.
inline std::string foamHeader(const std::string& object, const std::string& cls = "dictionary",
                              const std::string& location = "") {
    std::string s =
        "/*--------------------------------*- C++ -*----------------------------------*\\\n"
        "  Written by draft-cases (drafting). Edit the sweep config, not this file.\n"
        "\\*---------------------------------------------------------------------------*/\n"
        "FoamFile\n{\n    version     2.0;\n    format      ascii;\n    class       " +
        cls + ";\n";
    if (!location.empty()) s += "    location    \"" + location + "\";\n";
    s += "    object      " + object + ";\n}\n\n";
    return s;
}

}  // namespace drafting::meshes
