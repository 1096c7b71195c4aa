#pragma once
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include "common/Error.hpp"
#include "common/AtomicFile.hpp"

namespace drafting::meshes {

/// A dictionary or field file could not be written.
class FoamFileError : public common::RunError {
public:
    using common::RunError::RunError;
};

/// Writing OpenFOAM dictionaries: the FoamFile banner, numbers, files.
class FoamFile {
public:
    /// The FoamFile banner every OpenFOAM dictionary starts with.
    static std::string header(const std::string& object, const std::string& cls = "dictionary",
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

    /// A number as OpenFOAM reads it back exactly enough (9 significant digits).
    static std::string number(double v) {
        char buf[32];
        std::snprintf(buf, sizeof(buf), "%.9g", v);
        return buf;
    }

    /// Writes `text` to `path` atomically (common::AtomicFile: never through a link), creating its folder;
    /// a bare file name is written in the current directory. Throws FoamFileError.
    static void write(const std::filesystem::path& path, const std::string& text) {
        if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path());
        try {
            common::AtomicFile::write(path.string(), text);
        } catch (const std::system_error& e) {
            throw FoamFileError(e.what());
        }
    }
};

}  // namespace drafting::meshes
