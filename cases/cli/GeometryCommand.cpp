#include "cases/cli/GeometryCommand.hpp"

#include "common/Error.hpp"
#include "cases/files/OutputFiles.hpp"
#include "cases/config/SweepConfig.hpp"
#include "common/DecimalNumber.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"
#include "meshes/Athlete.hpp"
#include "meshes/RunnerBody.hpp"

#include <cstdio>
#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace drafting::cases::cli {

namespace {

// A number option of the geometry command, "--height 1.57": one line naming it when malformed.
double numberOption(const CommandLine& line, const char* name, double fallback) {
    if (!line.has(name)) return fallback;
    const std::string text = line.text(name);
    if (const auto value = common::DecimalNumber::parse(text)) return *value;
    throw common::InputError(common::ErrorSite::of(std::string("--") + name, text),
                             "not a number (decimal digits, e.g. 1.57; no hex, inf or nan)");
}

// geometry has options of its own; a config override (split off before it sees the options)
// would be ignored silently, so it is refused, naming the option that does that job.
void refuseOverrides(const std::vector<std::string>& overrides) {
    if (overrides.empty()) return;
    const std::string& first = overrides.front();  // "--key=value"
    const std::string key = first.substr(2, first.find('=') - 2);
    const std::pair<const char*, const char*> own[] = {
        {"athlete.height", "--height"}, {"athlete.mass", "--mass"}, {"geometry.pose", "--pose"}, {"geometry.stl", "--stl"},
        {"geometry.stride_phase", "--stride-phase"}, {"athlete.proportions", "--proportions"}};
    for (const auto& [configKey, option] : own)
        if (key == configKey)
            throw common::InputError("geometry: --" + key + " is a sweep-config key; use " + option + " (geometry takes no config)");
    throw common::InputError("geometry: takes no config overrides (" + common::Printable::quote("--" + key) +
                      "); use --height, --mass, --proportions, --pose, --stride-phase, --stl");
}

}  // namespace

int GeometryCommand::run(const CommandLine& line, std::ostream& out) {
    refuseOverrides(line.overrides());
    if (line.has("target")) throw common::InputError("geometry: takes no CONFIG; use --height, --mass, --proportions, --pose, --stride-phase, --stl");
    if (!line.has("output")) throw common::InputError("geometry: missing -o FILE.stl");
    const fs::path stlPath = line.text("output");
    if (stlPath.extension() != ".stl")
        throw common::InputError("-o " + common::Printable::quote(stlPath.string()) + ": expected a .stl file name");
    fs::path jsonPath = stlPath;
    jsonPath.replace_extension(".json");
    // Both outputs are checked before the body is built, and written as a pair: an STL without
    // its description (or beside an older one) is never left behind.
    files::OutputFiles::check("-o", stlPath);
    files::OutputFiles::check("-o (its description)", jsonPath);
    const config::SweepConfig defaults;
    if (line.has("proportions") && line.has("stl"))
        throw common::InputError("geometry: --proportions shapes the parametric body: not with --stl");
    const meshes::Athlete athlete(
        numberOption(line, "height", defaults.athleteHeight), numberOption(line, "mass", defaults.athleteMass),
        meshes::SegmentProportions::of(line.has("proportions") ? line.text("proportions") : defaults.athleteProportions,
                                       "--proportions"));
    const std::string pose = line.has("pose") ? line.text("pose") : defaults.geometryPose;
    std::optional<double> phase;
    if (line.has("stride-phase")) {
        for (const char* other : {"pose", "stl"})
            if (line.has(other))
                throw common::InputError(std::string("geometry: --stride-phase and --") + other + ": give one, not both");
        phase = numberOption(line, "stride-phase", 0.0);
        if (!(*phase >= 0.0 && *phase < 1.0))
            throw common::InputError(common::ErrorSite::of("--stride-phase", line.text("stride-phase")),
                                     "outside [0, 1) (0 = right foot strike; 1 is the next stride's 0)");
    }
    const auto body = line.has("stl") ? meshes::RunnerBody::fromStl(line.text("stl"), athlete)
                      : phase         ? meshes::RunnerBody(athlete, *phase)
                                      : meshes::RunnerBody(athlete, meshes::RunnerBody::poseFrom(pose));
    // The solid's name comes from the file name only where it is safe; "runner" otherwise.
    std::string solid = stlPath.stem().string();
    if (!common::SafeName::isSafe(solid)) solid = "runner";
    // The source is the user's path: bytes that are not UTF-8 are replaced rather than thrown on.
    const std::string description =
        body.describe().dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    files::OutputFiles::writeAll({{stlPath, body.stl(solid)}, {jsonPath, description}});
    char text[200];
    std::snprintf(text, sizeof(text), "%s: height %.3f m, frontal area %.4f m^2 (Pugh %.4f), depth %.3f m, width %.3f m\n",
                  stlPath.string().c_str(), body.height(), body.frontalArea(), athlete.frontalArea(), body.depth(),
                  body.width());
    out << text << "wrote " << stlPath.string() << " and " << jsonPath.string() << '\n';
    return 0;
}

}  // namespace drafting::cases::cli
