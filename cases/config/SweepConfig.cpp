#include "cases/config/SweepConfig.hpp"

#include "common/Error.hpp"
#include "common/DecimalNumber.hpp"
#include "common/JsonFields.hpp"
#include "cases/config/Formation.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"
#include "common/ValueList.hpp"
#include "meshes/Athlete.hpp"
#include "meshes/GaitCycle.hpp"
#include "meshes/MeshLevel.hpp"
#include "meshes/RunnerBody.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <regex>
#include <sstream>

namespace drafting::cases::config {

namespace {

// A sweep config is a few hundred bytes; anything near this is not one (and must not be slurped).
constexpr std::size_t kMaxConfigBytes = 1024 * 1024;
// The longest legitimate value is a list of 1000 sweep values; this keeps hostile values (and the
// regexes that read them) small.
constexpr std::size_t kMaxValueBytes = 16 * 1024;

const std::vector<std::string> kPresets = {"solo",        "ahead", "behind",    "ahead-behind",
                                           "single-file", "ineos", "breaking2", "breaking4", "custom"};

// Every key the config accepts. One table, so the parser, the CLI and the docs agree.
const std::vector<std::string>& allKeys() {
    static const std::vector<std::string> keys = {
        "name",
        "athlete.height", "athlete.mass", "athlete.proportions",
        "pacers.height", "pacers.mass", "pacers.stride_offset", "pacers.proportions",
        "run.speed", "run.mile_time", "run.headwind", "run.wind_speed", "run.wind_direction", "run.air_density",
        "run.turbulence_intensity", "run.turbulence_viscosity_ratio", "run.turbulence_length_scale",
        "formation.preset", "formation.positions", "formation.ahead", "formation.behind",
        "formation.row_gap", "formation.gap_definition",
        "sweep.front_gap", "sweep.back_gap", "sweep.lateral", "sweep.pacer_height",
        "mesh.dimension", "mesh.level", "mesh.upstream", "mesh.downstream", "mesh.side", "mesh.above",
        "mesh.wall_treatment",
        "geometry.pose", "geometry.stl", "geometry.stride_phase",
        "solver.turbulence", "solver.application", "solver.mode", "solver.max_iterations", "solver.tolerance",
        "solver.end_time", "solver.averaging_start", "solver.max_courant", "solver.outer_correctors",
        "solver.settled_tolerance",
        "solver.settled_window",
        "pacing.baseline_time",
    };
    static const std::vector<std::string> all = [] {
        std::vector<std::string> out = keys;
        for (const auto& preset : kPresets)
            for (const char* axis : {"front_gap", "back_gap", "lateral", "pacer_height"})
                out.push_back("sweep." + preset + "." + axis);
        return out;
    }();
    return all;
}

bool isKnownKey(const std::string& key) {
    const auto& keys = allKeys();
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// What a key or section name may look like before it is ever echoed: a line of some other file
// (a password hash, a private key) never has this shape and so is never shown.
bool hasKeyShape(const std::string& text) {
    static const std::regex shape("[A-Za-z0-9_-]{1,32}(\\.[A-Za-z0-9_-]{1,32}){0,3}");
    return text.size() <= 64 && std::regex_match(text, shape);
}

std::string trimBlanks(const std::string& text) {
    const char* blanks = " \t\r\v\f";
    const auto first = text.find_first_not_of(blanks);
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

// A value as read, with where it came from: "config file 'a.cfg', line 3" or "command line".
struct RawValue {
    std::string text;
    common::ErrorSite source;
    bool fromCommandLine = false;
};

const common::ErrorSite kCommandLine{"command line", std::nullopt, 0, "", std::nullopt};
using RawValues = std::map<std::string, RawValue>;

// `--section.key=value` overrides (CasesCli joins "--key value"); they win over the file.
RawValues readOverrides(const std::vector<std::string>& overrides) {
    RawValues raw;
    for (const auto& arg : overrides) {
        const auto eq = arg.find('=');
        if (arg.compare(0, 2, "--") != 0 || eq == std::string::npos)
            throw common::InputError(kCommandLine, common::Printable::quote(arg) + ": expected --section.key=value");
        const std::string key = arg.substr(2, eq - 2);
        if (!isKnownKey(key))
            throw common::InputError(kCommandLine, "unknown key " + common::Printable::quote(key) + " (see docs/config.md)");
        if (raw.count(key)) throw common::InputError(kCommandLine, "key " + key + " given more than once");
        raw[key] = {trimBlanks(arg.substr(eq + 1)), kCommandLine, true};
    }
    return raw;
}

// INI text → values, into `raw` under what the command line already set. `source` names the file
// ("config file 'a.cfg'"); each line's errors and values carry its number. Lines are "key = value" under "[section]" headers; '#' starts a comment
// anywhere; a UTF-8 byte order mark is skipped. Messages show a key only once it has a key's shape,
// and a value only once its key is known.
void readIni(std::string text, const common::ErrorSite& source, RawValues& raw) {
    if (text.size() > kMaxConfigBytes)
        throw common::InputError(source, "larger than 1 MiB (" + std::to_string(text.size()) + " bytes), not a sweep config");
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    std::istringstream in(text);
    std::string line, prefix;
    std::map<std::string, std::size_t> seenOnLine;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        common::ErrorSite where = source;
        where.line = static_cast<int>(number);
        if (line.find('\0') != std::string::npos) throw common::InputError(where, "a NUL byte (binary, not a sweep config)");
        line = trimBlanks(line.substr(0, line.find('#')));
        if (line.empty()) continue;
        if (line.front() == '[' && line.back() == ']') {
            const std::string section = trimBlanks(line.substr(1, line.size() - 2));
            if (!hasKeyShape(section)) throw common::InputError(where, "not a [section] header");
            prefix = section + ".";
            continue;
        }
        const auto eq = line.find('=');
        const std::string name = eq == std::string::npos ? "" : trimBlanks(line.substr(0, eq));
        if (!hasKeyShape(name)) throw common::InputError(where, "not 'key = value'");
        const std::string key = prefix + name;
        if (!isKnownKey(key))
            throw common::InputError(where, "unknown key " + common::Printable::quote(key) + " (see docs/config.md)");
        const std::string value = trimBlanks(line.substr(eq + 1));
        if (seenOnLine.count(key))
            throw common::InputError(where, "key " + key + " given more than once (first on line " +
                              std::to_string(seenOnLine[key]) + ")");
        seenOnLine[key] = number;
        if (raw.count(key)) continue;  // the command line wins
        raw[key] = {value, where, false};
    }
}

// A file opened without blocking (a FIFO or a terminal must not hang the tool), closed on scope exit.
class OpenedFile {
public:
    explicit OpenedFile(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) {
        error_ = fd_ < 0 ? errno : (::fstat(fd_, &status_) == 0 ? 0 : errno);
    }
    ~OpenedFile() {
        if (fd_ >= 0) ::close(fd_);
    }
    OpenedFile(const OpenedFile&) = delete;
    OpenedFile& operator=(const OpenedFile&) = delete;

    int fd() const { return fd_; }
    /// 0, or the errno of open/fstat.
    int error() const { return error_; }
    /// "" if a readable regular file, else why not (no user text in it).
    std::string problem() const {
        if (error_ != 0) return std::string("cannot be read (") + std::strerror(error_) + ")";
        if (S_ISDIR(status_.st_mode)) return "is a directory";
        if (!S_ISREG(status_.st_mode)) return "not a regular file";
        return "";
    }
    std::size_t size() const { return static_cast<std::size_t>(status_.st_size); }

private:
    int fd_;
    int error_ = 0;
    struct stat status_ {};
};

// The text of config file `path`, refused unless a regular file of at most 1 MiB.
std::string readConfigFile(const std::string& path, const common::ErrorSite& source) {
    const OpenedFile file(path);
    // Out of descriptors or memory is the machine's failure, not the input's.
    if (file.error() == EMFILE || file.error() == ENFILE || file.error() == ENOMEM)
        throw common::RunError(source, file.problem());
    if (!file.problem().empty()) throw common::InputError(source, file.problem());
    if (file.size() > kMaxConfigBytes)
        throw common::InputError(source, "larger than 1 MiB (" + std::to_string(file.size()) + " bytes), not a sweep config");
    std::string text;
    char buffer[65536];
    while (text.size() <= kMaxConfigBytes) {
        const ssize_t got = ::read(file.fd(), buffer, sizeof(buffer));
        if (got == 0) break;
        if (got < 0) {
            if (errno == EINTR) continue;
            throw common::RunError(source, std::string("read failed (") + std::strerror(errno) + ")");
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    return text;
}

// The raw values of one sweep, with the checks every key shares: each message starts with where
// the value came from and names the key and the (quoted) value.
class Values {
public:
    explicit Values(RawValues raw) : raw_(std::move(raw)) {
        for (const auto& [key, value] : raw_)
            if (value.text.size() > kMaxValueBytes)
                fail(key, "longer than " + std::to_string(kMaxValueBytes) + " characters");
    }

    bool has(const std::string& key) const { return raw_.count(key) != 0; }
    const std::string& text(const std::string& key) const { return raw_.at(key).text; }

    /// config file 'a.cfg', line 3, athlete.height = '0.4'.
    common::ErrorSite site(const std::string& key) const {
        common::ErrorSite site = raw_.at(key).source;
        site.field = key;
        site.value = text(key);
        return site;
    }
    /// "config file 'a.cfg', line 3: athlete.height = '0.4'": the first key of a message about two.
    std::string describe(const std::string& key) const {
        const common::ErrorSite at = site(key);
        return at.place() + ": " + key + " = " + common::Printable::quote(*at.value);
    }
    /// "run.mile_time = '4:00' (command line)": a second key in a message, shorter.
    std::string alsoDescribe(const std::string& key, const std::string& firstKey) const {
        const auto& value = raw_.at(key);
        const bool sameSource = value.fromCommandLine == raw_.at(firstKey).fromCommandLine;
        return key + " = " + common::Printable::quote(value.text, 40) + (sameSource ? "" : " (" + value.source.place() + ")");
    }
    [[noreturn]] void fail(const std::string& key, const std::string& why) const {
        throw common::InputError(site(key), why);
    }
    /// Runs a checker that names key and value itself (common::ValueList, common::SafeName), adding the origin.
    template <class Check>
    auto checked(const std::string& key, Check check) const {
        try {
            return check(text(key));
        } catch (const common::InputError& e) {
            const common::ErrorSite& source = raw_.at(key).source;
            throw e.at(source.label, source.file, source.line);
        }
    }

    double number(const std::string& key, double lo, double hi, const char* unit) const {
        return inRange(key, common::DecimalNumber::parse(text(key)), lo, hi, unit);
    }

    int integer(const std::string& key, int lo, int hi) const {
        const std::string& t = text(key);
        const std::size_t sign = !t.empty() && (t[0] == '+' || t[0] == '-') ? 1 : 0;
        const bool whole = t.size() > sign && t.size() - sign <= 9 &&
                           t.find_first_not_of("0123456789", sign) == std::string::npos;
        if (!whole) fail(key, "not a whole number (decimal digits)");
        const int v = std::stoi(t);
        if (v < lo || v > hi) fail(key, "outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
        return v;
    }

    // The choices are listed in the order given (mesh levels read coarse to extra-fine).
    std::string choice(const std::string& key, const std::vector<std::string>& allowed) const {
        if (std::find(allowed.begin(), allowed.end(), text(key)) == allowed.end())
            fail(key, "expected one of " + joined(allowed, "|"));
        return text(key);
    }

    std::vector<double> axis(const std::string& key, double lo, double hi) const {
        const auto values = checked(key, [&](const std::string& t) { return common::ValueList::parse(key, t); });
        for (double v : values) {
            if (v < lo || v > hi) {
                std::ostringstream msg;
                msg << "value " << common::ValueList::format(v) << " outside [" << lo << ", " << hi << "] m";
                fail(key, msg.str());
            }
        }
        return values;
    }

    // "ahead, behind, ahead-behind": formations, each once.
    std::vector<std::string> presetList(const std::string& key) const {
        if (text(key).empty() || text(key).back() == ',') fail(key, "empty preset");
        std::vector<std::string> out;
        std::istringstream parts(text(key));
        for (std::string part; std::getline(parts, part, ',');) {
            const std::string preset = trimBlanks(part);
            if (std::find(kPresets.begin(), kPresets.end(), preset) == kPresets.end())
                fail(key, common::Printable::quote(preset, 40) + " is not one of " + joined(kPresets, "|"));
            if (std::find(out.begin(), out.end(), preset) != out.end()) fail(key, preset + " given twice");
            out.push_back(preset);
        }
        return out;
    }

    // "(1.3, 0), (-1.0, 0.5)": pacer positions relative to the lead runner. Read by hand: a
    // backtracking regex over a long hostile value could exhaust the stack.
    std::vector<PacerPosition> positions(const std::string& key) const {
        const std::string& t = text(key);
        const char* expected = "expected (x, y) or (x, y, height, mass[, proportions]) like (1.3, 0), (-1.0, 0.5, 1.80, 65, male)";
        std::vector<PacerPosition> out;
        std::size_t at = 0;
        while (true) {
            at = t.find_first_not_of(" \t", at);
            if (at == std::string::npos || t[at] != '(') fail(key, expected);
            const auto close = t.find(')', at);
            if (close == std::string::npos) fail(key, expected);
            const std::string inside = t.substr(at + 1, close - at - 1);
            if (inside.find('(') != std::string::npos) fail(key, expected);
            std::vector<std::string> fields;
            for (std::size_t from = 0;;) {
                const auto comma = inside.find(',', from);
                fields.push_back(inside.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
                if (comma == std::string::npos) break;
                from = comma + 1;
            }
            if (fields.size() != 2 && fields.size() != 4 && fields.size() != 5) fail(key, expected);
            PacerPosition p;
            p.x = coordinate(key, fields[0], 50.0);
            p.y = coordinate(key, fields[1], 20.0);
            if (fields.size() >= 4) {
                p.heightM = sizeOf(key, fields[2], meshes::Athlete::kMinHeight, meshes::Athlete::kMaxHeight, "m");
                p.massKg = sizeOf(key, fields[3], meshes::Athlete::kMinMass, meshes::Athlete::kMaxMass, "kg");
            }
            if (fields.size() == 5) {
                const std::string set = trimBlanks(fields[4]);
                const auto& names = meshes::SegmentProportions::names();
                if (std::find(names.begin(), names.end(), set) == names.end())
                    fail(key, common::Printable::quote(set, 30) + " is not a set of proportions (expected " +
                                  joined(names, "|") + ")");
                p.proportions = set;
            }
            out.push_back(p);
            if (out.size() > Formation::kMaxPacers)
                fail(key, "more than " + std::to_string(Formation::kMaxPacers) + " pacers");
            at = t.find_first_not_of(" \t", close + 1);
            if (at == std::string::npos) break;
            if (t[at] != ',') fail(key, expected);
            ++at;
        }
        return out;
    }

    // A readable regular file, made absolute: the path never reaches a dictionary or a script,
    // the case writer reads the STL itself. Opened without blocking, so a FIFO cannot hang us.
    std::string stlPath(const std::string& key) const {
        const std::string& t = text(key);
        if (t.empty()) fail(key, "cannot be read (empty path)");
        const OpenedFile file(t);
        if (!file.problem().empty()) fail(key, file.problem());
        return std::filesystem::absolute(t).lexically_normal().string();
    }

private:
    double inRange(const std::string& key, std::optional<double> v, double lo, double hi, const char* unit) const {
        if (!v) fail(key, "not a number (decimal, e.g. 1.57 or 2e-3)");
        if (*v < lo || *v > hi) {
            std::ostringstream msg;
            msg << "outside [" << lo << ", " << hi << "]" << (*unit ? " " : "") << unit;
            fail(key, msg.str());
        }
        return *v;
    }

    // A pacer's height or mass inside formation.positions.
    double sizeOf(const std::string& key, const std::string& token, double lo, double hi, const char* unit) const {
        const auto v = common::DecimalNumber::parse(token);
        if (!v) fail(key, common::Printable::quote(trimBlanks(token), 30) + " is not a number");
        if (*v < lo || *v > hi) {
            std::ostringstream msg;
            msg << common::Printable::quote(trimBlanks(token), 30) << " outside [" << lo << ", " << hi << "] " << unit;
            fail(key, msg.str());
        }
        return *v;
    }

    double coordinate(const std::string& key, const std::string& token, double limit) const {
        const auto v = common::DecimalNumber::parse(token);
        if (!v) fail(key, common::Printable::quote(trimBlanks(token), 30) + " is not a number");
        if (std::abs(*v) > limit) {
            std::ostringstream msg;
            msg << common::Printable::quote(trimBlanks(token), 30) << " outside [" << -limit << ", " << limit << "] m";
            fail(key, msg.str());
        }
        return *v;
    }

    RawValues raw_;
};

SweepConfig build(const Values& raw) {
    SweepConfig c;
    auto has = [&](const char* k) { return raw.has(k); };

    if (has("name"))
        c.name = raw.checked("name", [](const std::string& t) { return common::SafeName::check("name", t); });

    if (has("athlete.height")) c.athleteHeight = raw.number("athlete.height", meshes::Athlete::kMinHeight, meshes::Athlete::kMaxHeight, "m");
    if (has("athlete.mass")) c.athleteMass = raw.number("athlete.mass", meshes::Athlete::kMinMass, meshes::Athlete::kMaxMass, "kg");

    if (has("pacers.height"))
        c.pacerHeight = raw.number("pacers.height", meshes::Athlete::kMinHeight, meshes::Athlete::kMaxHeight, "m");
    if (has("pacers.mass")) c.pacerMass = raw.number("pacers.mass", meshes::Athlete::kMinMass, meshes::Athlete::kMaxMass, "kg");
    if (has("pacers.height") && !has("pacers.mass")) {
        const double mass = c.pacerSize().massKg;
        if (mass < meshes::Athlete::kMinMass || mass > meshes::Athlete::kMaxMass) {
            std::ostringstream msg;
            msg << "gives a pacer of " << mass << " kg at the athlete's body-mass index, outside ["
                << meshes::Athlete::kMinMass << ", " << meshes::Athlete::kMaxMass << "] kg (give pacers.mass)";
            raw.fail("pacers.height", msg.str());
        }
    }

    if (has("run.speed") && has("run.mile_time"))
        throw common::InputError(raw.describe("run.speed") + " and " + raw.alsoDescribe("run.mile_time", "run.speed") +
                          ": give one, not both");
    if (has("run.speed")) {
        c.speed = raw.number("run.speed", 1.0, 12.0, "m/s");
    } else if (has("run.mile_time")) {
        c.speed = common::kMileMetres / raw.checked("run.mile_time", [](const std::string& t) {
            return SweepConfig::parseMileTime("run.mile_time", t);
        });
        if (c.speed < 1.0 || c.speed > 12.0) raw.fail("run.mile_time", "implies a speed outside [1, 12] m/s");
    } else {
        c.speed = common::kMileMetres / 240.0;  // the four-minute mile
    }
    if (has("run.headwind")) {
        c.headwind = raw.number("run.headwind", -10.0, 10.0, "m/s");
        // Without a headwind the air speed is the running speed, at least 1 m/s.
        if (c.airAlong() < 0.5) {
            std::ostringstream msg;
            msg << "air speed relative to the runner would be " << c.airAlong() << " m/s (needs >= 0.5)";
            raw.fail("run.headwind", msg.str());
        }
    }
    if (has("run.wind_speed") && has("run.headwind"))
        throw common::InputError(raw.describe("run.wind_speed") + " and " + raw.alsoDescribe("run.headwind", "run.wind_speed") +
                                 ": give one (a headwind is run.wind_direction = 0)");
    if (has("run.wind_direction") && !has("run.wind_speed"))
        raw.fail("run.wind_direction", "needs run.wind_speed");
    if (has("run.wind_speed")) {
        c.windSpeed = raw.number("run.wind_speed", 0.0, 10.0, "m/s");
        if (has("run.wind_direction")) c.windDirection = raw.number("run.wind_direction", 0.0, 360.0, "degrees");
        // The air must still come from ahead: the box's inlet is the front face, and the wakes may
        // drift at most as far sideways as they go back (a yaw of 45 degrees).
        if (c.airAlong() < 0.5) {
            std::ostringstream msg;
            msg << "the air along the running direction would be " << c.airAlong()
                << " m/s (needs >= 0.5: a tailwind at least as fast as the runner)";
            raw.fail("run.wind_speed", msg.str());
        }
        if (std::abs(c.airAcross()) > c.airAlong()) {
            std::ostringstream msg;
            msg << "turns the air " << std::atan2(std::abs(c.airAcross()), c.airAlong()) * 180.0 / M_PI
                << " degrees from the running direction (at most 45: the box is built for air from ahead)";
            raw.fail("run.wind_speed", msg.str());
        }
    }
    if (has("run.air_density")) c.airDensity = raw.number("run.air_density", 0.5, 1.5, "kg/m^3");
    if (has("run.turbulence_intensity"))
        c.turbulenceIntensity = raw.number("run.turbulence_intensity", 0.001, 0.3, "");
    if (has("run.turbulence_viscosity_ratio") && has("run.turbulence_length_scale"))
        throw common::InputError(raw.describe("run.turbulence_length_scale") + " and " +
                          raw.alsoDescribe("run.turbulence_viscosity_ratio", "run.turbulence_length_scale") +
                          ": give one of them");
    if (has("run.turbulence_viscosity_ratio"))
        c.turbulenceViscosityRatio = raw.number("run.turbulence_viscosity_ratio", 0.1, 10000.0, "");
    if (has("run.turbulence_length_scale"))
        c.turbulenceLengthScale = raw.number("run.turbulence_length_scale", 0.001, 10.0, "m");

    if (has("formation.preset")) c.presets = raw.presetList("formation.preset");
    auto uses = [&](const std::string& preset) {
        return std::find(c.presets.begin(), c.presets.end(), preset) != c.presets.end();
    };
    if (has("formation.positions")) {
        if (!uses("custom"))
            raw.fail("formation.positions", "explicit positions need formation.preset = custom (preset is " +
                                                joined(c.presets, ", ") + ")");
        c.positions = raw.positions("formation.positions");
    } else if (uses("custom")) {
        raw.fail("formation.preset", "custom needs formation.positions, e.g. (1.3, 0), (-1.0, 0)");
    }
    if (has("formation.ahead")) c.aheadCount = raw.integer("formation.ahead", 0, 8);
    if (has("formation.behind")) c.behindCount = raw.integer("formation.behind", 0, 8);
    if (uses("single-file") && c.aheadCount + c.behindCount == 0) {
        // Both counts were given (the defaults are 2 and 1).
        const char* key = has("formation.ahead") ? "formation.ahead" : "formation.behind";
        raw.fail(key, "single-file needs at least one pacer (formation.ahead + formation.behind = 0)");
    }
    if (has("formation.row_gap")) c.rowGap = raw.number("formation.row_gap", 0.2, 5.0, "m");
    if (has("formation.gap_definition"))
        c.gapDefinition = raw.choice("formation.gap_definition", {"centre", "clearance"});

    auto readAxes = [&](const std::string& prefix, SweepAxes& a) {
        const std::string f = prefix + ".front_gap", b = prefix + ".back_gap", l = prefix + ".lateral",
                          h = prefix + ".pacer_height";
        if (raw.has(f)) a.frontGaps = raw.axis(f, 0.3, 20.0);
        if (raw.has(b)) a.backGaps = raw.axis(b, 0.3, 20.0);
        if (raw.has(l)) a.laterals = raw.axis(l, -5.0, 5.0);
        if (raw.has(h)) {
            a.pacerHeights = raw.axis(h, meshes::Athlete::kMinHeight, meshes::Athlete::kMaxHeight);
            // Each height's mass follows the pacers' body-mass index: it must be a mass the body takes.
            for (const double height : a.pacerHeights) {
                const double mass = c.pacerSize(height).massKg;
                if (mass < meshes::Athlete::kMinMass || mass > meshes::Athlete::kMaxMass) {
                    std::ostringstream msg;
                    msg << "height " << common::ValueList::format(height) << " m gives a pacer of " << mass
                        << " kg at the pacers' body-mass index, outside [" << meshes::Athlete::kMinMass << ", "
                        << meshes::Athlete::kMaxMass << "] kg";
                    raw.fail(h, msg.str());
                }
            }
        }
    };
    readAxes("sweep", c.axes);
    for (const auto& preset : kPresets) {
        const std::string prefix = "sweep." + preset;
        const std::string given = raw.has(prefix + ".front_gap")      ? prefix + ".front_gap"
                                  : raw.has(prefix + ".back_gap")     ? prefix + ".back_gap"
                                  : raw.has(prefix + ".lateral")      ? prefix + ".lateral"
                                  : raw.has(prefix + ".pacer_height") ? prefix + ".pacer_height"
                                                                      : "";
        if (given.empty()) continue;
        if (!uses(preset)) raw.fail(given, preset + " is not in formation.preset");
        SweepAxes own = c.axes;
        readAxes(prefix, own);
        c.presetAxes[preset] = own;
    }

    if (has("mesh.dimension")) c.dimension = raw.integer("mesh.dimension", 2, 3);
    c.level = c.dimension == 3 ? "medium" : "coarse";
    if (has("mesh.level")) c.level = raw.choice("mesh.level", meshes::MeshLevel::names());
    if (has("geometry.pose")) {
        c.geometryPose = raw.choice("geometry.pose", {"mid-stride", "standing"});
        if (c.dimension != 3) raw.fail("geometry.pose", "needs mesh.dimension = 3");
    }
    if (has("geometry.stl")) {
        c.geometryStl = raw.stlPath("geometry.stl");
        if (c.dimension != 3) raw.fail("geometry.stl", "needs mesh.dimension = 3");
    }
    // A phase of the measured stride: 1 is the next stride's 0, so it is refused rather than wrapped.
    const auto phaseIn = [&](const char* key) {
        const double phase = raw.number(key, 0.0, 1.0, "");
        if (phase == 1.0) raw.fail(key, "1 is the next stride's 0: give 0");
        return phase;
    };
    if (has("geometry.stride_phase")) {
        c.stridePhase = phaseIn("geometry.stride_phase");
        if (c.dimension != 3) raw.fail("geometry.stride_phase", "needs mesh.dimension = 3");
        if (has("geometry.stl")) raw.fail("geometry.stride_phase", "poses the parametric body: not with geometry.stl");
        if (has("geometry.pose")) raw.fail("geometry.stride_phase", "replaces geometry.pose: give one, not both");
    }
    if (has("pacers.stride_offset")) {
        c.pacerStrideOffsets = raw.axis("pacers.stride_offset", 0.0, 1.0);
        for (const double offset : c.pacerStrideOffsets)
            if (offset == 1.0) raw.fail("pacers.stride_offset", "1 is the next stride's 0: give 0");
        if (!c.stridePhase) raw.fail("pacers.stride_offset", "needs geometry.stride_phase");
        if (c.pacerStrideOffsets.size() > 1) {
            // One per pacer: every formation must have exactly that many, or some pacer has none.
            if (c.gapDefinition == "clearance")
                raw.fail("pacers.stride_offset", "one per pacer: not with formation.gap_definition = clearance (each "
                                                 "pacer's depth would differ; give centre gaps)");
            for (const auto& preset : c.presets) {
                if (preset == "solo") continue;
                const std::size_t pacers = Formation::place(c, preset, 1.0, 1.0, 1.0).size() - 1;
                if (pacers != c.pacerStrideOffsets.size())
                    raw.fail("pacers.stride_offset", std::to_string(c.pacerStrideOffsets.size()) + " offsets, one per pacer, but " +
                                                         preset + " places " + std::to_string(pacers));
            }
        }
    }
    // The limbs' proportions shape the 3D parametric body only.
    for (const auto& position : c.positions) {
        if (!position.proportions) continue;
        if (c.dimension != 3) raw.fail("formation.positions", "a pacer's proportions shape the 3D parametric body: needs mesh.dimension = 3");
        if (has("geometry.stl")) raw.fail("formation.positions", "a pacer's proportions shape the parametric body: not with geometry.stl");
    }
    for (const char* key : {"athlete.proportions", "pacers.proportions"}) {
        if (!has(key)) continue;
        const std::string set = raw.choice(key, meshes::SegmentProportions::names());
        if (c.dimension != 3) raw.fail(key, "shapes the 3D parametric body: needs mesh.dimension = 3");
        if (has("geometry.stl")) raw.fail(key, "shapes the parametric body: not with geometry.stl");
        (std::string(key) == "athlete.proportions" ? c.athleteProportions : c.pacerProportions.emplace()) = set;
    }
    if (has("mesh.wall_treatment")) {
        c.wallTreatment = raw.choice("mesh.wall_treatment", {"wall-functions", "low-re"});
        if (c.dimension != 3) raw.fail("mesh.wall_treatment", "needs mesh.dimension = 3");
    }
    // The 3D box; each at least a background cell of the coarse level, at most a stadium.
    for (const auto& [key, value] : {std::pair<const char*, double*>{"mesh.upstream", &c.domain.upstream},
                                     {"mesh.downstream", &c.domain.downstream},
                                     {"mesh.side", &c.domain.side},
                                     {"mesh.above", &c.domain.above}}) {
        if (!has(key)) continue;
        *value = raw.number(key, 0.5, 100.0, "m");
        if (c.dimension != 3) raw.fail(key, "needs mesh.dimension = 3");
    }

    if (has("solver.turbulence"))
        c.turbulence = raw.choice("solver.turbulence", {"kOmegaSST", "kEpsilon", "realizableKE", "laminar"});
    // A wall-resolved mesh is for k-omega SST, which integrates to the wall; the k-epsilon models
    // need wall functions and laminar has no model to compare.
    if (c.wallTreatment == "low-re" && c.turbulence != "kOmegaSST")
        raw.fail("mesh.wall_treatment", "low-re needs solver.turbulence = kOmegaSST (is " + c.turbulence + ")");
    if (has("solver.application"))
        c.application = raw.choice("solver.application", {"draftFoam", "simpleFoam", "pimpleFoam"});
    if (has("solver.max_iterations")) c.maxIterations = raw.integer("solver.max_iterations", 1, 100000);
    if (has("solver.tolerance")) c.tolerance = raw.number("solver.tolerance", 1e-12, 0.1, "");
    if (has("solver.mode")) c.mode = raw.choice("solver.mode", {"steady", "transient"});
    // The stock solvers each have one mode; draftFoam has both.
    if (c.application == "simpleFoam" && c.mode == "transient")
        raw.fail("solver.application", "steady only; use draftFoam or pimpleFoam for solver.mode = transient");
    if (c.application == "pimpleFoam" && c.mode != "transient")
        raw.fail("solver.application", "transient only; use draftFoam or simpleFoam for solver.mode = steady");
    if (has("solver.end_time")) c.endTime = raw.number("solver.end_time", 0.01, 1e4, "s");
    if (has("solver.averaging_start")) c.averagingStart = raw.number("solver.averaging_start", 0.0, 1e4, "s");
    // Unset, the averaging start is one flow-through of the box, known only once the case is
    // meshed: an end time alone could fall before it, so it needs the start beside it.
    if (c.mode == "transient" && c.endTime && !c.averagingStart)
        raw.fail("solver.end_time", "give solver.averaging_start too (unset, averaging starts after one flow-through of "
                                    "the box and the end follows three later)");
    if (c.mode == "transient" && c.endTime && c.averagingStart && *c.averagingStart >= *c.endTime) {
        std::ostringstream msg;
        msg << "must be before solver.end_time (" << *c.endTime << " s)";
        raw.fail("solver.averaging_start", msg.str());
    }
    if (has("solver.max_courant")) c.maxCourant = raw.number("solver.max_courant", 0.05, 20.0, "");
    if (has("solver.outer_correctors")) c.outerCorrectors = raw.integer("solver.outer_correctors", 1, 50);
    if (has("solver.settled_tolerance"))
        c.settledTolerance = raw.number("solver.settled_tolerance", 0.0, 0.5, "");
    if (has("solver.settled_window")) c.settledWindow = raw.integer("solver.settled_window", 5, 100000);
    if (has("pacing.baseline_time")) {
        c.pacingBaselineTime = raw.checked("pacing.baseline_time", [](const std::string& t) {
            return SweepConfig::parseMileTime("pacing.baseline_time", t);
        });
        const double v = common::kMileMetres / c.pacingBaselineTime;
        if (v < 2.5 || v > 8.0) raw.fail("pacing.baseline_time", "implies a mile speed outside the pacing model's [2.5, 8] m/s");
    }
    return c;
}

}  // namespace

// The one grammar for mile times (docs/config.md): "m:ss" or "m:ss.s…" (1–3 digits of minutes, seconds
// exactly two digits below 60, 1–6 decimals), or seconds alone "ss" / "ss.s…" (1–2 digits); blanks
// around it are ignored. "4:7", "4:075", "4:00." and "1e2" are refused.
double SweepConfig::parseMileTime(const std::string& field, const std::string& text) {
    static const std::regex form(R"(([0-9]{1,3}):([0-5][0-9](?:\.[0-9]{1,6})?)|([0-9]{1,2}(?:\.[0-9]{1,6})?))");
    const auto fail = [&](const std::string& why) {
        return common::InputError(common::ErrorSite::of(field, text), why);
    };
    const std::string trimmed = trimBlanks(text);
    std::smatch m;
    if (trimmed.size() > 16 || !std::regex_match(trimmed, m, form))
        throw fail("expected m:ss or m:ss.ss, seconds two digits below 60 (e.g. 4:07.64)");
    const double minutes = m[1].matched ? std::stod(m[1].str()) : 0.0;
    const double seconds = std::stod(m[1].matched ? m[2].str() : m[3].str());
    const double total = minutes * 60.0 + seconds;
    if (total <= 0.0) throw fail("must be positive");
    return total;
}

SweepConfig SweepConfig::load(const std::string& path, const std::vector<std::string>& overrides) {
    const common::ErrorSite source{"config file", path, 0, "", std::nullopt};
    // `plan ""` must not quietly run the default sweep.
    if (path.empty()) throw common::InputError(source, "cannot be read (empty path)");
    RawValues raw = readOverrides(overrides);
    readIni(readConfigFile(path, source), source, raw);
    return build(Values(std::move(raw)));
}

SweepConfig SweepConfig::parse(const std::string& text, const std::vector<std::string>& overrides) {
    RawValues raw = readOverrides(overrides);
    readIni(text, common::ErrorSite{"config text", std::nullopt, 0, "", std::nullopt}, raw);
    return build(Values(std::move(raw)));
}

const SweepAxes& SweepConfig::axesFor(const std::string& preset) const {
    const auto own = presetAxes.find(preset);
    return own != presetAxes.end() ? own->second : axes;
}

std::string SweepConfig::toText() const {
    const auto num = [](double v) { return common::ValueList::format(v); };
    const auto list = [&](const std::vector<double>& values) {
        std::string out;
        for (double v : values) out += (out.empty() ? "" : ", ") + num(v);
        return out;
    };
    const auto axesText = [&](const SweepAxes& a) {
        std::string out;
        if (!a.frontGaps.empty()) out += "front_gap = " + list(a.frontGaps) + "\n";
        if (!a.backGaps.empty()) out += "back_gap = " + list(a.backGaps) + "\n";
        if (!a.laterals.empty()) out += "lateral = " + list(a.laterals) + "\n";
        if (!a.pacerHeights.empty()) out += "pacer_height = " + list(a.pacerHeights) + "\n";
        return out;
    };
    std::ostringstream t;
    t << "# The settings of this sweep as draft-cases read them, every key given (docs/config.md):\n"
      << "# draft-cases reads this file back to the same cases.\n"
      << "name = " << name << "\n\n[athlete]\nheight = " << num(athleteHeight) << "\nmass = " << num(athleteMass)
      << "\n";
    if (athleteProportions != "winter") t << "proportions = " << athleteProportions << "\n";
    if (pacerHeight || pacerMass || !pacerStrideOffsets.empty() || pacerProportions) {
        t << "\n[pacers]\n";
        if (pacerHeight) t << "height = " << num(*pacerHeight) << "\n";
        if (pacerMass) t << "mass = " << num(*pacerMass) << "\n";
        if (!pacerStrideOffsets.empty()) t << "stride_offset = " << list(pacerStrideOffsets) << "\n";
        if (pacerProportions) t << "proportions = " << *pacerProportions << "\n";
    }
    t << "\n[run]\nspeed = " << num(speed);
    if (windSpeed > 0.0) t << "\nwind_speed = " << num(windSpeed) << "\nwind_direction = " << num(windDirection);
    else t << "\nheadwind = " << num(headwind);
    t << "\nair_density = " << num(airDensity)
      << "\nturbulence_intensity = " << num(turbulenceIntensity) << "\n";
    if (turbulenceLengthScale > 0.0) t << "turbulence_length_scale = " << num(turbulenceLengthScale) << "\n";
    else t << "turbulence_viscosity_ratio = " << num(turbulenceViscosityRatio) << "\n";
    std::string presetList;
    for (const auto& p : presets) presetList += (presetList.empty() ? "" : ", ") + p;
    t << "\n[formation]\npreset = " << presetList << "\n";
    if (!positions.empty()) {
        std::string ps;
        for (const auto& p : positions) {
            ps += (ps.empty() ? "(" : ", (") + num(p.x) + ", " + num(p.y);
            if (p.heightM) ps += ", " + num(*p.heightM) + ", " + num(*p.massKg);
            if (p.proportions) ps += ", " + *p.proportions;
            ps += ")";
        }
        t << "positions = " << ps << "\n";
    }
    t << "ahead = " << aheadCount << "\nbehind = " << behindCount << "\nrow_gap = " << num(rowGap)
      << "\ngap_definition = " << gapDefinition << "\n\n[sweep]\n" << axesText(axes);
    for (const auto& [preset, a] : presetAxes) t << "\n[sweep." << preset << "]\n" << axesText(a);
    t << "\n[mesh]\ndimension = " << dimension << "\nlevel = " << level << "\n";
    if (dimension == 3) {
        t << "upstream = " << num(domain.upstream) << "\ndownstream = " << num(domain.downstream)
          << "\nside = " << num(domain.side) << "\nabove = " << num(domain.above) << "\nwall_treatment = " << wallTreatment
          << "\n\n[geometry]\n";
        if (stridePhase) t << "stride_phase = " << num(*stridePhase) << "\n";
        else t << "pose = " << geometryPose << "\n";
        if (!geometryStl.empty()) t << "stl = " << geometryStl << "\n";
    }
    t << "\n[solver]\nturbulence = " << turbulence << "\napplication = " << application << "\nmode = " << mode
      << "\nmax_iterations = " << maxIterations << "\ntolerance = " << num(tolerance) << "\n";
    if (mode == "transient") {
        if (endTime) t << "end_time = " << num(*endTime) << "\n";
        if (averagingStart) t << "averaging_start = " << num(*averagingStart) << "\n";
        t << "max_courant = " << num(maxCourant) << "\n";
        t << "outer_correctors = " << outerCorrectors << "\n";
    }
    t << "settled_tolerance = " << num(settledTolerance) << "\nsettled_window = " << settledWindow << "\n";
    if (pacingBaselineTime > 0.0) {
        // m:ss.ssssss, the mile-time grammar's finest: the seconds as the file gave them.
        const int minutes = static_cast<int>(pacingBaselineTime / 60.0);
        char seconds[32];
        std::snprintf(seconds, sizeof(seconds), "%09.6f", pacingBaselineTime - 60.0 * minutes);
        t << "\n[pacing]\nbaseline_time = " << minutes << ":" << seconds << "\n";
    }
    return t.str();
}

nlohmann::json SweepConfig::toJson() const {
    auto axesJson = [](const SweepAxes& a) {
        nlohmann::json j{{"front_gap_m", a.frontGaps}, {"back_gap_m", a.backGaps}, {"lateral_m", a.laterals}};
        // Absent when not swept, as in the manifests from before the axis.
        if (!a.pacerHeights.empty()) j["pacer_height_m"] = a.pacerHeights;
        return j;
    };
    nlohmann::json sweepJson = axesJson(axes);
    for (const auto& [preset, a] : presetAxes) sweepJson[preset] = axesJson(a);
    nlohmann::json positionsJson = nlohmann::json::array();
    // A position of her size or [pacers]' is the pair it always was; one with a size of its own an object.
    for (const auto& p : positions) {
        if (!p.heightM) {
            positionsJson.push_back({p.x, p.y});
            continue;
        }
        nlohmann::json sized = {{"x_m", p.x}, {"y_m", p.y}, {"height_m", *p.heightM}, {"mass_kg", *p.massKg}};
        if (p.proportions) sized["proportions"] = *p.proportions;
        positionsJson.push_back(sized);
    }
    nlohmann::json json = {
        {"name", name},
        {"athlete", {{"height_m", athleteHeight}, {"mass_kg", athleteMass}}},
        {"run",
         {{"speed_mps", speed},
          {"headwind_mps", headwind},
          {"air_density_kg_m3", airDensity},
          {"turbulence_intensity", turbulenceIntensity},
          {"turbulence_viscosity_ratio",
           turbulenceLengthScale > 0.0 ? nlohmann::json() : nlohmann::json(turbulenceViscosityRatio)},
          {"turbulence_length_scale_m",
           turbulenceLengthScale > 0.0 ? nlohmann::json(turbulenceLengthScale) : nlohmann::json()}}},
        {"formation",
         {{"preset", presets}, {"positions", positionsJson}, {"ahead", aheadCount}, {"behind", behindCount},
          {"row_gap_m", rowGap}, {"gap_definition", gapDefinition}}},
        {"sweep", sweepJson},
        {"mesh", dimension == 3 ? nlohmann::json{{"dimension", dimension},
                                                 {"level", level},
                                                 {"upstream_m", domain.upstream},
                                                 {"downstream_m", domain.downstream},
                                                 {"side_m", domain.side},
                                                 {"above_m", domain.above},
                                                 {"wall_treatment", wallTreatment}}
                                : nlohmann::json{{"dimension", dimension}, {"level", level}}},
        {"geometry", {{"pose", geometryPose}, {"stl", geometryStl}}},
        {"solver",
         {{"turbulence", turbulence},
          {"application", application},
          {"mode", mode},
          {"max_iterations", maxIterations},
          {"tolerance", tolerance},
          // Transient-only settings are null in a steady sweep: they change nothing it computes,
          // so they must not change its fingerprint either.
          {"end_time_s", mode == "transient" && endTime ? nlohmann::json(*endTime) : nlohmann::json()},
          {"averaging_start_s",
           mode == "transient" && averagingStart ? nlohmann::json(*averagingStart) : nlohmann::json()},
          {"max_courant", mode == "transient" ? nlohmann::json(maxCourant) : nlohmann::json()},
          {"settled_tolerance", settledTolerance},
          {"settled_window", settledWindow}}},
        {"pacing", {{"baseline_time_s", pacingBaselineTime > 0.0 ? nlohmann::json(pacingBaselineTime)
                                                                  : nlohmann::json()}}},
    };
    // Absent, not null, in a steady sweep: a key added later must not change the fingerprints of
    // the steady cases already run.
    if (mode == "transient") json["solver"]["outer_correctors"] = outerCorrectors;
    // Absent in calm air, for the same reason.
    if (windSpeed > 0.0) {
        json["run"]["wind_speed_mps"] = windSpeed;
        json["run"]["wind_direction_deg"] = windDirection;
    }
    // Absent with the athlete's pacers, for the same reason.
    if (pacerHeight || pacerMass || !pacerStrideOffsets.empty() || pacerProportions)
        json["pacers"] = {{"height_m", pacerHeight ? nlohmann::json(*pacerHeight) : nlohmann::json()},
                          {"mass_kg", pacerMass ? nlohmann::json(*pacerMass) : nlohmann::json()}};
    // Absent without them, for the same reason (the stride's phases and the proportions came later).
    // One offset for every pacer is the number it always was; one per pacer a list.
    if (pacerStrideOffsets.size() == 1) json["pacers"]["stride_offset"] = pacerStrideOffsets.front();
    if (pacerStrideOffsets.size() > 1) json["pacers"]["stride_offset"] = pacerStrideOffsets;
    if (pacerProportions) json["pacers"]["proportions"] = *pacerProportions;
    if (athleteProportions != "winter") json["athlete"]["proportions"] = athleteProportions;
    if (stridePhase) json["geometry"]["stride_phase"] = *stridePhase;
    return json;
}

namespace {

using nlohmann::json;

// Manifests from before a key existed lack it (or, for one key, wrote it where it meant nothing).
// Each is read as what the tool did then, from the project's history; a key missing for which
// that is not known (the 3D box before 2026-11-26) is refused, never filled with a default.
//   formation.gap_definition        centre to centre: the only definition before the key
//   mesh.wall_treatment (3D)        wall functions: the only treatment before the key
//   solver.outer_correctors         1 (PISO-like): PIMPLE's only loop count before the key
//   pacing (the section)            no baseline time: the mile at the running speed
//   geometry (the section)          the mid-stride parametric body: the only body before it
//   pacers (the section, absent)    the athlete's body for every pacer: the only pacers before
//                                   it (and still what an absent section means)
//   sweep.pacer_height_m (absent)   not swept
//   run.wind_speed_mps (absent)     calm air, or run.headwind alone (and no wind_direction_deg)
//   run.turbulence_viscosity_ratio  none when the inflow was given by a length scale (before
//                                   the ratio existed, it always was)
//   solver.max_courant (steady)     none: it changed nothing a steady case computes, and
//                                   manifests of 2026-11-23 wrote it anyway
void addMeaningsOfOlderManifests(json& j) {
    const auto section = [&j](const char* name) -> json* {
        return j.contains(name) && j.at(name).is_object() ? &j.at(name) : nullptr;
    };
    const auto text = [](const json* o, const char* key) {
        return o && o->contains(key) && o->at(key).is_string() ? o->at(key).get<std::string>() : std::string();
    };
    const auto fill = [](json* o, const char* key, const json& meaning) {
        if (o && !o->contains(key)) (*o)[key] = meaning;
    };
    json* mesh = section("mesh");
    json* solver = section("solver");
    json* run = section("run");
    const bool threeD = mesh && mesh->contains("dimension") && mesh->at("dimension").is_number_integer() &&
                        mesh->at("dimension").get<long long>() == 3;
    fill(section("formation"), "gap_definition", "centre");
    if (threeD) fill(mesh, "wall_treatment", "wall-functions");
    const std::string mode = text(solver, "mode");
    if (mode == "transient") fill(solver, "outer_correctors", 1);
    if (mode == "steady" && solver && solver->contains("max_courant")) (*solver)["max_courant"] = nullptr;
    if (!j.contains("pacing")) j["pacing"] = {{"baseline_time_s", nullptr}};
    if (!j.contains("geometry")) j["geometry"] = {{"pose", "mid-stride"}, {"stl", ""}};
    if (run && run->contains("turbulence_length_scale_m") && run->at("turbulence_length_scale_m").is_number() &&
        run->at("turbulence_length_scale_m").get<double>() > 0.0)
        fill(run, "turbulence_viscosity_ratio", nullptr);
}

// toJson's JSON read back field by field, each error naming `origin` and "config.SECTION.KEY".
class ConfigFields {
public:
    ConfigFields(const json& root, const std::string& origin) : root_(root), fields_(origin, common::JsonFields::Source::input) {}

    /// The one-line refusal of `field`: "'ORIGIN': FIELD = 'VALUE': WHY" (common::JsonFields).
    [[noreturn]] void refuse(const std::string& field, const json& value, const std::string& why) const {
        fields_.refuse(field, value, why);
    }
    [[noreturn]] void refuse(const std::string& field, const std::string& why) const { fields_.refuse(field, why); }

    const json& at(const std::string& section, const std::string& key = "") const {
        const json* v = &root_;
        std::string field = "config";
        for (const std::string& part : {section, key}) {
            if (part.empty()) continue;
            if (!v->is_object()) refuse(field, *v, "not an object");
            field += "." + part;
            if (!v->contains(part)) refuse(field, "missing");
            v = &v->at(part);
        }
        return *v;
    }
    double number(const std::string& section, const std::string& key) const {
        const json& v = at(section, key);
        if (!v.is_number()) refuse(field(section, key), v, "not a number");
        return v.get<double>();
    }
    std::optional<double> numberOrNull(const std::string& section, const std::string& key) const {
        return at(section, key).is_null() ? std::nullopt : std::optional<double>(number(section, key));
    }
    int integer(const std::string& section, const std::string& key) const {
        const json& v = at(section, key);
        if (!v.is_number_integer() || v.get<long long>() < std::numeric_limits<int>::min() ||
            v.get<long long>() > std::numeric_limits<int>::max())
            refuse(field(section, key), v, "not an integer");
        return v.get<int>();
    }
    std::string text(const std::string& section, const std::string& key = "") const {
        const json& v = at(section, key);
        if (!v.is_string()) refuse(field(section, key), v, "not a string");
        return singleLine(v, field(section, key));
    }
    // A limb-proportions set: a name meshes::SegmentProportions knows.
    std::string proportions(const std::string& section) const {
        const std::string t = text(section, "proportions");
        const auto& names = meshes::SegmentProportions::names();
        if (std::find(names.begin(), names.end(), t) == names.end())
            refuse(field(section, "proportions"), at(section, "proportions"), "expected winter, female or male");
        return t;
    }
    // A string that goes back through the config's text: a line break or another control
    // character would be read as something else, so it is refused here, naming its field.
    std::string singleLine(const json& v, const std::string& where) const {
        const std::string t = v.get<std::string>();
        if (std::any_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
            refuse(where, v, "not a single line of text");
        return t;
    }
    std::vector<double> numbers(const json& list, const std::string& where) const {
        if (!list.is_array()) refuse(where, list, "not a list");
        std::vector<double> out;
        for (const auto& v : list) {
            if (!v.is_number()) refuse(where, list, "not a list of numbers");
            out.push_back(v.get<double>());
        }
        return out;
    }
    SweepAxes axes(const json& j, const std::string& where) const {
        if (!j.is_object()) refuse(where, j, "not an object");
        SweepAxes a;
        const auto list = [&](const char* key) {
            if (!j.contains(key)) refuse(where + "." + key, "missing");
            return numbers(j.at(key), where + "." + key);
        };
        a.frontGaps = list("front_gap_m");
        a.backGaps = list("back_gap_m");
        a.laterals = list("lateral_m");
        if (j.contains("pacer_height_m")) a.pacerHeights = numbers(j.at("pacer_height_m"), where + ".pacer_height_m");
        return a;
    }

private:
    static std::string field(const std::string& section, const std::string& key) {
        return "config." + section + (key.empty() ? "" : "." + key);
    }
    const json& root_;
    common::JsonFields fields_;
};

// The first field where two toJson documents differ ("config.run.speed_mps"), "" if none.
std::string firstDifference(const json& a, const json& b, const std::string& where) {
    if (a.is_object() && b.is_object()) {
        for (const auto& [key, value] : a.items()) {
            if (!b.contains(key)) return where + "." + key;
            if (auto d = firstDifference(value, b.at(key), where + "." + key); !d.empty()) return d;
        }
        for (const auto& [key, value] : b.items())
            if (!a.contains(key)) return where + "." + key;
        return "";
    }
    return a == b ? "" : where;
}

const json* atPath(const json& root, const std::string& path) {
    const json* v = &root;
    std::istringstream parts(path.substr(path.find('.') + 1));  // after "config."
    for (std::string part; std::getline(parts, part, '.');) {
        if (!v->is_object() || !v->contains(part)) return nullptr;
        v = &v->at(part);
    }
    return v;
}

}  // namespace

SweepConfig SweepConfig::fromJson(const json& given, const std::string& origin) {
    if (!given.is_object())
        common::JsonFields(origin, common::JsonFields::Source::input).refuse("config", given, "not an object");
    json j = given;
    addMeaningsOfOlderManifests(j);
    const ConfigFields f(j, origin);
    SweepConfig c;
    c.name = f.text("name");
    c.athleteHeight = f.number("athlete", "height_m");
    c.athleteMass = f.number("athlete", "mass_kg");
    if (j.contains("pacers")) {
        c.pacerHeight = f.numberOrNull("pacers", "height_m");
        c.pacerMass = f.numberOrNull("pacers", "mass_kg");
        if (j.at("pacers").is_object() && j.at("pacers").contains("stride_offset")) {
            const json& offsets = j.at("pacers").at("stride_offset");
            c.pacerStrideOffsets = offsets.is_array() ? f.numbers(offsets, "config.pacers.stride_offset")
                                                      : std::vector<double>{f.number("pacers", "stride_offset")};
        }
        if (j.at("pacers").is_object() && j.at("pacers").contains("proportions"))
            c.pacerProportions = f.proportions("pacers");
    }
    if (j.at("athlete").is_object() && j.at("athlete").contains("proportions"))
        c.athleteProportions = f.proportions("athlete");
    c.speed = f.number("run", "speed_mps");
    c.headwind = f.number("run", "headwind_mps");
    if (j.at("run").is_object() && j.at("run").contains("wind_speed_mps")) {
        c.windSpeed = f.number("run", "wind_speed_mps");
        c.windDirection = f.number("run", "wind_direction_deg");
    }
    c.airDensity = f.number("run", "air_density_kg_m3");
    c.turbulenceIntensity = f.number("run", "turbulence_intensity");
    if (const auto length = f.numberOrNull("run", "turbulence_length_scale_m")) {
        c.turbulenceLengthScale = *length;
    } else {
        c.turbulenceViscosityRatio = f.number("run", "turbulence_viscosity_ratio");
    }
    const json& presets = f.at("formation", "preset");
    if (!presets.is_array()) f.refuse("config.formation.preset", presets, "not a list");
    c.presets.clear();
    for (const auto& p : presets) {
        if (!p.is_string()) f.refuse("config.formation.preset", presets, "not a list of names");
        c.presets.push_back(f.singleLine(p, "config.formation.preset"));
    }
    const json& positions = f.at("formation", "positions");
    if (!positions.is_array()) f.refuse("config.formation.positions", positions, "not a list");
    for (const auto& p : positions) {
        if (p.is_object()) {
            // Checked by the parser below (through toText), as a config file's would be.
            PacerPosition sized;
            const auto number = [&](const char* key) {
                if (!p.contains(key) || !p.at(key).is_number())
                    f.refuse("config.formation.positions", p, std::string("no number ") + key);
                return p.at(key).get<double>();
            };
            sized.x = number("x_m");
            sized.y = number("y_m");
            sized.heightM = number("height_m");
            sized.massKg = number("mass_kg");
            if (p.contains("proportions")) {
                if (!p.at("proportions").is_string()) f.refuse("config.formation.positions", p, "proportions not a name");
                sized.proportions = f.singleLine(p.at("proportions"), "config.formation.positions");
            }
            c.positions.push_back(sized);
            continue;
        }
        const auto xy = f.numbers(p, "config.formation.positions");
        if (xy.size() != 2) f.refuse("config.formation.positions", p, "not an (x, y) pair");
        PacerPosition pair;
        pair.x = xy[0];
        pair.y = xy[1];
        c.positions.push_back(pair);
    }
    c.aheadCount = f.integer("formation", "ahead");
    c.behindCount = f.integer("formation", "behind");
    c.rowGap = f.number("formation", "row_gap_m");
    c.gapDefinition = f.text("formation", "gap_definition");
    const json& sweep = f.at("sweep");
    c.axes = f.axes(sweep, "config.sweep");
    if (sweep.is_object())
        for (const auto& [key, value] : sweep.items())
            if (key != "front_gap_m" && key != "back_gap_m" && key != "lateral_m" && key != "pacer_height_m")
                c.presetAxes[f.singleLine(json(key), "config.sweep")] = f.axes(value, "config.sweep." + key);
    c.dimension = f.integer("mesh", "dimension");
    c.level = f.text("mesh", "level");
    if (c.dimension == 3) {
        c.domain.upstream = f.number("mesh", "upstream_m");
        c.domain.downstream = f.number("mesh", "downstream_m");
        c.domain.side = f.number("mesh", "side_m");
        c.domain.above = f.number("mesh", "above_m");
        c.wallTreatment = f.text("mesh", "wall_treatment");
    }
    c.geometryPose = f.text("geometry", "pose");
    c.geometryStl = f.text("geometry", "stl");
    if (j.at("geometry").is_object() && j.at("geometry").contains("stride_phase"))
        c.stridePhase = f.number("geometry", "stride_phase");
    c.turbulence = f.text("solver", "turbulence");
    c.application = f.text("solver", "application");
    c.mode = f.text("solver", "mode");
    c.maxIterations = f.integer("solver", "max_iterations");
    c.tolerance = f.number("solver", "tolerance");
    c.endTime = f.numberOrNull("solver", "end_time_s");
    c.averagingStart = f.numberOrNull("solver", "averaging_start_s");
    if (const auto courant = f.numberOrNull("solver", "max_courant")) c.maxCourant = *courant;
    if (c.mode == "transient") c.outerCorrectors = f.integer("solver", "outer_correctors");
    c.settledTolerance = f.number("solver", "settled_tolerance");
    c.settledWindow = f.integer("solver", "settled_window");
    if (const auto baseline = f.numberOrNull("pacing", "baseline_time_s")) c.pacingBaselineTime = *baseline;

    // The config's own checks, through the one parser: a value a config file would refuse is
    // refused here too, and every value must read back the same (a name with a line break in it
    // would not).
    SweepConfig checked;
    try {
        checked = parse(c.toText());
    } catch (const common::InputError& e) {
        throw common::InputError(common::ErrorSite::inFile(origin, "config"),
                                 std::string("not settings draft-cases accepts (") + e.what() + ")");
    }
    const json back = checked.toJson();
    if (const std::string d = firstDifference(j, back, "config"); !d.empty()) {
        const json* given = atPath(j, d);
        if (!given) f.refuse(d, "missing");
        if (!atPath(back, d)) f.refuse(d, *given, "not a key draft-cases writes");
        f.refuse(d, *given, "does not read back the same through the config");
    }
    return checked;
}

namespace {

// cos and sin of a direction in degrees, exact at the four quarters: a wind from behind is no
// crosswind of 1e-16 m/s.
std::pair<double, double> cosSin(double degrees) {
    const double d = std::fmod(degrees, 360.0);
    if (d == 0.0) return {1.0, 0.0};
    if (d == 90.0) return {0.0, 1.0};
    if (d == 180.0) return {-1.0, 0.0};
    if (d == 270.0) return {0.0, -1.0};
    return {std::cos(d * M_PI / 180.0), std::sin(d * M_PI / 180.0)};
}

}  // namespace

double SweepConfig::airAlong() const { return speed + headwind + windSpeed * cosSin(windDirection).first; }

double SweepConfig::airAcross() const { return windSpeed * cosSin(windDirection).second; }

double SweepConfig::airSpeed() const { return std::hypot(airAlong(), airAcross()); }

BodySize SweepConfig::pacerSize(std::optional<double> height) const {
    const double given = pacerHeight.value_or(athleteHeight);
    const double h = height.value_or(given);
    const std::string& proportions = pacerProportions ? *pacerProportions : athleteProportions;
    // Without pacers.mass the mass is the athlete's index at h: exactly her mass at her height.
    if (!pacerMass)
        return {h, h == athleteHeight ? athleteMass : athleteMass * (h / athleteHeight) * (h / athleteHeight), proportions};
    if (h == given) return {h, *pacerMass, proportions};
    return {h, *pacerMass * (h / given) * (h / given), proportions};
}

BodySize SweepConfig::pacerSizeAt(const PacerPosition& position, std::optional<double> height) const {
    if (!position.heightM) return pacerSize(height);
    return {*position.heightM, *position.massKg,
            position.proportions ? *position.proportions : pacerProportions ? *pacerProportions : athleteProportions};
}

std::optional<double> SweepConfig::pacerStridePhase(std::size_t pacer) const {
    if (!stridePhase) return std::nullopt;
    const double offset = pacerStrideOffsets.empty()       ? 0.0
                          : pacerStrideOffsets.size() == 1 ? pacerStrideOffsets.front()
                                                           : pacerStrideOffsets.at(pacer);
    return meshes::GaitCycle::wrap(*stridePhase + offset);
}

std::optional<double> SweepConfig::pacerOwnStridePhase(std::size_t pacer) const {
    const std::optional<double> phase = pacerStridePhase(pacer);
    return phase == stridePhase ? std::nullopt : phase;
}

meshes::RunnerBody SweepConfig::runnerBody(std::optional<BodySize> size, std::optional<double> phase) const {
    const BodySize body = size.value_or(athlete());
    const meshes::Athlete athlete(body.heightM, body.massKg,
                                  meshes::SegmentProportions::of(body.proportions, "runner proportions"));
    if (!geometryStl.empty())
        return geometryAtOwnSize ? meshes::RunnerBody::fromReferenceStl(geometryStl)
                                 : meshes::RunnerBody::fromStl(geometryStl, athlete);
    if (const auto at = phase ? phase : stridePhase) return meshes::RunnerBody(athlete, *at);
    return meshes::RunnerBody(athlete, meshes::RunnerBody::poseFrom(geometryPose));
}

}  // namespace drafting::cases::config

