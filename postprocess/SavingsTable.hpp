#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::post {

/// One runner of one case against the solo baseline (a row of bodies.csv). Pacers have the
/// athlete's body, so every runner's saving is measured against the same solo drag.
struct BodySaving {
    std::string body;  // lead | pacer1 | pacer2 | ...
    double dragN = 0.0;
    std::optional<double> dragCi95N;  // 95 % half-width of the averaged drag (results.json)
    std::optional<double> dragDriftN;  // how far the mean still moved over the final window
    std::optional<double> dragIterativeN;  // the interval and the drift in quadrature
    /// savingIterPct: the iterative uncertainty of the saving, from the interval and the drift
    /// of this drag and the solo drag together (BodyForces::dragIterativeN).
    std::optional<double> savingPct, savingCi95Pct, savingIterPct, savingGciPct;
    std::optional<double> cd, cdaM2, sideN, yPlusMean;
};

/// One row of savings.csv: the lead runner's drag in one case against the solo baseline.
struct SavingsRow {
    std::string caseName;
    std::string formation;
    std::optional<double> frontGap, backGap, lateral;
    double speed = 0.0;
    std::string status;  // ok | failed
    std::string reason;
    bool converged = false;
    std::optional<double> dragLead, dragSolo, savingPct, cdaLead;
    std::optional<double> frontalArea;  // the reference area of Cd [m²]: the runner's, in 3D measured
    std::optional<double> cdLead, cdSolo;
    std::optional<double> cells, yPlusLead;  // mesh cells; area-weighted mean y+ on the lead runner
    /// Uncertainty of saving_pct in points: from the averaging confidence intervals of the lead's
    /// and the solo drag, and (when the sweep is one level of a convergence study) from their GCI.
    std::optional<double> dragLeadCi95, savingCi95Pct, savingGciPct;
    /// The lead's drift and the saving's iterative uncertainty (interval and drift of both drags,
    /// docs/validation.md "Iterative convergence"): what the error bars show.
    std::optional<double> dragLeadDrift, dragLeadIterative, savingIterPct;
    std::vector<BodySaving> bodies;  // every runner of an ok case, lead first
};

/// The reduction of a sweep: saving_pct = 100 × (1 − drag_lead / drag_solo).
class SavingsTable {
public:
    /// Reads SWEEPDIR/manifest.json and each case's results.json. A case without results
    /// is listed as failed with the reason; a sweep whose solo case failed throws PostError.
    static SavingsTable fromSweep(const std::string& sweepDir);

    /// Attaches grid-convergence error bars from a convergence study's convergence.json
    /// (draft-cases convergence) to the rows of one of its levels (coarse | medium | fine):
    /// saving_gci_pct from the bounded GCI of the lead's and the solo drag. Returns the number
    /// of rows that got one.
    int attachGci(const nlohmann::json& convergence, const std::string& level);

    const std::vector<SavingsRow>& rows() const { return rows_; }
    double soloDrag() const { return soloDrag_; }

    void writeCsv(const std::string& path) const;
    /// bodies.csv: one row per case and runner (the lead and each pacer).
    void writeBodiesCsv(const std::string& path) const;
    nlohmann::json toJson() const;

private:
    std::vector<SavingsRow> rows_;
    double soloDrag_ = 0.0;
};

}  // namespace drafting::post
