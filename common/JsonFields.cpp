#include "common/JsonFields.hpp"

#include "common/Printable.hpp"

#include <limits>

namespace drafting::common {

using nlohmann::json;

bool JsonFields::present(const json& j, const char* key) { return j.contains(key) && !j.at(key).is_null(); }

std::string JsonFields::field(const std::string& parent, const char* key) {
    return parent.empty() ? std::string(key) : parent + "." + key;
}

void JsonFields::refuse(const std::string& name, const json& value, const std::string& why) const {
    const ErrorSite site = ErrorSite::inFile(origin_, name, value.dump());
    if (source_ == Source::input) throw InputError(site, why);
    throw RunError(site, why);
}

void JsonFields::refuse(const std::string& name, const std::string& why) const {
    const ErrorSite site = ErrorSite::inFile(origin_, name);
    if (source_ == Source::input) throw InputError(site, why);
    throw RunError(site, why);
}

const json& JsonFields::required(const json& j, const char* key, const std::string& parent) const {
    if (!j.is_object() || !j.contains(key)) refuse(field(parent, key), "missing");
    return j.at(key);
}

std::string JsonFields::requiredText(const json& j, const char* key, const std::string& parent) const {
    const json& v = required(j, key, parent);
    if (!v.is_string()) refuse(field(parent, key), v, "not a string");
    return v.get<std::string>();
}

double JsonFields::number(const json& j, const char* key, const std::string& parent) const {
    if (!present(j, key)) return std::numeric_limits<double>::quiet_NaN();
    if (!j.at(key).is_number()) refuse(field(parent, key), j.at(key), "not a number");
    return j.at(key).get<double>();
}

std::optional<double> JsonFields::optionalNumber(const json& j, const char* key, const std::string& parent) const {
    if (!present(j, key)) return std::nullopt;
    return number(j, key, parent);
}

std::optional<long> JsonFields::integer(const json& j, const char* key, const std::string& parent) const {
    if (!present(j, key)) return std::nullopt;
    const json& v = j.at(key);
    // An unsigned value above the largest long would wrap: not an integer this reader holds.
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<unsigned long long>() >
                                                                static_cast<unsigned long long>(std::numeric_limits<long>::max())))
        refuse(field(parent, key), v, "not an integer");
    return v.get<long>();
}

std::optional<long> JsonFields::count(const json& j, const char* key, const std::string& parent) const {
    const auto v = integer(j, key, parent);
    if (v && *v < 0) refuse(field(parent, key), j.at(key), "not a count");
    return v;
}

std::optional<bool> JsonFields::flag(const json& j, const char* key, const std::string& parent) const {
    if (!present(j, key)) return std::nullopt;
    if (!j.at(key).is_boolean()) refuse(field(parent, key), j.at(key), "not true or false");
    return j.at(key).get<bool>();
}

std::string JsonFields::text(const json& j, const char* key, const std::string& parent) const {
    if (!present(j, key)) return "";
    if (!j.at(key).is_string()) refuse(field(parent, key), j.at(key), "not a string");
    return j.at(key).get<std::string>();
}

std::optional<json> JsonFields::object(const json& j, const char* key, const std::string& parent) const {
    if (!present(j, key)) return std::nullopt;
    if (!j.at(key).is_object()) refuse(field(parent, key), j.at(key), "not an object");
    return j.at(key);
}

}  // namespace drafting::common
