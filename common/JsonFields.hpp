#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/Error.hpp"

namespace drafting::common {

/// Typed reads of the keys of a file a run wrote (results.json and what it holds): one reader's
/// rules for every such file, so a key absent or null reads as unknown, and a key of the wrong
/// type is a RunError of one line naming the file, the field ("parent.key") and the value as the
/// file has it.
class JsonFields {
public:
    explicit JsonFields(std::string origin) : origin_(std::move(origin)) {}

    /// The key is there and not null.
    static bool present(const nlohmann::json& object, const char* key);

    /// A number; NaN when absent or null (a writer puts null for a number it could not compute).
    double number(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
    std::optional<double> optionalNumber(const nlohmann::json& object, const char* key,
                                         const std::string& parent = "") const;
    /// An integer, and a count (an integer ≥ 0).
    std::optional<long> integer(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
    std::optional<long> count(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
    std::optional<bool> flag(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
    /// A string; "" when absent or null.
    std::string text(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
    /// An object; nullopt when absent or null.
    std::optional<nlohmann::json> object(const nlohmann::json& object, const char* key,
                                         const std::string& parent = "") const;

    /// The error for `field` holding `value`: "'FILE': FIELD = 'VALUE': WHY".
    RunError wrong(const std::string& field, const nlohmann::json& value, const std::string& why) const;
    /// "parent.key", or "key" at the top level.
    static std::string field(const std::string& parent, const char* key);
    const std::string& origin() const { return origin_; }

private:
    std::string origin_;
};

}  // namespace drafting::common
