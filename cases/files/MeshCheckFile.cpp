#include "cases/files/MeshCheckFile.hpp"

#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"

#include <cmath>

namespace drafting::cases::files {

namespace {

common::RunError badField(const std::string& origin, const std::string& field, const nlohmann::json& value,
                  const std::string& why) {
    return common::RunError(common::ErrorSite::inFile(origin, field, value.dump()), why);
}

// A count, or -1 when absent or null.
long countOr(const nlohmann::json& j, const char* key, const std::string& origin) {
    if (!j.contains(key) || j.at(key).is_null()) return -1;
    if (!j.at(key).is_number_integer() || j.at(key).get<long long>() < 0)
        throw badField(origin, key, j.at(key), "not a count");
    return j.at(key).get<long>();
}

double numberOrNaN(const nlohmann::json& j, const char* key, const std::string& origin) {
    if (!j.contains(key) || j.at(key).is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!j.at(key).is_number()) throw badField(origin, key, j.at(key), "not a number");
    return j.at(key).get<double>();
}

nlohmann::json countOrNull(long n) { return n >= 0 ? nlohmann::json(n) : nlohmann::json(); }
nlohmann::json numberOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

}  // namespace

MeshCheckFile MeshCheckFile::fromJson(const nlohmann::json& j, const std::string& origin) {
    if (!j.is_object()) throw common::RunError(common::ErrorSite::inFile(origin), "not a JSON object");
    if (!j.contains("ok")) throw common::RunError(common::ErrorSite::inFile(origin, "ok"), "missing");
    if (!j.at("ok").is_boolean()) throw badField(origin, "ok", j.at("ok"), "not true or false");
    MeshCheckFile m;
    m.ok = j.at("ok").get<bool>();
    if (j.contains("failed") && !j.at("failed").is_null()) {
        if (!j.at("failed").is_string()) throw badField(origin, "failed", j.at("failed"), "not a string");
        m.failed = j.at("failed").get<std::string>();
    }
    m.cells = countOr(j, "cells", origin);
    m.faces = countOr(j, "faces", origin);
    m.points = countOr(j, "points", origin);
    m.maxNonOrthogonalityDeg = numberOrNaN(j, "max_non_orthogonality_deg", origin);
    m.maxSkewness = numberOrNaN(j, "max_skewness", origin);
    if (j.contains("checks") && !j.at("checks").is_null()) {
        if (!j.at("checks").is_object()) throw badField(origin, "checks", j.at("checks"), "not an object");
        for (const auto& [name, passed] : j.at("checks").items()) {
            if (!passed.is_boolean()) throw badField(origin, "checks." + common::Printable::quote(name), passed, "not true or false");
            m.checks[name] = passed.get<bool>();
        }
    }
    return m;
}

MeshCheckFile MeshCheckFile::read(const std::string& path) { return fromJson(common::JsonFile::read(path), path); }

nlohmann::json MeshCheckFile::toJson() const {
    nlohmann::json checksJson = nlohmann::json::object();
    for (const auto& [name, passed] : checks) checksJson[name] = passed;
    return {{"producer", "draftCheckMesh"},
            {"ok", ok},
            {"failed", failed},
            {"cells", countOrNull(cells)},
            {"faces", countOrNull(faces)},
            {"points", countOrNull(points)},
            {"max_non_orthogonality_deg", numberOrNull(maxNonOrthogonalityDeg)},
            {"max_skewness", numberOrNull(maxSkewness)},
            {"checks", checksJson}};
}

}  // namespace drafting::cases::files
