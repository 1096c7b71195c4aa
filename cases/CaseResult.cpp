#include "cases/CaseResult.hpp"

#include "cases/ConfigError.hpp"

#include <cmath>
#include <limits>
#include <sstream>

namespace drafting::cases {

namespace {

double numberOrNaN(const nlohmann::json& j, const char* key) {
    if (!j.contains(key) || j.at(key).is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!j.at(key).is_number()) throw RunError(std::string("results: ") + key + " is not a number");
    return j.at(key).get<double>();
}

nlohmann::json numberOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

}  // namespace

CaseResult CaseResult::fromJson(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("status") || !j.at("status").is_string())
        throw RunError("results: missing 'status'");
    CaseResult r;
    r.source = j;
    r.caseName = j.value("case", "");
    r.status = j.at("status").get<std::string>();
    if (r.status != "ok" && r.status != "failed") throw RunError("results: status '" + r.status + "' is unknown");
    r.reason = j.value("reason", "");
    r.iterations = j.value("iterations", 0);
    r.converged = j.value("converged", false);
    r.parameters = j.value("parameters", nlohmann::json::object());
    for (const char* key : {"mesh", "timing_s", "residuals", "reference"}) {
        if (j.contains(key)) r.extra[key] = j.at(key);
    }
    if (j.contains("bodies")) {
        if (!j.at("bodies").is_object()) throw RunError("results: 'bodies' is not an object");
        for (const auto& [name, b] : j.at("bodies").items()) {
            BodyForces f;
            f.dragN = numberOrNaN(b, "drag_N");
            f.sideN = numberOrNaN(b, "side_N");
            f.liftN = numberOrNaN(b, "lift_N");
            f.dragStdN = numberOrNaN(b, "drag_std_N");
            f.cdaM2 = numberOrNaN(b, "cda_m2");
            f.cd = numberOrNaN(b, "cd");
            f.referenceAreaM2 = numberOrNaN(b, "reference_area_m2");
            r.bodies[name] = f;
        }
    }
    return r;
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
        bodiesJson[name] = b;
    }
    j["case"] = caseName;
    j["status"] = status;
    j["reason"] = reason;
    j["iterations"] = iterations;
    j["converged"] = converged;
    j["parameters"] = parameters;
    j["bodies"] = bodiesJson;
    for (const auto& [key, value] : extra.items()) j[key] = value;
    return j;
}

bool CaseResult::checkPhysical() {
    if (!ok()) return false;
    if (bodies.empty()) {
        status = "failed";
        reason = "no body forces were recorded";
        return false;
    }
    for (const auto& [name, f] : bodies) {
        std::ostringstream why;
        if (!std::isfinite(f.dragN) || !std::isfinite(f.sideN) || !std::isfinite(f.liftN) || !std::isfinite(f.cd)) {
            why << "non-finite force on " << name;
        } else if (f.cd < kMinCd || f.cd > kMaxCd) {
            why << "non-physical drag on " << name << ": Cd = " << f.cd << " outside [" << kMinCd << ", " << kMaxCd
                << "]";
        }
        if (!why.str().empty()) {
            status = "failed";
            reason = why.str();
            return false;
        }
    }
    return true;
}

}  // namespace drafting::cases
