#include "SolverResults.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"

#include <algorithm>
#include <cmath>

namespace drafting::solver::monitoring {

namespace {

using common::Printable;
using nlohmann::json;

// A wrong-typed key: one line naming the file, the field and the value as it is in the file.
common::RunError badField(const std::string& origin, const std::string& field, const json& value,
                          const std::string& why) {
    return common::RunError(Printable::quote(origin) + ": " + field + " = " + Printable::quote(value.dump()) + ": " +
                            why);
}

bool present(const json& j, const char* key) { return j.contains(key) && !j.at(key).is_null(); }

std::string path(const std::string& parent, const char* key) { return parent.empty() ? key : parent + "." + key; }

// A number, or NaN when the key is absent or null (non-finite values are written as null).
double number(const json& j, const char* key, const std::string& origin, const std::string& parent) {
    if (!present(j, key)) return SolverResults::kUnknown;
    if (!j.at(key).is_number()) throw badField(origin, path(parent, key), j.at(key), "not a number");
    return j.at(key).get<double>();
}

std::optional<double> optionalNumber(const json& j, const char* key, const std::string& origin,
                                     const std::string& parent) {
    if (!present(j, key)) return std::nullopt;
    return number(j, key, origin, parent);
}

std::optional<long> count(const json& j, const char* key, const std::string& origin, const std::string& parent) {
    if (!present(j, key)) return std::nullopt;
    const json& v = j.at(key);
    if (!v.is_number_integer() || v.get<long long>() < 0) throw badField(origin, path(parent, key), v, "not a count");
    return v.get<long>();
}

std::optional<bool> flag(const json& j, const char* key, const std::string& origin, const std::string& parent) {
    if (!present(j, key)) return std::nullopt;
    if (!j.at(key).is_boolean()) throw badField(origin, path(parent, key), j.at(key), "not true or false");
    return j.at(key).get<bool>();
}

std::string text(const json& j, const char* key, const std::string& origin) {
    if (!present(j, key)) return "";
    if (!j.at(key).is_string()) throw badField(origin, key, j.at(key), "not a string");
    return j.at(key).get<std::string>();
}

// An object-valued key: nullopt when absent or null, anything else than an object a wrong type.
std::optional<json> object(const json& j, const char* key, const std::string& origin, const std::string& field) {
    if (!present(j, key)) return std::nullopt;
    if (!j.at(key).is_object()) throw badField(origin, field, j.at(key), "not an object");
    return j.at(key);
}

json numberOrNull(double v) { return std::isfinite(v) ? json(v) : json(); }

SolverResults::Body readBody(const json& b, const std::string& origin, const std::string& field) {
    if (!b.is_object()) throw badField(origin, field, b, "not an object");
    SolverResults::Body f;
    // Absent or null: unknown (NaN), so a result without a force fails the physical check.
    f.dragN = number(b, "drag_N", origin, field);
    f.sideN = number(b, "side_N", origin, field);
    f.liftN = number(b, "lift_N", origin, field);
    f.dragStdN = number(b, "drag_std_N", origin, field);
    f.cdaM2 = number(b, "cda_m2", origin, field);
    f.cd = number(b, "cd", origin, field);
    f.referenceAreaM2 = number(b, "reference_area_m2", origin, field);
    f.dragCi95N = number(b, "drag_ci95_N", origin, field);
    f.cdCi95 = number(b, "cd_ci95", origin, field);
    f.cs = number(b, "cs", origin, field);
    f.cl = number(b, "cl", origin, field);
    f.clAmplitude = number(b, "cl_amplitude", origin, field);
    f.strouhal = number(b, "strouhal", origin, field);
    f.savingPct = number(b, "saving_pct", origin, field);
    f.batchLag1 = number(b, "batch_lag1", origin, field);
    f.dragMeanDriftN = number(b, "drag_mean_drift_N", origin, field);
    f.dragMeanDriftRel = number(b, "drag_mean_drift_rel", origin, field);
    if (const auto y = object(b, "y_plus", origin, field + ".y_plus")) {
        f.yPlus.min = number(*y, "min", origin, field + ".y_plus");
        f.yPlus.mean = number(*y, "mean", origin, field + ".y_plus");
        f.yPlus.max = number(*y, "max", origin, field + ".y_plus");
    }
    return f;
}

json writeBody(const SolverResults::Body& f) {
    return {{"drag_N", numberOrNull(f.dragN)},
            {"drag_ci95_N", numberOrNull(f.dragCi95N)},
            {"drag_std_N", numberOrNull(f.dragStdN)},
            {"side_N", numberOrNull(f.sideN)},
            {"lift_N", numberOrNull(f.liftN)},
            {"cda_m2", numberOrNull(f.cdaM2)},
            {"cd", numberOrNull(f.cd)},
            {"cd_ci95", numberOrNull(f.cdCi95)},
            {"cs", numberOrNull(f.cs)},
            {"cl", numberOrNull(f.cl)},
            {"cl_amplitude", numberOrNull(f.clAmplitude)},
            {"strouhal", numberOrNull(f.strouhal)},
            {"saving_pct", numberOrNull(f.savingPct)},
            {"batch_lag1", numberOrNull(f.batchLag1)},
            {"drag_mean_drift_N", numberOrNull(f.dragMeanDriftN)},
            {"drag_mean_drift_rel", numberOrNull(f.dragMeanDriftRel)},
            {"reference_area_m2", numberOrNull(f.referenceAreaM2)},
            {"y_plus",
             {{"min", numberOrNull(f.yPlus.min)}, {"mean", numberOrNull(f.yPlus.mean)}, {"max", numberOrNull(f.yPlus.max)}}}};
}

}  // namespace

double SolverResults::Body::dragIterativeN() const {
    const bool ci = std::isfinite(dragCi95N), drift = std::isfinite(dragMeanDriftN);
    if (!ci && !drift) return kUnknown;
    return std::hypot(ci ? dragCi95N : 0.0, drift ? dragMeanDriftN : 0.0);
}

std::string SolverResults::shownName(const std::string& name) {
    const bool plain = name.size() <= Printable::kMaxChars &&
                       std::all_of(name.begin(), name.end(), [](char c) { return c > 0x20 && c != 0x7f; });
    return plain ? name : Printable::quote(name);
}

bool SolverResults::isNewerSchema(const json& j) {
    return j.is_object() && j.contains("schema") && j.at("schema").is_number_integer() &&
           j.at("schema").get<long long>() > kSchema;
}

SolverResults SolverResults::fromJson(const json& j, const std::string& origin) {
    if (!j.is_object()) throw common::RunError(Printable::quote(origin) + ": not a JSON object");
    if (!j.contains("status")) throw common::RunError(Printable::quote(origin) + ": status: missing");
    if (!j.at("status").is_string()) throw badField(origin, "status", j.at("status"), "not a string");
    SolverResults r;
    if (present(j, "schema")) {
        const json& s = j.at("schema");
        if (!s.is_number_integer() || s.get<long long>() < 1) throw badField(origin, "schema", s, "not a schema version");
        if (s.get<long long>() > kSchema)
            throw badField(origin, "schema", s,
                           "written by a newer runnerDrag; this tool reads schema " + std::to_string(kSchema));
        r.schema = s.get<int>();
    }
    r.status = j.at("status").get<std::string>();
    if (r.status != "ok" && r.status != "failed")
        throw badField(origin, "status", j.at("status"), "neither \"ok\" nor \"failed\"");
    r.producer = text(j, "producer", origin);
    r.reason = text(j, "reason", origin);
    r.stop = text(j, "stop", origin);
    r.stopReason = text(j, "stop_reason", origin);
    if (present(j, "iterations")) {
        const auto& it = j.at("iterations");
        if (!it.is_number_integer() || it.get<long long>() < 0 || it.get<long long>() > std::numeric_limits<int>::max())
            throw badField(origin, "iterations", it, "not a count of iterations");
        r.iterations = it.get<int>();
    }
    r.converged = flag(j, "converged", origin, "").value_or(false);
    r.settled = flag(j, "settled", origin, "");
    r.resumedFrom = optionalNumber(j, "resumed_from", origin, "");
    r.restoredSamples = count(j, "restored_samples", origin, "");
    r.solverWallS = optionalNumber(j, "solver_wall_s", origin, "");
    if (const auto o = object(j, "residuals", origin, "residuals")) {
        Residuals res;
        res.u = number(*o, "U", origin, "residuals");
        res.p = number(*o, "p", origin, "residuals");
        res.tolerance = number(*o, "tolerance", origin, "residuals");
        res.belowTolerance = flag(*o, "below_tolerance", origin, "residuals");
        r.residuals = res;
    }
    if (const auto o = object(j, "convergence", origin, "convergence")) {
        Convergence c;
        c.window = count(*o, "window", origin, "convergence");
        c.tolerance = number(*o, "tolerance", origin, "convergence");
        c.dragSettled = flag(*o, "drag_settled", origin, "convergence");
        c.residualsJudged = flag(*o, "residuals_judged", origin, "convergence");
        r.convergence = c;
    }
    if (const auto o = object(j, "reference", origin, "reference")) {
        Reference ref;
        ref.rhoKgM3 = number(*o, "rho_kg_m3", origin, "reference");
        ref.uMps = number(*o, "U_mps", origin, "reference");
        ref.areaM2 = number(*o, "area_m2", origin, "reference");
        ref.averagedSamples = count(*o, "averaged_samples", origin, "reference");
        ref.averagedFrom = number(*o, "averaged_from", origin, "reference");
        ref.batches = count(*o, "batches", origin, "reference");
        r.reference = ref;
    }
    if (const auto bodies = object(j, "bodies", origin, "bodies"))
        for (const auto& [name, b] : bodies->items()) r.bodies[name] = readBody(b, origin, "bodies." + shownName(name));
    return r;
}

json SolverResults::toJson() const {
    json j = json::object();
    j["schema"] = schema;
    if (!producer.empty()) j["producer"] = producer;
    j["status"] = status;
    j["reason"] = reason;
    if (!stop.empty()) j["stop"] = stop;
    if (!stopReason.empty()) j["stop_reason"] = stopReason;
    j["iterations"] = iterations;
    j["converged"] = converged;
    if (settled) j["settled"] = *settled;
    // runnerDrag always says whether it resumed: null for a run in one part (docs/results.md).
    if (resumedFrom || producer == "runnerDrag") j["resumed_from"] = resumedFrom ? numberOrNull(*resumedFrom) : json();
    if (restoredSamples) j["restored_samples"] = *restoredSamples;
    if (solverWallS) j["solver_wall_s"] = numberOrNull(*solverWallS);
    if (residuals) {
        json o = {{"U", numberOrNull(residuals->u)},
                  {"p", numberOrNull(residuals->p)},
                  {"tolerance", numberOrNull(residuals->tolerance)}};
        if (residuals->belowTolerance) o["below_tolerance"] = *residuals->belowTolerance;
        j["residuals"] = o;
    }
    if (convergence) {
        json o = {{"tolerance", numberOrNull(convergence->tolerance)}};
        if (convergence->window) o["window"] = *convergence->window;
        if (convergence->dragSettled) o["drag_settled"] = *convergence->dragSettled;
        if (convergence->residualsJudged) o["residuals_judged"] = *convergence->residualsJudged;
        j["convergence"] = o;
    }
    if (reference) {
        json o = {{"rho_kg_m3", numberOrNull(reference->rhoKgM3)},
                  {"U_mps", numberOrNull(reference->uMps)},
                  {"area_m2", numberOrNull(reference->areaM2)},
                  {"averaged_from", numberOrNull(reference->averagedFrom)}};
        if (reference->averagedSamples) o["averaged_samples"] = *reference->averagedSamples;
        if (reference->batches) o["batches"] = *reference->batches;
        j["reference"] = o;
    }
    j["bodies"] = json::object();
    for (const auto& [name, body] : bodies) j["bodies"][name] = writeBody(body);
    return j;
}

}  // namespace drafting::solver::monitoring
