#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::cases::files {

/// Which build made a file, where, when and by what command: the "provenance" object of
/// manifest.json (the generate that wrote its cases) and of results.json (the run that produced
/// the numbers), shown in the report (docs/results.md). It never decides anything: two sweeps
/// that differ only in provenance are the same sweep.
struct Provenance {
    std::string tool;      // "draft-cases"
    std::string version;   // the project's version
    std::string commit;    // git describe --dirty at build time, "unknown" outside git
    std::string openfoam;  // the OpenFOAM version the tools were built against
    std::string host;
    std::string date;      // UTC, ISO 8601 to the second
    std::vector<std::string> command;  // the tool's arguments, the tool's name first

    /// This process now. The command is the one `recordCommand` was last given (the tool alone
    /// before that).
    static Provenance now();
    /// The UTC time now as ISO 8601 (2026-11-27T07:30:00Z): `date` here, and every other time stamp
    /// the tools write (the report's).
    static std::string utcNow();
    /// The arguments of the command being served (each tool's entry point calls it once).
    static void recordCommand(const std::string& tool, const std::vector<std::string>& args);

    nlohmann::json toJson() const;
    /// `path` and `field` name the file and key in the one-line refusal of a malformed object.
    static Provenance fromJson(const nlohmann::json& j, const std::string& path, const std::string& field);

    /// "draft-cases 0.1.0 (git abc1234, OpenFOAM v1912) on HOST at DATE": one line for people.
    std::string summary() const;
    /// The command as a shell takes it back (each argument through common::ShellWord).
    std::string commandLine() const;
};

}  // namespace drafting::cases::files
