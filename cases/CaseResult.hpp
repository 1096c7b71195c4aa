#pragma once
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::cases {

/// Forces on one body, averaged over the final iterations (see runnerDrag).
struct BodyForces {
    double dragN = 0.0;
    double sideN = 0.0;
    double liftN = 0.0;
    double dragStdN = 0.0;
    double cdaM2 = 0.0;
    double cd = 0.0;
    double referenceAreaM2 = 0.0;
};

/// The contract of a case's results.json (docs/results.md).
struct CaseResult {
    std::string caseName;
    std::string status = "failed";  // "ok" | "failed"
    std::string reason;
    int iterations = 0;
    bool converged = false;
    std::map<std::string, BodyForces> bodies;
    nlohmann::json parameters = nlohmann::json::object();
    nlohmann::json extra = nlohmann::json::object();  // mesh, timings, residuals
    /// The JSON this result was read from: keys it does not model (confidence intervals,
    /// Strouhal numbers, stop reason, ...) are written back unchanged.
    nlohmann::json source = nlohmann::json::object();

    bool ok() const { return status == "ok"; }

    /// Reads a results.json; throws RunError if it is unreadable or lacks required keys.
    static CaseResult fromJson(const nlohmann::json& json);
    nlohmann::json toJson() const;

    /// Marks the result failed when a force is not finite or a drag coefficient is outside
    /// what any runner in any formation can have (Cd in [-2, 10]). Returns true if it passed.
    bool checkPhysical();

    static constexpr double kMinCd = -2.0;
    static constexpr double kMaxCd = 10.0;
};

}  // namespace drafting::cases
