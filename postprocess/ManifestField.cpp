#include "postprocess/ManifestField.hpp"

#include "cases/ConfigError.hpp"
#include "common/Printable.hpp"

namespace drafting::post {

namespace {

const nlohmann::json* present(const nlohmann::json& parent, const char* key) {
    if (!parent.is_object() || !parent.contains(key) || parent.at(key).is_null()) return nullptr;
    return &parent.at(key);
}

cases::ConfigError wrongType(const std::string& file, const std::string& field, const char* key,
                             const nlohmann::json& value, const char* expected) {
    return cases::ConfigError(common::Printable::quote(file) + ": " + (field.empty() ? "" : field + ".") + key +
                              " = " + common::Printable::quote(value.dump()) + ": not " + expected);
}

}  // namespace

std::optional<double> ManifestField::number(const nlohmann::json& parent, const char* key,
                                            const std::string& field) const {
    const nlohmann::json* v = present(parent, key);
    if (!v) return std::nullopt;
    if (!v->is_number()) throw wrongType(file, field, key, *v, "a number");
    return v->get<double>();
}

std::string ManifestField::text(const nlohmann::json& parent, const char* key, const std::string& field,
                                const std::string& fallback) const {
    const nlohmann::json* v = present(parent, key);
    if (!v) return fallback;
    if (!v->is_string()) throw wrongType(file, field, key, *v, "a string");
    return v->get<std::string>();
}

nlohmann::json ManifestField::object(const nlohmann::json& parent, const char* key, const std::string& field) const {
    const nlohmann::json* v = present(parent, key);
    if (!v) return nlohmann::json::object();
    if (!v->is_object()) throw wrongType(file, field, key, *v, "an object");
    return *v;
}

}  // namespace drafting::post
