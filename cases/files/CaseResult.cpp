#include "cases/files/CaseResult.hpp"

#include "common/Error.hpp"
#include "common/JsonFields.hpp"
#include "common/Printable.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <utility>

namespace drafting::cases::files {

namespace {

using nlohmann::json;

// A finite positive number, else nothing.
std::optional<double> positive(double v) { return std::isfinite(v) && v > 0.0 ? std::optional<double>(v) : std::nullopt; }

std::optional<double> positive(const json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j.at(key).is_number()) return std::nullopt;
    return positive(j.at(key).get<double>());
}

}  // namespace

CaseResult CaseResult::fromJson(const json& j, const std::string& origin) {
    CaseResult r;
    static_cast<SolverResults&>(r) = SolverResults::fromJson(j, origin);
    const common::JsonFields in(origin);
    r.caseName = in.text(j, "case");
    // A kind this version does not know (a newer tool's) reads as unknown: the result is still failed.
    if (const std::string kind = in.text(j, "failure"); !kind.empty())
        r.failure = failureFromName(kind).value_or(Failure::none);
    r.parameters = in.object(j, "parameters").value_or(json::object());
    if (in.present(j, "provenance")) {
        try {
            r.provenance = Provenance::fromJson(j.at("provenance"), origin, "provenance");
        } catch (const common::InputError& e) {
            throw common::RunError(e.site(), e.why());  // a damaged results.json is a run's problem, as every field here
        }
    }
    if (const auto m = in.object(j, "mesh")) {
        Mesh mesh;
        // Written as a count; a number is accepted, as earlier readers did.
        if (const auto cells = in.optionalNumber(*m, "cells", "mesh")) {
            if (!std::isfinite(*cells) || std::abs(*cells) > 1e15)
                in.refuse("mesh.cells", m->at("cells"), "not a count of cells");
            mesh.cells = std::lround(*cells);
        }
        if (const auto d = in.integer(*m, "dimension", "mesh")) {
            if (*d != 2 && *d != 3) in.refuse("mesh.dimension", m->at("dimension"), "neither 2 nor 3");
            mesh.dimension = static_cast<int>(*d);
        }
        mesh.level = in.text(*m, "level", "mesh");
        mesh.checkError = in.text(*m, "check_error", "mesh");
        // draftCheckMesh's verdict as the runner copied it: a damaged copy loses only itself, as an
        // unreadable meshCheck.json does when the runner writes the result (check_error).
        if (in.present(*m, "check")) {
            try {
                mesh.check = MeshCheckFile::fromJson(m->at("check"), origin);
            } catch (const std::runtime_error& e) {
                mesh.checkError = e.what();
            }
        }
        r.mesh = mesh;
    }
    if (const auto t = in.object(j, "timing_s")) {
        std::map<std::string, double> timing;
        for (const auto& [step, seconds] : t->items()) {
            if (!seconds.is_number()) in.refuse("timing_s." + shownName(step), seconds, "not a number of seconds");
            timing[step] = seconds.get<double>();
        }
        r.timingS = timing;
    }
    if (const auto ranks = in.integer(j, "mpi_ranks")) {
        if (*ranks < 1 || *ranks > 1 << 20) in.refuse("mpi_ranks", j.at("mpi_ranks"), "not a count of ranks");
        r.mpiRanks = static_cast<int>(*ranks);
    }
    r.resumedFromCheckpoint = in.text(j, "resumed_from_checkpoint");
    r.checkpointDropped = in.text(j, "checkpoint_dropped");
    if (const auto c = in.object(j, "continued")) {
        Continuation k;
        k.fromTime = in.integer(*c, "from_time", "continued").value_or(0);
        const long before = in.count(*c, "iterations_before", "continued").value_or(0);
        if (before > std::numeric_limits<int>::max())
            in.refuse("continued.iterations_before", c->at("iterations_before"), "not a count of iterations");
        k.iterationsBefore = static_cast<int>(before);
        k.convergedBefore = in.flag(*c, "converged_before", "continued").value_or(false);
        k.stopBefore = in.text(*c, "stop_before", "continued");
        k.iterationsRequested = in.integer(*c, "iterations_requested", "continued").value_or(0);
        k.endTime = in.integer(*c, "end_time", "continued").value_or(0);
        r.continued = k;
    }
    return r;
}

std::optional<double> CaseResult::dynamicPressureArea(const std::string& body) const {
    // What the case was set up with, else what runnerDrag says it used (reference cases). A runner
    // of its own size was set up with its own area (parameters.runners).
    const auto fromSolver = [&](double Reference::*field) {
        return reference ? positive((*reference).*field) : std::nullopt;
    };
    const auto rho = positive(parameters, "air_density_kg_m3") ? positive(parameters, "air_density_kg_m3")
                                                               : fromSolver(&Reference::rhoKgM3);
    const auto speed =
        positive(parameters, "air_speed_mps") ? positive(parameters, "air_speed_mps") : fromSolver(&Reference::uMps);
    std::optional<double> area =
        positive(parameters, "frontal_area_m2") ? positive(parameters, "frontal_area_m2") : fromSolver(&Reference::areaM2);
    if (parameters.is_object() && parameters.contains("runners") && parameters.at("runners").is_array())
        for (const auto& runner : parameters.at("runners"))
            if (runner.is_object() && runner.value("name", json()) == body && positive(runner, "frontal_area_m2"))
                area = positive(runner, "frontal_area_m2");
    if (!rho || !speed || !area) return std::nullopt;
    return 0.5 * *rho * *speed * *speed * *area;
}

json CaseResult::toJson() const {
    json j = SolverResults::toJson();
    j["case"] = caseName;
    if (!ok() && failure != Failure::none) j["failure"] = failureName(failure);
    j["parameters"] = parameters;
    if (mesh) {
        json m = {{"cells", mesh->cells}, {"level", mesh->level}};
        if (mesh->dimension != 0) m["dimension"] = mesh->dimension;
        if (!mesh->checkError.empty()) m["check_error"] = mesh->checkError;
        if (mesh->check) m["check"] = mesh->check->toJson();
        j["mesh"] = m;
    }
    if (timingS) j["timing_s"] = *timingS;
    if (mpiRanks) j["mpi_ranks"] = *mpiRanks;
    if (!resumedFromCheckpoint.empty()) j["resumed_from_checkpoint"] = resumedFromCheckpoint;
    if (!checkpointDropped.empty()) j["checkpoint_dropped"] = checkpointDropped;
    if (continued)
        j["continued"] = {{"from_time", continued->fromTime},
                          {"iterations_before", continued->iterationsBefore},
                          {"converged_before", continued->convergedBefore},
                          {"stop_before", continued->stopBefore},
                          {"iterations_requested", continued->iterationsRequested},
                          {"end_time", continued->endTime}};
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
    for (const auto& [body, f] : bodies) {
        const std::optional<double> qA = dynamicPressureArea(body);
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

}  // namespace drafting::cases::files
