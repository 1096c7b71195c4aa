#include "cases/CaseResult.hpp"

#include "cases/ConfigError.hpp"
#include "common/Printable.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <utility>

namespace drafting::cases {

namespace {

// A wrong-typed key: one line naming the file, the field and the value as it is in the file.
RunError badField(const std::string& origin, const std::string& field, const nlohmann::json& value,
                  const std::string& why) {
    return RunError(common::Printable::quote(origin) + ": " + field + " = " + common::Printable::quote(value.dump()) + ": " + why);
}

// A number, or NaN when the key is absent or null (results.json writes non-finite values as null).
double numberOrNaN(const nlohmann::json& j, const char* key, const std::string& origin, const std::string& field) {
    if (!j.contains(key) || j.at(key).is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!j.at(key).is_number()) throw badField(origin, field + "." + key, j.at(key), "not a number");
    return j.at(key).get<double>();
}

std::string textOr(const nlohmann::json& j, const char* key, const std::string& fallback, const std::string& origin) {
    if (!j.contains(key) || j.at(key).is_null()) return fallback;
    if (!j.at(key).is_string()) throw badField(origin, key, j.at(key), "not a string");
    return j.at(key).get<std::string>();
}

// An object-valued key (absent or null: empty); anything else is a wrong type.
nlohmann::json objectOr(const nlohmann::json& j, const char* key, const std::string& origin,
                        const std::string& field) {
    if (!j.contains(key) || j.at(key).is_null()) return nlohmann::json::object();
    if (!j.at(key).is_object()) throw badField(origin, field, j.at(key), "not an object");
    return j.at(key);
}

// Keys of a body that are numbers or null (docs/results.md), checked so no reader meets a string.
const char* const kBodyNumberKeys[] = {"drag_N", "drag_ci95_N", "drag_std_N", "side_N",   "lift_N",
                                       "cda_m2", "cd",          "cd_ci95",    "cs",       "cl",
                                       "cl_amplitude", "strouhal", "saving_pct", "batch_lag1",
                                       "reference_area_m2", "drag_mean_drift_N", "drag_mean_drift_rel"};

// A body's name as it may appear in a one-line message: as is when plain, else quoted and escaped.
std::string shownName(const std::string& name) {
    const bool plain = name.size() <= common::Printable::kMaxChars &&
                       std::all_of(name.begin(), name.end(), [](char c) { return c > 0x20 && c != 0x7f; });
    return plain ? name : common::Printable::quote(name);
}

nlohmann::json numberOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

// A finite positive number under `key`, else nothing.
std::optional<double> positive(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j.at(key).is_number()) return std::nullopt;
    const double v = j.at(key).get<double>();
    return std::isfinite(v) && v > 0.0 ? std::optional<double>(v) : std::nullopt;
}

}  // namespace

double BodyForces::dragIterativeN() const {
    const bool ci = std::isfinite(dragCi95N), drift = std::isfinite(dragMeanDriftN);
    if (!ci && !drift) return std::numeric_limits<double>::quiet_NaN();
    return std::hypot(ci ? dragCi95N : 0.0, drift ? dragMeanDriftN : 0.0);
}

