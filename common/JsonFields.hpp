#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/Error.hpp"

namespace drafting::common {

/// Typed reads of the keys of a JSON file the tools exchange: one reader's rules for every such
/// file, so a key absent or null reads as unknown, and a key of the wrong type is an error of one
/// line naming the file, the field ("parent.key") and the value as the file has it: a RunError
/// (exit 2) for a file a run wrote (results.json, a checkpoint marker), an InputError (exit 1) for
/// one a user may have edited (manifest.json).
class JsonFields {
public:
    enum class Source { run, input };

    explicit JsonFields(std::string origin, Source source = Source::run)
        : origin_(std::move(origin)), source_(source) {}

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
    /// A key the file must have: refused as "missing" when it is absent.
    const nlohmann::json& required(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
    /// A string the file must have.
    std::string requiredText(const nlohmann::json& object, const char* key, const std::string& parent = "") const;
    /// An object; nullopt when absent or null.
    std::optional<nlohmann::json> object(const nlohmann::json& object, const char* key,
                                         const std::string& parent = "") const;

    /// Throws the error for `field` holding `value`: "'FILE': FIELD = 'VALUE': WHY", a RunError or an
    /// InputError by the file's Source.
    [[noreturn]] void refuse(const std::string& field, const nlohmann::json& value, const std::string& why) const;
    /// The same without the value (a missing key, or a value too large to show): "'FILE': FIELD: WHY".
    [[noreturn]] void refuse(const std::string& field, const std::string& why) const;
    /// "parent.key", or "key" at the top level.
    static std::string field(const std::string& parent, const char* key);
    const std::string& origin() const { return origin_; }

private:
    std::string origin_;
    Source source_;
};

}  // namespace drafting::common
