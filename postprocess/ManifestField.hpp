#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::post {

/// Typed reads of the manifest.json values draft-post uses (the sweep's config, the cases'
/// parameters). A value of the wrong type is bad input: a ConfigError naming the file, the field
/// and the value, never nlohmann's type_error. Absent or null reads as missing.
struct ManifestField {
    std::string file;  // the manifest's path, as it appears in messages

    /// The number at parent[key]; `field` names parent in messages ("config.run").
    std::optional<double> number(const nlohmann::json& parent, const char* key, const std::string& field) const;
    std::string text(const nlohmann::json& parent, const char* key, const std::string& field,
                     const std::string& fallback = "") const;
    /// parent[key] when it is an object, else an empty object.
    nlohmann::json object(const nlohmann::json& parent, const char* key, const std::string& field) const;
};

}  // namespace drafting::post
