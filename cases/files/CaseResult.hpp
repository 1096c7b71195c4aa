#pragma once
#include <limits>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cases/files/Provenance.hpp"
#include "cases/files/MeshCheckFile.hpp"
#include "solver/monitoring/DivergenceGuard.hpp"
#include "solver/monitoring/SolverResults.hpp"

namespace drafting::cases::files {

/// The contract of a case's results.json (docs/results.md): what runnerDrag wrote
/// (SolverResults, its one type) and what the case runner adds to it. Every writer and reader of
/// the file goes through it; nothing reads results.json as raw JSON.
struct CaseResult : solver::monitoring::SolverResults {
    /// The kind of a failure, written as results.json `failure`: code decides by it (a retry,
    /// CaseRunner::retryable), never by the wording of `reason`, which is for people.
    enum class Failure {
        none,           // ok, or a failed result written before kinds were recorded
        badCase,        // the case folder or its case.json cannot be run as it is
        couldNotStart,  // a program did not start
        stepExited,     // a program exited with an error or was killed
        meshCheck,      // the mesh failed draftCheckMesh and was never solved
        solverStopped,  // the solver stopped the run itself, with its reason (divergence guard)
        noResults,      // the solver ran but wrote no results.json
        nonPhysical,    // forces no runner can have
        notThisCase,    // another case's results (a copied file) or a runner missing
    };

    /// The mesh the solver saw, as the case runner records it (`mesh`).
    struct Mesh {
        long cells = -1;  // draftCheckMesh's count; -1 before it ran
        int dimension = 0;  // 2 or 3; 0: not recorded
        std::string level;
        std::string checkError;  // why meshCheck.json could not be read ("" when it could)
        std::optional<MeshCheckFile> check;
    };

    /// A continued run (`draft-cases run --continue`): where it went on from (`continued`).
    struct Continuation {
        long fromTime = 0;
        int iterationsBefore = 0;
        bool convergedBefore = false;
        std::string stopBefore;
        long iterationsRequested = 0;
        long endTime = 0;
    };

    std::string caseName;
    Failure failure = Failure::none;
    nlohmann::json parameters = nlohmann::json::object();
    std::optional<Mesh> mesh;
    /// Seconds per step of case.json (`timing_s`); absent in what the solver alone wrote.
    std::optional<std::map<std::string, double>> timingS;
    std::optional<int> mpiRanks;
    std::string resumedFromCheckpoint;  // the checkpoint a killed run went on from ("" none)
    std::string checkpointDropped;      // why a checkpoint could not be continued ("" none)
    std::optional<Continuation> continued;
    /// The run that produced it (absent in results older than the field).
    std::optional<Provenance> provenance;

    /// results.json's spelling of a kind ("" for none), and back; nullopt for an unknown name.
    static std::string failureName(Failure kind);
    static std::optional<Failure> failureFromName(const std::string& name);

    /// Reads a results.json; throws common::RunError naming `origin` (the file), the field and its value
    /// when it lacks a required key or a key has the wrong type.
    static CaseResult fromJson(const nlohmann::json& json, const std::string& origin = "results.json");
    nlohmann::json toJson() const;

    /// Marks the result failed, with the reason, when no runner can have its forces: a force that
    /// is not finite, a drag coefficient outside [kMinCd, kMaxCd] (DivergenceGuard's limits), a
    /// negative spread (drag_std_N, drag_ci95_N, cd_ci95), or a drag that disagrees with its own Cd,
    /// drag = ½ ρ U² A Cd, by more than kDragCdTolerance (ρ, U, A from the parameters' air density,
    /// air speed and frontal area, else from runnerDrag's `reference`; unchecked when neither has
    /// them). A negative drag with a consistent Cd passes here, as a solver's output: a 2D tandem
    /// section can push its rear body; checkDragPositive judges it as a runner's.
    /// Returns true if it passed.
    bool checkPhysical();

    /// Marks an ok result failed (non-physical) when a runner's drag is zero or negative, a
    /// saving of 100 % or more: no runner in a real formation is pushed forward, though a 2D
    /// tandem section can be. The reduction and the convergence study call it after
    /// checkPhysical, so such a case gives no saving, fit, GCI or mile time; results.json keeps
    /// what the solver wrote. Returns true if it passed.
    bool checkDragPositive();

    /// Marks the result failed, with a reason naming `origin` and the field, when it is not this
    /// case's: its "case" is not `folderName` (a results.json copied from another case), or its
    /// bodies lack a runner `manifestParameters` lists (parameters.runners[].name). Like
    /// checkPhysical, only an ok result is checked. Returns true if it passed.
    bool checkBelongsTo(const std::string& folderName, const nlohmann::json& manifestParameters,
                        const std::string& origin);

    /// The one gate before a result becomes a saving (the savings tables, the convergence study):
    /// checkPhysical, then checkBelongsTo, then checkDragPositive. Returns true if all passed.
    bool checkReducible(const std::string& folderName, const nlohmann::json& manifestParameters,
                        const std::string& origin);

    /// ½ ρ U² A of `body` [N per unit Cd], when the case's parameters (its own area for a runner
    /// of its own size, else the case's) or runnerDrag's reference give it.
    std::optional<double> dynamicPressureArea(const std::string& body) const;

    /// The solver's own bound (runnerDrag stops a run outside it): one place for the rule.
    static constexpr double kMinCd = solver::monitoring::DivergenceGuard::Limits{}.minCd;
    static constexpr double kMaxCd = solver::monitoring::DivergenceGuard::Limits{}.maxCd;
    /// Relative: results.json prints both with 10 digits, so only an edited file disagrees.
    static constexpr double kDragCdTolerance = 1e-3;
};

}  // namespace drafting::cases::files
