#include "cases/SweepConfig.hpp"

#include "cases/ConfigError.hpp"
#include "cases/Formation.hpp"
#include "cases/SafeName.hpp"
#include "cases/ValueList.hpp"

#include <boost/algorithm/string.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace po = boost::program_options;

namespace drafting::cases {

namespace {

const std::vector<std::string> kPresets = {"solo",        "ahead", "behind",    "ahead-behind",
                                           "single-file", "ineos", "breaking2", "custom"};

// Every key the config accepts. One table, so the parser, the CLI and the docs agree.
const std::vector<std::string>& allKeys() {
    static const std::vector<std::string> keys = {
        "name",
        "athlete.height", "athlete.mass",
        "run.speed", "run.mile_time", "run.headwind", "run.air_density",
        "run.turbulence_intensity", "run.turbulence_length_scale",
        "formation.preset", "formation.positions", "formation.ahead", "formation.behind",
        "formation.row_gap",
        "sweep.front_gap", "sweep.back_gap", "sweep.lateral",
        "mesh.dimension", "mesh.level",
        "geometry.pose", "geometry.stl",
        "solver.turbulence", "solver.application", "solver.mode", "solver.max_iterations", "solver.tolerance",
        "solver.end_time", "solver.averaging_start", "solver.max_courant", "solver.settled_tolerance",
        "solver.settled_window",
        "pacing.baseline_time",
    };
    static const std::vector<std::string> all = [] {
        std::vector<std::string> out = keys;
        for (const auto& preset : kPresets)
            for (const char* axis : {"front_gap", "back_gap", "lateral"})
                out.push_back("sweep." + preset + "." + axis);
        return out;
    }();
    return all;
}

std::string quoted(const std::string& key, const std::string& text) {
    return key + " = '" + text + "'";
}

double number(const std::string& key, const std::string& text, double lo, double hi, const char* unit) {
    const std::string t = boost::algorithm::trim_copy(text);
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (t.empty() || end == t.c_str() || *end != '\0' || !std::isfinite(v))
        throw ConfigError(quoted(key, text) + ": not a number");
    if (v < lo || v > hi) {
        std::ostringstream msg;
        msg << quoted(key, text) << ": outside [" << lo << ", " << hi << "]" << (*unit ? " " : "") << unit;
        throw ConfigError(msg.str());
    }
    return v;
}

int integer(const std::string& key, const std::string& text, int lo, int hi) {
    const std::string t = boost::algorithm::trim_copy(text);
    if (!std::regex_match(t, std::regex("[+-]?[0-9]{1,9}")))
        throw ConfigError(quoted(key, text) + ": not a whole number");
    const int v = std::stoi(t);
    if (v < lo || v > hi)
        throw ConfigError(quoted(key, text) + ": outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
}

std::string choice(const std::string& key, const std::string& text, const std::set<std::string>& allowed) {
    const std::string t = boost::algorithm::trim_copy(text);
    if (allowed.count(t) == 0) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : "|") + a;
        throw ConfigError(quoted(key, text) + ": expected one of " + list);
    }
    return t;
}

std::vector<double> axis(const std::string& key, const std::string& text, double lo, double hi) {
    auto values = ValueList::parse(key, text);
    for (double v : values) {
        if (v < lo || v > hi) {
            std::ostringstream msg;
            msg << quoted(key, text) << ": value " << ValueList::format(v) << " outside [" << lo << ", " << hi << "] m";
            throw ConfigError(msg.str());
        }
    }
    return values;
}

// "ahead, behind, ahead-behind": formations, each once.
std::vector<std::string> presetList(const std::string& key, const std::string& text) {
    std::vector<std::string> parts, out;
    boost::algorithm::split(parts, text, boost::algorithm::is_any_of(","));
    for (const auto& part : parts) {
        const std::string preset = boost::algorithm::trim_copy(part);
        if (std::find(kPresets.begin(), kPresets.end(), preset) == kPresets.end()) {
            std::string list;
            for (const auto& a : kPresets) list += (list.empty() ? "" : "|") + a;
            throw ConfigError(quoted(key, text) + ": '" + preset + "' is not one of " + list);
        }
        if (std::find(out.begin(), out.end(), preset) != out.end())
            throw ConfigError(quoted(key, text) + ": " + preset + " given twice");
        out.push_back(preset);
    }
    return out;
}

// A readable file, made absolute: the path never reaches a dictionary or a script, the case
// writer reads the STL itself.
std::string stlPath(const std::string& key, const std::string& text) {
    const std::string t = boost::algorithm::trim_copy(text);
    std::ifstream in(t);
    if (t.empty() || !in) throw ConfigError(quoted(key, text) + ": cannot be read");
    return std::filesystem::absolute(t).lexically_normal().string();
}

// "(1.3, 0), (-1.0, 0.5)": pacer positions relative to the lead runner.
std::vector<PacerPosition> positionsFrom(const std::string& key, const std::string& text) {
    static const std::regex pair(R"(\s*\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)\s*(,|$))");
    std::vector<PacerPosition> out;
    const std::string t = boost::algorithm::trim_copy(text);
    auto it = t.cbegin();
    std::smatch m;
    while (it != t.cend()) {
        if (!std::regex_search(it, t.cend(), m, pair, std::regex_constants::match_continuous))
            throw ConfigError(quoted(key, text) + ": expected pairs like (1.3, 0), (-1.0, 0.5)");
        PacerPosition p;
        p.x = number(key, m[1].str(), -50.0, 50.0, "m");
        p.y = number(key, m[2].str(), -20.0, 20.0, "m");
        out.push_back(p);
        it = m[0].second;
    }
    if (out.empty()) throw ConfigError(quoted(key, text) + ": no positions given");
    if (out.size() > Formation::kMaxPacers)
        throw ConfigError(quoted(key, text) + ": more than " + std::to_string(Formation::kMaxPacers) + " pacers");
    return out;
}

// Raw key → text, command line first (it wins), then the file.
std::map<std::string, std::string> readRaw(std::istream* file, const std::vector<std::string>& overrides) {
    po::options_description desc("sweep config");
    for (const auto& key : allKeys()) desc.add_options()(key.c_str(), po::value<std::string>());

    po::variables_map vm;
    try {
        if (!overrides.empty()) {
            std::vector<std::string> args = overrides;
            po::store(po::command_line_parser(args).options(desc).style(
                          po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
                          .run(),
                      vm);
        }
        if (file != nullptr) po::store(po::parse_config_file(*file, desc, false), vm);
    } catch (const po::multiple_occurrences& e) {
        throw ConfigError(std::string("key ") + e.get_option_name() + " given more than once");
    } catch (const po::unknown_option& e) {
        std::string key = e.get_option_name();
        key = key.substr(key.find_first_not_of('-'));
        key = key.substr(0, key.find('='));
        throw ConfigError("unknown key '" + key + "' (see docs/config.md)");
    } catch (const po::error& e) {
        throw ConfigError(std::string("config: ") + e.what());
    }
    std::map<std::string, std::string> raw;
    for (const auto& [key, value] : vm) raw[key] = value.as<std::string>();
    return raw;
}

SweepConfig build(const std::map<std::string, std::string>& raw) {
    SweepConfig c;
    auto has = [&](const char* k) { return raw.count(k) != 0; };
    auto get = [&](const char* k) { return raw.at(k); };

    if (has("name")) c.name = SafeName::check("name", boost::algorithm::trim_copy(get("name")));

    if (has("athlete.height")) c.athleteHeight = number("athlete.height", get("athlete.height"), 1.2, 2.3, "m");
    if (has("athlete.mass")) c.athleteMass = number("athlete.mass", get("athlete.mass"), 30.0, 150.0, "kg");

    if (has("run.speed") && has("run.mile_time"))
        throw ConfigError("run.speed = '" + get("run.speed") + "' and run.mile_time = '" + get("run.mile_time") +
                          "': give one, not both");
    if (has("run.speed")) {
        c.speed = number("run.speed", get("run.speed"), 1.0, 12.0, "m/s");
    } else {
        const std::string mile = has("run.mile_time") ? get("run.mile_time") : "4:00.00";
        c.speed = kMileMetres / SweepConfig::parseMileTime("run.mile_time", mile);
        if (c.speed < 1.0 || c.speed > 12.0)
            throw ConfigError(quoted("run.mile_time", mile) + ": implies a speed outside [1, 12] m/s");
    }
    if (has("run.headwind")) c.headwind = number("run.headwind", get("run.headwind"), -10.0, 10.0, "m/s");
    if (c.airSpeed() < 0.5) {
        std::ostringstream msg;
        msg << quoted("run.headwind", has("run.headwind") ? get("run.headwind") : "0")
            << ": air speed relative to the runner would be " << c.airSpeed() << " m/s (needs >= 0.5)";
        throw ConfigError(msg.str());
    }
    if (has("run.air_density"))
        c.airDensity = number("run.air_density", get("run.air_density"), 0.5, 1.5, "kg/m^3");
    if (has("run.turbulence_intensity"))
        c.turbulenceIntensity = number("run.turbulence_intensity", get("run.turbulence_intensity"), 0.001, 0.3, "");
    if (has("run.turbulence_length_scale"))
        c.turbulenceLengthScale =
            number("run.turbulence_length_scale", get("run.turbulence_length_scale"), 0.001, 10.0, "m");

    if (has("formation.preset")) c.presets = presetList("formation.preset", get("formation.preset"));
    auto uses = [&](const char* preset) {
        return std::find(c.presets.begin(), c.presets.end(), preset) != c.presets.end();
    };
    if (has("formation.positions")) {
        if (!uses("custom"))
            throw ConfigError(quoted("formation.positions", get("formation.positions")) +
                              ": explicit positions need formation.preset = custom (preset is " +
                              get("formation.preset") + ")");
        c.positions = positionsFrom("formation.positions", get("formation.positions"));
    } else if (uses("custom")) {
        throw ConfigError("formation.preset = 'custom': needs formation.positions, e.g. (1.3, 0), (-1.0, 0)");
    }
    if (has("formation.ahead")) c.aheadCount = integer("formation.ahead", get("formation.ahead"), 0, 8);
    if (has("formation.behind")) c.behindCount = integer("formation.behind", get("formation.behind"), 0, 8);
    if (uses("single-file") && c.aheadCount + c.behindCount == 0)
        throw ConfigError("formation.ahead = '0' and formation.behind = '0': single-file needs at least one pacer");
    if (has("formation.row_gap")) c.rowGap = number("formation.row_gap", get("formation.row_gap"), 0.2, 5.0, "m");

    auto readAxes = [&](const std::string& prefix, SweepAxes& a) {
        const std::string f = prefix + ".front_gap", b = prefix + ".back_gap", l = prefix + ".lateral";
        if (raw.count(f)) a.frontGaps = axis(f, raw.at(f), 0.3, 20.0);
        if (raw.count(b)) a.backGaps = axis(b, raw.at(b), 0.3, 20.0);
        if (raw.count(l)) a.laterals = axis(l, raw.at(l), -5.0, 5.0);
    };
    readAxes("sweep", c.axes);
    for (const auto& preset : kPresets) {
        const std::string prefix = "sweep." + preset;
        const bool given = raw.count(prefix + ".front_gap") || raw.count(prefix + ".back_gap") ||
                           raw.count(prefix + ".lateral");
        if (!given) continue;
        if (!uses(preset.c_str())) {
            const std::string key = raw.count(prefix + ".front_gap") ? prefix + ".front_gap"
                                    : raw.count(prefix + ".back_gap") ? prefix + ".back_gap"
                                                                      : prefix + ".lateral";
            throw ConfigError(quoted(key, raw.at(key)) + ": " + preset + " is not in formation.preset");
        }
        SweepAxes own = c.axes;
        readAxes(prefix, own);
        c.presetAxes[preset] = own;
    }

    if (has("mesh.dimension")) c.dimension = integer("mesh.dimension", get("mesh.dimension"), 2, 3);
    c.level = c.dimension == 3 ? "medium" : "coarse";
    if (has("mesh.level")) c.level = choice("mesh.level", get("mesh.level"), {"coarse", "medium", "fine"});
    if (has("geometry.pose")) {
        c.geometryPose = choice("geometry.pose", get("geometry.pose"), {"mid-stride", "standing"});
        if (c.dimension != 3) throw ConfigError(quoted("geometry.pose", get("geometry.pose")) + ": needs mesh.dimension = 3");
    }
    if (has("geometry.stl")) {
        c.geometryStl = stlPath("geometry.stl", get("geometry.stl"));
        if (c.dimension != 3) throw ConfigError(quoted("geometry.stl", get("geometry.stl")) + ": needs mesh.dimension = 3");
    }

    if (has("solver.turbulence"))
        c.turbulence = choice("solver.turbulence", get("solver.turbulence"),
                              {"kOmegaSST", "kEpsilon", "realizableKE", "laminar"});
    if (has("solver.application"))
        c.application = choice("solver.application", get("solver.application"), {"draftFoam", "simpleFoam"});
    if (has("solver.max_iterations"))
        c.maxIterations = integer("solver.max_iterations", get("solver.max_iterations"), 1, 100000);
    if (has("solver.tolerance"))
        c.tolerance = number("solver.tolerance", get("solver.tolerance"), 1e-12, 0.1, "");
    if (has("solver.mode")) c.mode = choice("solver.mode", get("solver.mode"), {"steady", "transient"});
    if (c.application == "simpleFoam" && c.mode == "transient")
        throw ConfigError("solver.application = 'simpleFoam': steady only; use draftFoam for solver.mode = transient");
    if (has("solver.end_time")) c.endTime = number("solver.end_time", get("solver.end_time"), 0.01, 1e4, "s");
    if (has("solver.averaging_start"))
        c.averagingStart = number("solver.averaging_start", get("solver.averaging_start"), 0.0, 1e4, "s");
    if (c.mode == "transient" && c.averagingStart >= c.endTime) {
        std::ostringstream msg;
        msg << quoted("solver.averaging_start", has("solver.averaging_start") ? get("solver.averaging_start") : "1.5")
            << ": must be before solver.end_time (" << c.endTime << " s)";
        throw ConfigError(msg.str());
    }
    if (has("solver.max_courant"))
        c.maxCourant = number("solver.max_courant", get("solver.max_courant"), 0.05, 20.0, "");
    if (has("solver.settled_tolerance"))
        c.settledTolerance = number("solver.settled_tolerance", get("solver.settled_tolerance"), 0.0, 0.5, "");
    if (has("solver.settled_window"))
        c.settledWindow = integer("solver.settled_window", get("solver.settled_window"), 5, 100000);
    if (has("pacing.baseline_time")) {
        c.pacingBaselineTime = SweepConfig::parseMileTime("pacing.baseline_time", get("pacing.baseline_time"));
        const double v = kMileMetres / c.pacingBaselineTime;
        if (v < 2.5 || v > 8.0)
            throw ConfigError(quoted("pacing.baseline_time", get("pacing.baseline_time")) +
                              ": implies a mile speed outside the pacing model's [2.5, 8] m/s");
    }
    return c;
}

}  // namespace

double SweepConfig::parseMileTime(const std::string& field, const std::string& text) {
    static const std::regex form(R"(\s*(?:([0-9]{1,3}):)?([0-9]{1,2}(?:\.[0-9]*)?)\s*)");
    std::smatch m;
    if (!std::regex_match(text, m, form)) throw ConfigError(quoted(field, text) + ": expected m:ss.ss");
    const double minutes = m[1].matched ? std::stod(m[1].str()) : 0.0;
    const double seconds = std::stod(m[2].str());
    if (m[1].matched && seconds >= 60.0) throw ConfigError(quoted(field, text) + ": seconds must be below 60");
    const double total = minutes * 60.0 + seconds;
    if (total <= 0.0) throw ConfigError(quoted(field, text) + ": must be positive");
    return total;
}

SweepConfig SweepConfig::load(const std::string& path, const std::vector<std::string>& overrides) {
    if (path.empty()) return build(readRaw(nullptr, overrides));
    std::ifstream in(path);
    if (!in) throw ConfigError("config file '" + path + "': cannot be read");
    return build(readRaw(&in, overrides));
}

SweepConfig SweepConfig::parse(const std::string& text, const std::vector<std::string>& overrides) {
    std::istringstream in(text);
    return build(readRaw(&in, overrides));
}

const SweepAxes& SweepConfig::axesFor(const std::string& preset) const {
    const auto own = presetAxes.find(preset);
    return own != presetAxes.end() ? own->second : axes;
}

nlohmann::json SweepConfig::toJson() const {
    auto axesJson = [](const SweepAxes& a) {
        return nlohmann::json{{"front_gap_m", a.frontGaps}, {"back_gap_m", a.backGaps}, {"lateral_m", a.laterals}};
    };
    nlohmann::json sweepJson = axesJson(axes);
    for (const auto& [preset, a] : presetAxes) sweepJson[preset] = axesJson(a);
    nlohmann::json positionsJson = nlohmann::json::array();
    for (const auto& p : positions) positionsJson.push_back({p.x, p.y});
    return {
        {"name", name},
        {"athlete", {{"height_m", athleteHeight}, {"mass_kg", athleteMass}}},
        {"run",
         {{"speed_mps", speed},
          {"headwind_mps", headwind},
          {"air_density_kg_m3", airDensity},
          {"turbulence_intensity", turbulenceIntensity},
          {"turbulence_length_scale_m", turbulenceLengthScale}}},
        {"formation",
         {{"preset", presets}, {"positions", positionsJson}, {"ahead", aheadCount}, {"behind", behindCount},
          {"row_gap_m", rowGap}}},
        {"sweep", sweepJson},
        {"mesh", {{"dimension", dimension}, {"level", level}}},
        {"geometry", {{"pose", geometryPose}, {"stl", geometryStl}}},
        {"solver",
         {{"turbulence", turbulence},
          {"application", application},
          {"mode", mode},
          {"max_iterations", maxIterations},
          {"tolerance", tolerance},
          {"end_time_s", endTime},
          {"averaging_start_s", averagingStart},
          {"max_courant", maxCourant},
          {"settled_tolerance", settledTolerance},
          {"settled_window", settledWindow}}},
        {"pacing", {{"baseline_time_s", pacingBaselineTime > 0.0 ? nlohmann::json(pacingBaselineTime)
                                                                  : nlohmann::json()}}},
    };
}

}  // namespace drafting::cases
