#pragma once
#include <limits>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::solver::monitoring {

/// What runnerDrag writes to a case's results.json (docs/results.md): the one type its writer
/// (runnerDrag.C) and every reader (cases::files::CaseResult, which adds what the case runner records)
/// share, so a new key is one edit here that the compiler checks everywhere.
///
/// Numbers the solver could not compute are NaN here and null in the file (JSON has no NaN);
/// a key an older file lacks reads as NaN, an absent object as nullopt.
struct SolverResults {
    /// Written as "schema"; a file without it is schema 1 (written before the field). A reader
    /// refuses a newer schema rather than guess what its keys mean.
    static constexpr int kSchema = 1;

    static constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

    struct YPlus {
        double min = kUnknown;
        double mean = kUnknown;
        double max = kUnknown;
    };

    /// One body's forces, averaged over the final samples (runnerDrag's batch means).
    struct Body {
        double dragN = 0.0;
        double sideN = 0.0;
        double liftN = 0.0;
        double dragStdN = 0.0;
        double cdaM2 = 0.0;
        double cd = 0.0;
        double referenceAreaM2 = 0.0;
        /// 95 % half-widths of the averaged drag and Cd.
        double dragCi95N = kUnknown;
        double cdCi95 = kUnknown;
        double cs = kUnknown;
        double cl = kUnknown;
        double clAmplitude = kUnknown;
        double strouhal = kUnknown;
        /// Against the solo drag runnerDrag was given (soloDrag), else unknown.
        double savingPct = kUnknown;
        double batchLag1 = kUnknown;
        /// How far the mean drag still moved over the final window (MeanDrift); unknown for runs
        /// shorter than two windows and in older files.
        double dragMeanDriftN = kUnknown;
        double dragMeanDriftRel = kUnknown;
        YPlus yPlus;

        /// The iterative uncertainty of the mean drag: the 95 % interval and the drift added in
        /// quadrature (docs/validation.md, "Iterative convergence"); NaN when neither is known.
        double dragIterativeN() const;
    };

    struct Residuals {
        double u = kUnknown;
        double p = kUnknown;
        double tolerance = kUnknown;
        std::optional<bool> belowTolerance;
    };

    /// The convergence test of the mean drag (MeanDrift over `window` samples).
    struct Convergence {
        std::optional<long> window;
        double tolerance = kUnknown;
        std::optional<bool> dragSettled;
        std::optional<bool> residualsJudged;
    };

    /// What the coefficients are relative to, and which samples were averaged.
    struct Reference {
        double rhoKgM3 = kUnknown;
        double uMps = kUnknown;
        double areaM2 = kUnknown;
        std::optional<long> averagedSamples;
        double averagedFrom = kUnknown;
        std::optional<long> batches;
    };

    int schema = kSchema;
    std::string producer;  // "runnerDrag"; empty when the case runner wrote a failure itself
    std::string status = "failed";  // "ok" | "failed"
    std::string reason;
    /// Why the run ended: "settled", "residuals", "end" or "diverged" (empty: not recorded).
    std::string stop;
    std::string stopReason;
    int iterations = 0;
    bool converged = false;
    std::optional<bool> settled;
    /// The solution time a resumed run started from (a checkpoint or a continuation).
    std::optional<double> resumedFrom;
    std::optional<long> restoredSamples;
    /// Solver seconds of every part of a resumed run.
    std::optional<double> solverWallS;
    std::optional<Residuals> residuals;
    std::optional<Convergence> convergence;
    std::optional<Reference> reference;
    std::map<std::string, Body> bodies;

    bool ok() const { return status == "ok"; }

    /// Reads the keys above from a results.json object; throws common::RunError naming `origin`
    /// (the file), the field and its value when a key has the wrong type or the schema is newer.
    /// Keys it does not model are ignored (the case runner's, read by cases::files::CaseResult).
    static SolverResults fromJson(const nlohmann::json& json, const std::string& origin);
    /// Writes them (unknown numbers as null; absent optionals not at all).
    nlohmann::json toJson() const;

    /// Whether `json` says it is of a schema newer than kSchema (written by a newer runnerDrag).
    static bool isNewerSchema(const nlohmann::json& json);

    /// A body's name as a one-line message may show it: as is when plain, else quoted.
    static std::string shownName(const std::string& name);
};

}  // namespace drafting::solver::monitoring
