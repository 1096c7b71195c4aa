#include "postprocess/ConvergenceFile.hpp"

#include "cases/ConfigError.hpp"
#include "cases/ConvergenceStudy.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"
#include "meshes/MeshLevel.hpp"

#include <algorithm>
#include <filesystem>

namespace drafting::post {

namespace {
std::string shown(const nlohmann::json& v) { return common::Printable::quote(v.is_null() ? "missing" : v.dump(), 60); }
}  // namespace

std::optional<std::string> ConvergenceFile::problem(const nlohmann::json& study) {
    if (!study.is_object()) return "not a JSON object: not a convergence.json";
    const nlohmann::json format = study.value("format", nlohmann::json());
    if (format != cases::ConvergenceStudy::kFormat)
        return "format = " + shown(format) + ": not a convergence.json of '" + cases::ConvergenceStudy::kFormat +
               "' (reduce an older study again: draft-cases convergence CONFIG -o DIR --reduce-only)";
    const nlohmann::json levels = study.value("levels", nlohmann::json());
    const auto& known = meshes::MeshLevel::names();
    bool good = levels.is_array() && levels.size() >= 3;
    for (const auto& l : good ? levels : nlohmann::json::array())
        good = good && l.is_string() && std::find(known.begin(), known.end(), l.get<std::string>()) != known.end();
    if (!good) return "levels = " + shown(levels) + ": not a list of three or more mesh levels";
    const nlohmann::json templ = study.value("template", nlohmann::json());
    if (!templ.is_null() && !templ.is_string()) return "template = " + shown(templ) + ": not a text";
    const nlohmann::json cases = study.value("cases", nlohmann::json());
    if (!cases.is_array()) return "cases = " + shown(cases) + ": not a list of cases";
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& c = cases[i];
        const std::string field = "cases[" + std::to_string(i) + "]";
        if (!c.is_object()) return field + " = " + shown(c) + ": not an object";
        for (const char* key : {"case", "formation"})
            if (!c.contains(key) || !c[key].is_string())
                return field + "." + key + " = " + shown(c.value(key, nlohmann::json())) + ": not a text";
        for (const char* key : {"bodies", "savings"})
            if (c.contains(key) && !c[key].is_object())
                return field + "." + key + " = " + shown(c[key]) + ": not an object";
    }
    return std::nullopt;
}

nlohmann::json ConvergenceFile::read(const std::string& path, const std::string& option) {
    const nlohmann::json study = common::JsonFile::readOption(path, option);
    if (const auto why = problem(study)) throw cases::ConfigError(common::Printable::quote(path) + ": " + *why);
    return study;
}

}  // namespace drafting::post
