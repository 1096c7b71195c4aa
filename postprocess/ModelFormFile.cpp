#include "postprocess/ModelFormFile.hpp"

#include "cases/ConfigError.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"

#include <cmath>

namespace drafting::post {

namespace {

[[noreturn]] void bad(const std::string& origin, const std::string& field, const nlohmann::json& value,
                      const std::string& why) {
    throw cases::ConfigError(origin + ": " + field + " = " + common::Printable::quote(value.dump(), 60) + ": " + why);
}

double finiteNumber(const nlohmann::json& object, const std::string& key, const std::string& origin,
                    const std::string& field) {
    if (!object.contains(key)) throw cases::ConfigError(origin + ": " + field + ": missing");
    const auto& v = object.at(key);
    if (!v.is_number() || !std::isfinite(v.get<double>())) bad(origin, field, v, "not a finite number");
    return v.get<double>();
}

}  // namespace

ModelFormFile ModelFormFile::fromJson(const nlohmann::json& study, const std::string& origin) {
    if (!study.is_object()) bad(origin, "(top level)", study, "not an object");
    if (study.value("study", nlohmann::json()) != "model-form")
        bad(origin, "study", study.value("study", nlohmann::json()), "not a model-form study (scripts/study.sh model-form)");
    ModelFormFile file;
    const auto level = study.value("level", nlohmann::json());
    if (!level.is_string()) bad(origin, "level", level, "not a mesh level");
    file.level = common::SafeName::check(origin + ": level", level.get<std::string>());
    if (study.contains("template") && !study.at("template").is_null()) {
        if (!study.at("template").is_string()) bad(origin, "template", study.at("template"), "not a case template");
        file.templateVersion = common::SafeName::check(origin + ": template", study.at("template").get<std::string>());
    }
    // Written by the study from its cases (3D runners); a file without it predates the field.
    if (study.contains("dimension") && !study.at("dimension").is_null()) {
        if (!study.at("dimension").is_number_integer() || study.at("dimension").get<int>() != 3)
            bad(origin, "dimension", study.at("dimension"), "not 3 (a model-form study is of 3D runners)");
    }
    const auto spread = study.value("spread", nlohmann::json());
    if (!spread.is_object()) bad(origin, "spread", spread, "not an object of cases");
    for (const auto& [name, entry] : spread.items()) {
        const std::string field = "spread." + name;
        ModelFormSpread s;
        s.caseName = common::SafeName::check(origin + ": spread", name);
        if (!entry.is_object()) bad(origin, field, entry, "not an object");
        s.basePct = finiteNumber(entry, "saving_base_pct", origin, field + ".saving_base_pct");
        s.spreadPts = finiteNumber(entry, "model_form_pts", origin, field + ".model_form_pts");
        if (s.spreadPts < 0.0) bad(origin, field + ".model_form_pts", entry.at("model_form_pts"), "negative");
        const auto moves = entry.value("moves_pts", nlohmann::json());
        if (!moves.is_object() || moves.empty()) bad(origin, field + ".moves_pts", moves, "not an object of model moves");
        double largest = 0.0;
        for (const auto& [variant, move] : moves.items()) {
            // The name is checked before it is part of any message: it may hold a newline or escapes.
            const std::string& name = common::SafeName::check(origin + ": " + field + ".moves_pts", variant);
            const double m = finiteNumber(moves, name, origin, field + ".moves_pts." + name);
            s.movesPts[name] = m;
            largest = std::max(largest, std::fabs(m));
        }
        // The spread is the largest move by definition: a file where it is not was edited or is damaged.
        if (std::fabs(largest - s.spreadPts) > 1e-9 * std::max(1.0, largest))
            bad(origin, field + ".model_form_pts", entry.at("model_form_pts"),
                "not the largest of its moves_pts (" + common::Printable::quote(moves.dump(), 60) + ")");
        const auto pending = entry.value("variants_pending", nlohmann::json::array());
        if (!pending.is_array()) bad(origin, field + ".variants_pending", pending, "not a list of variants");
        for (const auto& p : pending) {
            if (!p.is_string()) bad(origin, field + ".variants_pending", p, "not a variant name");
            s.pending.push_back(common::SafeName::check(origin + ": " + field + ".variants_pending", p.get<std::string>()));
        }
        file.spreads.push_back(std::move(s));
    }
    const auto pending = study.value("pending", nlohmann::json::array());
    if (!pending.is_array()) bad(origin, "pending", pending, "not a list of VARIANT/CASE");
    for (const auto& p : pending) {
        const auto slash = p.is_string() ? p.get<std::string>().find('/') : std::string::npos;
        if (slash == std::string::npos) bad(origin, "pending", p, "not VARIANT/CASE");
        const std::string text = p.get<std::string>();
        common::SafeName::check(origin + ": pending", text.substr(0, slash));
        common::SafeName::check(origin + ": pending", text.substr(slash + 1));
        file.pending.push_back(text);
    }
    return file;
}

ModelFormFile ModelFormFile::read(const std::string& path, const std::string& option) {
    return fromJson(common::JsonFile::readOption(path, option), option + " = " + common::Printable::quote(path));
}

std::vector<std::string> ModelFormFile::pendingFor(const std::string& caseName) const {
    std::vector<std::string> variants;
    for (const auto& p : pending) {
        const auto slash = p.find('/');
        if (p.substr(slash + 1) == caseName) variants.push_back(p.substr(0, slash));
    }
    return variants;
}

const ModelFormSpread* ModelFormFile::find(const std::string& caseName) const {
    for (const auto& s : spreads)
        if (s.caseName == caseName) return &s;
    return nullptr;
}

}  // namespace drafting::post
