#include "cases/files/Provenance.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "common/ShellWord.hpp"
#include "common/Version.hpp"

#include <unistd.h>

#include <array>
#include <ctime>
#include <mutex>

namespace drafting::cases::files {

namespace {

std::mutex commandMutex;
std::vector<std::string> recordedCommand;  // guarded by commandMutex

std::string hostName() {
    std::array<char, 256> buf{};
    if (gethostname(buf.data(), buf.size() - 1) != 0) return "unknown";
    return buf.data();
}

}  // namespace

std::string Provenance::utcNow() {
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

namespace {

std::string textAt(const nlohmann::json& j, const char* key, const std::string& path, const std::string& field) {
    if (!j.contains(key) || j.at(key).is_null()) return "";
    const auto& v = j.at(key);
    if (!v.is_string())
        throw common::InputError(common::ErrorSite::inFile(path, field + "." + key, v.dump()), "not a string");
    return v.get<std::string>();
}

}  // namespace

void Provenance::recordCommand(const std::string& tool, const std::vector<std::string>& args) {
    const std::lock_guard<std::mutex> guard(commandMutex);
    recordedCommand = {tool};
    recordedCommand.insert(recordedCommand.end(), args.begin(), args.end());
}

Provenance Provenance::now() {
    Provenance p;
    p.tool = "draft-cases";
    p.version = DRAFTING_VERSION;
    p.commit = DRAFTING_GIT_COMMIT;
    p.openfoam = DRAFTING_OPENFOAM_VERSION;
    p.host = hostName();
    p.date = utcNow();
    {
        const std::lock_guard<std::mutex> guard(commandMutex);
        p.command = recordedCommand;
    }
    if (!p.command.empty()) p.tool = p.command.front();
    else p.command = {p.tool};
    return p;
}

nlohmann::json Provenance::toJson() const {
    return {{"tool", tool}, {"version", version}, {"commit", commit}, {"openfoam", openfoam},
            {"host", host}, {"date", date},       {"command", command}};
}

Provenance Provenance::fromJson(const nlohmann::json& j, const std::string& path, const std::string& field) {
    if (!j.is_object())
        throw common::InputError(common::ErrorSite::inFile(path, field, j.dump()), "not an object");
    Provenance p;
    p.tool = textAt(j, "tool", path, field);
    p.version = textAt(j, "version", path, field);
    p.commit = textAt(j, "commit", path, field);
    p.openfoam = textAt(j, "openfoam", path, field);
    p.host = textAt(j, "host", path, field);
    p.date = textAt(j, "date", path, field);
    if (j.contains("command") && !j.at("command").is_null()) {
        const auto& c = j.at("command");
        if (!c.is_array())
            throw common::InputError(common::ErrorSite::inFile(path, field + ".command", c.dump()), "not a list");
        for (const auto& arg : c) {
            if (!arg.is_string())
                throw common::InputError(common::ErrorSite::inFile(path, field + ".command", c.dump()),
                                         "holds a non-string");
            p.command.push_back(arg.get<std::string>());
        }
    }
    return p;
}

std::string Provenance::summary() const {
    return tool + " " + version + " (git " + commit + ", OpenFOAM " + openfoam + ") on " + host + " at " + date;
}

std::string Provenance::commandLine() const {
    std::string line;
    for (const auto& arg : command) line += (line.empty() ? "" : " ") + common::ShellWord::quote(arg);
    return line;
}

}  // namespace drafting::cases::files