CaseResult CaseResult::fromJson(const nlohmann::json& j, const std::string& origin) {
    if (!j.is_object()) throw RunError(common::Printable::quote(origin) + ": not a JSON object");
    if (!j.contains("status")) throw RunError(common::Printable::quote(origin) + ": status: missing");
    if (!j.at("status").is_string()) throw badField(origin, "status", j.at("status"), "not a string");
    CaseResult r;
    r.source = j;
    r.caseName = textOr(j, "case", "", origin);
    r.status = j.at("status").get<std::string>();
    if (r.status != "ok" && r.status != "failed")
        throw badField(origin, "status", j.at("status"), "neither \"ok\" nor \"failed\"");
    r.reason = textOr(j, "reason", "", origin);
    // A kind this version does not know (a newer tool's) reads as unknown: the result is still failed.
    if (const std::string kind = textOr(j, "failure", "", origin); !kind.empty())
        r.failure = failureFromName(kind).value_or(Failure::none);
    if (j.contains("iterations") && !j.at("iterations").is_null()) {
        const auto& it = j.at("iterations");
        if (!it.is_number_integer() || it.get<long long>() < 0 || it.get<long long>() > std::numeric_limits<int>::max())
            throw badField(origin, "iterations", it, "not a count of iterations");
        r.iterations = it.get<int>();
    }
    if (j.contains("converged") && !j.at("converged").is_null()) {
        if (!j.at("converged").is_boolean()) throw badField(origin, "converged", j.at("converged"), "not true or false");
        r.converged = j.at("converged").get<bool>();
    }
    r.parameters = objectOr(j, "parameters", origin, "parameters");
    if (j.contains("provenance") && !j.at("provenance").is_null()) {
        try {
            r.provenance = Provenance::fromJson(j.at("provenance"), origin, "provenance");
        } catch (const ConfigError& e) {
            throw RunError(e.what());  // a damaged results.json is a run's problem, as every field here
        }
    }
    for (const char* key : {"mesh", "timing_s", "residuals", "reference"}) {
        if (j.contains(key)) r.extra[key] = objectOr(j, key, origin, key);
    }
    for (const char* key : {"rho_kg_m3", "U_mps", "area_m2"})
        numberOrNaN(r.extra.value("reference", nlohmann::json::object()), key, origin, "reference");
    numberOrNaN(r.extra.value("mesh", nlohmann::json::object()), "cells", origin, "mesh");
    const nlohmann::json bodies = objectOr(j, "bodies", origin, "bodies");
    for (const auto& [name, b] : bodies.items()) {
        const std::string field = "bodies." + shownName(name);
        if (!b.is_object()) throw badField(origin, field, b, "not an object");
        for (const char* key : kBodyNumberKeys) numberOrNaN(b, key, origin, field);
        const nlohmann::json yPlus = objectOr(b, "y_plus", origin, field + ".y_plus");
        for (const char* key : {"min", "mean", "max"}) numberOrNaN(yPlus, key, origin, field + ".y_plus");
        BodyForces f;
        f.dragN = numberOrNaN(b, "drag_N", origin, field);
        f.sideN = numberOrNaN(b, "side_N", origin, field);
        f.liftN = numberOrNaN(b, "lift_N", origin, field);
        f.dragStdN = numberOrNaN(b, "drag_std_N", origin, field);
        f.cdaM2 = numberOrNaN(b, "cda_m2", origin, field);
        f.cd = numberOrNaN(b, "cd", origin, field);
        f.referenceAreaM2 = numberOrNaN(b, "reference_area_m2", origin, field);
        f.dragCi95N = numberOrNaN(b, "drag_ci95_N", origin, field);
        f.cdCi95 = numberOrNaN(b, "cd_ci95", origin, field);
        f.dragMeanDriftN = numberOrNaN(b, "drag_mean_drift_N", origin, field);
        r.bodies[name] = f;
    }
    return r;
}

std::optional<double> CaseResult::dynamicPressureArea() const {
    // What the case was set up with, else what runnerDrag says it used (reference cases).
    const nlohmann::json reference = extra.value("reference", nlohmann::json::object());
    const auto rho = positive(parameters, "air_density_kg_m3") ? positive(parameters, "air_density_kg_m3")
                                                               : positive(reference, "rho_kg_m3");
    const auto speed =
        positive(parameters, "air_speed_mps") ? positive(parameters, "air_speed_mps") : positive(reference, "U_mps");
    const auto area =
        positive(parameters, "frontal_area_m2") ? positive(parameters, "frontal_area_m2") : positive(reference, "area_m2");
    if (!rho || !speed || !area) return std::nullopt;
    return 0.5 * *rho * *speed * *speed * *area;
}

nlohmann::json CaseResult::toJson() const {
    nlohmann::json j = source.is_object() ? source : nlohmann::json::object();
    nlohmann::json bodiesJson = nlohmann::json::object();
    for (const auto& [name, f] : bodies) {
        nlohmann::json b = j.contains("bodies") && j["bodies"].contains(name) ? j["bodies"][name]
                                                                              : nlohmann::json::object();
        b["drag_N"] = numberOrNull(f.dragN);
        b["side_N"] = numberOrNull(f.sideN);
        b["lift_N"] = numberOrNull(f.liftN);
        b["drag_std_N"] = numberOrNull(f.dragStdN);
        b["cda_m2"] = numberOrNull(f.cdaM2);
        b["cd"] = numberOrNull(f.cd);
        b["reference_area_m2"] = numberOrNull(f.referenceAreaM2);
        // Optional keys: written when known, else left as the source had them (absent or null).
        if (std::isfinite(f.dragCi95N)) b["drag_ci95_N"] = f.dragCi95N;
        if (std::isfinite(f.cdCi95)) b["cd_ci95"] = f.cdCi95;
        if (std::isfinite(f.dragMeanDriftN)) b["drag_mean_drift_N"] = f.dragMeanDriftN;
        bodiesJson[name] = b;
    }
    j["case"] = caseName;
    j["status"] = status;
    j["reason"] = reason;
    if (!ok() && failure != Failure::none)
        j["failure"] = failureName(failure);
    else
        j.erase("failure");
    j["iterations"] = iterations;
    j["converged"] = converged;
    j["parameters"] = parameters;
    j["bodies"] = bodiesJson;
    for (const auto& [key, value] : extra.items()) j[key] = value;
    if (provenance) j["provenance"] = provenance->toJson();
    return j;
}

