#include "postprocess/SweepSettings.hpp"

#include "cases/files/Manifest.hpp"

#include <nlohmann/json.hpp>

#include <utility>

namespace drafting::post {

namespace {

void flatten(const nlohmann::json& j, const std::string& prefix, std::map<std::string, std::string>& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) flatten(value, prefix.empty() ? key : prefix + "." + key, out);
        return;
    }
    if (j.is_null()) return;
    out[prefix] = j.is_string() ? j.get<std::string>() : j.dump();
}

}  // namespace

std::map<std::string, std::string> SweepSettings::of(const std::string& sweepDir) {
    std::map<std::string, std::string> flat;
    flatten(cases::files::Manifest::read(sweepDir).config.toJson(), "", flat);
    flat.erase("name");
    return flat;
}

std::vector<std::string> SweepSettings::differences(const std::map<std::string, std::string>& reference,
                                                    const std::map<std::string, std::string>& other) {
    std::map<std::string, std::pair<std::string, std::string>> moved;
    for (const auto& [key, value] : reference) {
        const auto it = other.find(key);
        const std::string there = it == other.end() ? "unset" : it->second;
        if (there != value) moved[key] = {value, there};
    }
    for (const auto& [key, value] : other)
        if (!reference.count(key)) moved[key] = {"unset", value};
    std::vector<std::string> lines;
    for (const auto& [key, values] : moved) lines.push_back(key + ": " + values.first + " -> " + values.second);
    return lines;
}

}  // namespace drafting::post
