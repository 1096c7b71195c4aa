#include "postprocess/ModelFormFile.hpp"

#include "common/JsonFields.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"

#include <cmath>

namespace drafting::post {

namespace {

using common::JsonFields;

double finiteNumber(const JsonFields& fields, const nlohmann::json& object, const std::string& key,
                    const std::string& field) {
    if (!object.contains(key)) fields.refuse(field, "missing");
    const auto& v = object.at(key);
    if (!v.is_number() || !std::isfinite(v.get<double>())) fields.refuse(field, v, "not a finite number");
    return v.get<double>();
}

// A name that becomes part of a case's or a variant's identity: a plain name (common::SafeName).
std::string plainName(const JsonFields& fields, const std::string& field, const std::string& value) {
    return common::SafeName::check(common::Printable::quote(fields.origin()) + ": " + field, value);
}

}  // namespace

ModelFormFile ModelFormFile::fromJson(const nlohmann::json& study, const std::string& origin) {
    // A study file is given by the user (--model-form): its faults are input errors.
    const JsonFields fields(origin, JsonFields::Source::input);
    if (!study.is_object()) fields.refuse("(top level)", study, "not an object");
    if (study.value("study", nlohmann::json()) != "model-form")
        fields.refuse("study", study.value("study", nlohmann::json()),
                      "not a model-form study (scripts/study.sh model-form)");
    ModelFormFile file;
    const auto level = study.value("level", nlohmann::json());
    if (!level.is_string()) fields.refuse("level", level, "not a mesh level");
    file.level = plainName(fields, "level", level.get<std::string>());
    if (JsonFields::present(study, "template"))
        file.templateVersion = plainName(fields, "template", fields.requiredText(study, "template"));
    // Written by the study from its cases (3D runners); a file without it predates the field.
    if (const auto dimension = fields.integer(study, "dimension"); dimension && *dimension != 3)
        fields.refuse("dimension", study.at("dimension"), "not 3 (a model-form study is of 3D runners)");
    const auto spread = study.value("spread", nlohmann::json());
    if (!spread.is_object()) fields.refuse("spread", spread, "not an object of cases");
    for (const auto& [name, entry] : spread.items()) {
        const std::string field = "spread." + name;
        ModelFormSpread s;
        s.caseName = plainName(fields, "spread", name);
        if (!entry.is_object()) fields.refuse(field, entry, "not an object");
        s.basePct = finiteNumber(fields, entry, "saving_base_pct", field + ".saving_base_pct");
        s.spreadPts = finiteNumber(fields, entry, "model_form_pts", field + ".model_form_pts");
        if (s.spreadPts < 0.0) fields.refuse(field + ".model_form_pts", entry.at("model_form_pts"), "negative");
        const auto moves = entry.value("moves_pts", nlohmann::json());
        if (!moves.is_object() || moves.empty())
            fields.refuse(field + ".moves_pts", moves, "not an object of model moves");
        double largest = 0.0;
        for (const auto& [variant, move] : moves.items()) {
            // The name is checked before it is part of any message: it may hold a newline or escapes.
            const std::string name = plainName(fields, field + ".moves_pts", variant);
            const double m = finiteNumber(fields, moves, name, field + ".moves_pts." + name);
            s.movesPts[name] = m;
            largest = std::max(largest, std::fabs(m));
        }
        // The spread is the largest move by definition: a file where it is not was edited or is damaged.
        if (std::fabs(largest - s.spreadPts) > 1e-9 * std::max(1.0, largest))
            fields.refuse(field + ".model_form_pts", entry.at("model_form_pts"),
                          "not the largest of its moves_pts (" + common::Printable::quote(moves.dump(), 60) + ")");
        const auto pending = entry.value("variants_pending", nlohmann::json::array());
        if (!pending.is_array()) fields.refuse(field + ".variants_pending", pending, "not a list of variants");
        for (const auto& p : pending) {
            if (!p.is_string()) fields.refuse(field + ".variants_pending", p, "not a variant name");
            s.pending.push_back(plainName(fields, field + ".variants_pending", p.get<std::string>()));
        }
        file.spreads.push_back(std::move(s));
    }
    const auto pending = study.value("pending", nlohmann::json::array());
    if (!pending.is_array()) fields.refuse("pending", pending, "not a list of VARIANT/CASE");
    for (const auto& p : pending) {
        const auto slash = p.is_string() ? p.get<std::string>().find('/') : std::string::npos;
        if (slash == std::string::npos) fields.refuse("pending", p, "not VARIANT/CASE");
        const std::string text = p.get<std::string>();
        plainName(fields, "pending", text.substr(0, slash));
        plainName(fields, "pending", text.substr(slash + 1));
        file.pending.push_back(text);
    }
    return file;
}

ModelFormFile ModelFormFile::read(const std::string& path, const std::string& option) {
    return fromJson(common::JsonFile::readOption(path, option), path);
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