bool CaseResult::checkBelongsTo(const std::string& folderName, const nlohmann::json& manifestParameters,
                                const std::string& origin) {
    if (!ok()) return false;
    std::string why;
    if (caseName != folderName) {
        why = common::Printable::quote(origin) + ": case = " + common::Printable::quote(caseName) + ": not its folder's case " +
              common::Printable::quote(folderName);
    } else if (manifestParameters.is_object() && manifestParameters.contains("runners") &&
               manifestParameters.at("runners").is_array()) {
        for (const auto& runner : manifestParameters.at("runners")) {
            if (!runner.is_object() || !runner.contains("name") || !runner.at("name").is_string()) continue;
            const std::string name = runner.at("name").get<std::string>();
            if (bodies.count(name) == 0) {
                why = common::Printable::quote(origin) + ": bodies: no runner " + common::Printable::quote(name) +
                      " (the manifest's parameters.runners lists it)";
                break;
            }
        }
    }
    if (why.empty()) return true;
    status = "failed";
    reason = why;
    failure = Failure::notThisCase;
    return false;
}

namespace {

constexpr std::pair<CaseResult::Failure, const char*> kFailureNames[] = {
    {CaseResult::Failure::badCase, "bad-case"},         {CaseResult::Failure::couldNotStart, "could-not-start"},
    {CaseResult::Failure::stepExited, "step-exited"},   {CaseResult::Failure::meshCheck, "mesh-check"},
    {CaseResult::Failure::solverStopped, "solver-stopped"}, {CaseResult::Failure::noResults, "no-results"},
    {CaseResult::Failure::nonPhysical, "non-physical"}, {CaseResult::Failure::notThisCase, "not-this-case"},
};

}  // namespace

std::string CaseResult::failureName(Failure kind) {
    for (const auto& [k, name] : kFailureNames)
        if (k == kind) return name;
    return "";
}

std::optional<CaseResult::Failure> CaseResult::failureFromName(const std::string& name) {
    for (const auto& [k, text] : kFailureNames)
        if (name == text) return k;
    return std::nullopt;
}

bool CaseResult::checkPhysical() {
    if (!ok()) return false;
    if (bodies.empty()) {
        status = "failed";
        reason = "no body forces were recorded";
        failure = Failure::nonPhysical;
        return false;
    }
    const std::optional<double> qA = dynamicPressureArea();
    for (const auto& [body, f] : bodies) {
        const std::string name = shownName(body);
        std::ostringstream why;
        why.precision(10);
        if (!std::isfinite(f.dragN) || !std::isfinite(f.sideN) || !std::isfinite(f.liftN) || !std::isfinite(f.cd)) {
            why << "non-finite force on " << name;
        } else if (f.cd < kMinCd || f.cd > kMaxCd) {
            why << "non-physical drag on " << name << ": Cd = " << f.cd << " outside [" << kMinCd << ", " << kMaxCd
                << "]";
        } else if (f.dragCi95N < 0.0 || f.cdCi95 < 0.0 || f.dragStdN < 0.0 || f.dragMeanDriftN < 0.0) {
            const auto [key, value] = f.dragCi95N < 0.0 ? std::pair("drag_ci95_N", f.dragCi95N)
                                      : f.cdCi95 < 0.0  ? std::pair("cd_ci95", f.cdCi95)
                                      : f.dragStdN < 0.0 ? std::pair("drag_std_N", f.dragStdN)
                                                         : std::pair("drag_mean_drift_N", f.dragMeanDriftN);
            why << "non-physical spread on " << name << ": " << key << " = " << value << " is negative";
        } else if (qA && std::abs(f.dragN - *qA * f.cd) >
                             kDragCdTolerance * std::max(std::abs(f.dragN), std::abs(*qA * f.cd)) + 1e-9 * *qA) {
            // The floor (Cd 1e-9) keeps a drag of zero comparable with a Cd of zero.
            why << "non-physical drag on " << name << ": drag_N = " << f.dragN << " disagrees with its Cd = " << f.cd
                << " (1/2 rho U^2 A Cd = " << *qA * f.cd << " N)";
        }
        if (!why.str().empty()) {
            status = "failed";
            reason = why.str();
            failure = Failure::nonPhysical;
            return false;
        }
    }
    return true;
}

bool CaseResult::checkReducible(const std::string& folderName, const nlohmann::json& manifestParameters,
                                const std::string& origin) {
    return checkPhysical() && checkBelongsTo(folderName, manifestParameters, origin) && checkDragPositive();
}

bool CaseResult::checkDragPositive() {
    if (!ok()) return false;
    for (const auto& [body, f] : bodies) {
        if (f.dragN > 0.0) continue;
        std::ostringstream why;
        why.precision(6);
        why << "non-physical drag on " << shownName(body) << ": drag_N = " << f.dragN
            << " is not positive (a saving of 100 % or more): a runner in a real formation is never pushed "
               "forward; a 2D tandem section can be";
        status = "failed";
        reason = why.str();
        failure = Failure::nonPhysical;
        return false;
    }
    return true;
}

}  // namespace drafting::cases
