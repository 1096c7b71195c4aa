#include "SolverResults.hpp"

#include "common/Error.hpp"
#include "common/JsonFields.hpp"
#include "common/Printable.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace drafting::solver::monitoring {

namespace {

using common::Printable;
using nlohmann::json;

json numberOrNull(double v) { return std::isfinite(v) ? json(v) : json(); }

SolverResults::Body readBody(const json& b, const common::JsonFields& in, const std::string& field) {
    if (!b.is_object()) in.refuse(field, b, "not an object");
    SolverResults::Body f;
    // Absent or null: unknown (NaN), so a result without a force fails the physical check.
    f.dragN = in.number(b, "drag_N", field);
    f.sideN = in.number(b, "side_N", field);
    f.liftN = in.number(b, "lift_N", field);
    f.dragStdN = in.number(b, "drag_std_N", field);
    f.cdaM2 = in.number(b, "cda_m2", field);
    f.cd = in.number(b, "cd", field);
    f.referenceAreaM2 = in.number(b, "reference_area_m2", field);
    f.dragCi95N = in.number(b, "drag_ci95_N", field);
    f.cdCi95 = in.number(b, "cd_ci95", field);
    f.cs = in.number(b, "cs", field);
    f.cl = in.number(b, "cl", field);
    f.clAmplitude = in.number(b, "cl_amplitude", field);
    f.strouhal = in.number(b, "strouhal", field);
    f.savingPct = in.number(b, "saving_pct", field);
    f.batchLag1 = in.number(b, "batch_lag1", field);
    f.dragMeanDriftN = in.number(b, "drag_mean_drift_N", field);
    f.dragMeanDriftRel = in.number(b, "drag_mean_drift_rel", field);
    if (const auto y = in.object(b, "y_plus", field)) {
        f.yPlus.min = in.number(*y, "min", field + ".y_plus");
        f.yPlus.mean = in.number(*y, "mean", field + ".y_plus");
        f.yPlus.max = in.number(*y, "max", field + ".y_plus");
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
    const common::JsonFields in(origin);
    if (!j.is_object()) throw common::RunError(common::ErrorSite::inFile(origin), "not a JSON object");
    if (!j.contains("status")) in.refuse("status", "missing");
    SolverResults r;
    if (const auto schema = in.integer(j, "schema")) {
        if (*schema < 1) in.refuse("schema", j.at("schema"), "not a schema version");
        if (*schema > kSchema)
            in.refuse("schema", j.at("schema"),
                           "written by a newer runnerDrag; this tool reads schema " + std::to_string(kSchema));
        r.schema = static_cast<int>(*schema);
    }
    r.status = in.text(j, "status");
    if (r.status != "ok" && r.status != "failed")
        in.refuse("status", j.at("status"), "neither \"ok\" nor \"failed\"");
    r.producer = in.text(j, "producer");
    r.reason = in.text(j, "reason");
    r.stop = in.text(j, "stop");
    r.stopReason = in.text(j, "stop_reason");
    if (in.present(j, "iterations")) {
        const json& it = j.at("iterations");
        if (!it.is_number_integer() || it.get<long long>() < 0 || it.get<long long>() > std::numeric_limits<int>::max())
            in.refuse("iterations", it, "not a count of iterations");
        r.iterations = it.get<int>();
    }
    r.converged = in.flag(j, "converged").value_or(false);
    r.settled = in.flag(j, "settled");
    r.resumedFrom = in.optionalNumber(j, "resumed_from");
    r.restoredSamples = in.count(j, "restored_samples");
    r.solverWallS = in.optionalNumber(j, "solver_wall_s");
    if (const auto o = in.object(j, "residuals")) {
        Residuals res;
        res.u = in.number(*o, "U", "residuals");
        res.p = in.number(*o, "p", "residuals");
        res.tolerance = in.number(*o, "tolerance", "residuals");
        res.belowTolerance = in.flag(*o, "below_tolerance", "residuals");
        r.residuals = res;
    }
    if (const auto o = in.object(j, "convergence")) {
        Convergence c;
        c.window = in.count(*o, "window", "convergence");
        c.tolerance = in.number(*o, "tolerance", "convergence");
        c.dragSettled = in.flag(*o, "drag_settled", "convergence");
        c.residualsJudged = in.flag(*o, "residuals_judged", "convergence");
        r.convergence = c;
    }
    if (const auto o = in.object(j, "reference")) {
        Reference ref;
        ref.rhoKgM3 = in.number(*o, "rho_kg_m3", "reference");
        ref.uMps = in.number(*o, "U_mps", "reference");
        ref.areaM2 = in.number(*o, "area_m2", "reference");
        ref.averagedSamples = in.count(*o, "averaged_samples", "reference");
        ref.averagedFrom = in.number(*o, "averaged_from", "reference");
        ref.batches = in.count(*o, "batches", "reference");
        r.reference = ref;
    }
    if (const auto bodies = in.object(j, "bodies"))
        for (const auto& [name, b] : bodies->items()) r.bodies[name] = readBody(b, in, "bodies." + shownName(name));
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
