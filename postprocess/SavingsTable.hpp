#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/files/CaseResult.hpp"
#include "cases/study/ConvergenceFile.hpp"
#include "postprocess/ModelFormFile.hpp"

namespace drafting::post {

/// One runner of one case against the solo baseline (a row of bodies.csv). A runner with the
/// athlete's body is measured against her solo drag; a pacer of its own size, or at another phase
/// of the stride, has no solo runner of its body in the sweep, so its saving is empty (its drag and
/// Cd stand).
struct BodySaving {
    std::string body;  // lead | pacer1 | pacer2 | ...
    std::optional<double> ownHeightM;  // a runner of its own size: its height (parameters.runners)
    /// A runner out of her step: its phase of the stride (parameters.runners). Her solo drag is at
    /// her phase, so it gets no saving either.
    std::optional<double> ownStridePhase;
    double dragN = 0.0;
    std::optional<double> dragCi95N;  // 95 % half-width of the averaged drag (results.json)
    std::optional<double> dragDriftN;  // how far the mean still moved over the final window
    std::optional<double> dragIterativeN;  // the interval and the drift in quadrature
    /// savingIterPct: the iterative uncertainty of the saving, from the interval and the drift
    /// of this drag and the solo drag together (SolverResults::Body::dragIterativeN). savingGciPct: the
    /// bounded GCI of this runner's saving in points (SavingsTable::attachGci); savingTotalPct:
    /// the two in quadrature, when both are known.
    std::optional<double> savingPct, savingCi95Pct, savingIterPct, savingGciPct, savingTotalPct;
    std::string savingGciSource;  // where savingGciPct comes from, or "none: why"
    /// savingModelPct: the model-form uncertainty of this runner's saving in points, the spread
    /// over a model-form study's models (SavingsTable::attachModelForm; the lead's only);
    /// savingAllPct: iterative ⊕ GCI ⊕ model form, when all three are known.
    std::optional<double> savingModelPct, savingAllPct;
    std::string savingModelSource;  // where savingModelPct comes from, or "none: why"
    std::optional<double> cd, cdaM2, sideN, yPlusMean;

    /// The saving's numerical error bar in points: iterative (the 95 % interval where no drift was
    /// measured) ⊕ GCI, each 0 where unknown. What fits weigh by.
    double numericalErrorPct() const;
    /// What a plot's error bar shows: the numerical error ⊕ the model form, each 0 where unknown.
    double errorBarPct() const;
};

/// One row of savings.csv: the lead runner's drag in one case against the solo baseline.
struct SavingsRow {
    std::string caseName;
    std::string formation;
    std::optional<double> frontGap, backGap, lateral;
    /// The pacers' height when they have a size of their own ([pacers], sweep.pacer_height); empty:
    /// the athlete's body. Series of the plots and fits are split by it.
    std::optional<double> pacerHeight;
    double speed = 0.0;
    std::string status;  // ok | failed
    std::string reason;
    /// Why a failed row failed, when its results.json was read (non-physical, another case's, ...).
    cases::files::CaseResult::Failure failure = cases::files::CaseResult::Failure::none;
    bool converged = false;
    /// Why not, as runnerDrag judged it (results.json convergence.drag_settled and
    /// residuals.below_tolerance); unknown in results older than those fields.
    std::optional<bool> dragSettled, residualsBelow;
    std::optional<double> dragLead, dragSolo, savingPct, cdaLead;
    std::optional<double> frontalArea;  // the reference area of Cd [m²]: the runner's, in 3D measured
    std::optional<double> cdLead, cdSolo;
    std::optional<double> cells, yPlusLead;  // mesh cells; area-weighted mean y+ on the lead runner
    /// Uncertainty of saving_pct in points: from the averaging confidence intervals of the lead's
    /// and the solo drag; and the discretisation error, the bounded GCI of the saving itself at
    /// the sweep's level from a convergence study (attachGci), with savingGciSource saying which
    /// study, level and case it comes from, or why there is none.
    std::optional<double> dragLeadCi95, savingCi95Pct, savingGciPct;
    std::string savingGciSource;
    std::string templateVersion;  // the case's case.json "template" ("" when unknown)
    /// The lead's drift and the saving's iterative uncertainty (interval and drift of both drags,
    /// docs/validation.md "Iterative convergence"): what the error bars show.
    std::optional<double> dragLeadDrift, dragLeadIterative, savingIterPct;
    /// saving_iter_pct ⊕ saving_gci_pct (quadrature): iterative and discretisation error together;
    /// empty unless both are known.
    std::optional<double> savingTotalPct;
    /// The model-form uncertainty of the saving in points (attachModelForm): the largest move of the
    /// saving over a model-form study's models at the sweep's level, for this very case; with
    /// savingModelSource saying which study and moves, or why there is none. savingModelPartial: the
    /// study has models not run yet for it, so the spread is a lower bound. savingAllPct:
    /// iterative ⊕ GCI ⊕ model form (quadrature), empty unless all three are known.
    std::optional<double> savingModelPct, savingAllPct;
    std::string savingModelSource;
    bool savingModelPartial = false;
    std::vector<BodySaving> bodies;  // every runner of an ok case, lead first

    /// The lead's saving's numerical error bar in points (as BodySaving::numericalErrorPct).
    double numericalErrorPct() const;
    /// What a plot's error bar shows (as BodySaving::errorBarPct).
    double errorBarPct() const;
};

/// The reduction of a sweep: saving_pct = 100 × (1 − drag_lead / drag_solo).
class SavingsTable {
public:
    /// Reads SWEEPDIR/manifest.json and each case's results.json. A case without results
    /// is listed as failed with the reason; a sweep whose solo case failed throws PostError.
    static SavingsTable fromSweep(const std::string& sweepDir);

    /// Attaches the discretisation error of each saving from a convergence study's
    /// convergence.json (draft-cases convergence; `studyName` names it in the sources): the
    /// bounded GCI of the saving itself, in points, at this sweep's own level (its manifest's
    /// mesh.level). Only when the study has that level with a GCI at it, the case's formation and,
    /// where both record one, the same case template; from the study's case of the same name, or,
    /// when the study does not hold this case, the largest among its cases of the same formation
    /// (named in the source). Never from another level or formation: rows that get none say why
    /// in savingGciSource. The solo row's saving is 0 by definition, and so is its GCI. Returns
    /// the number of non-solo rows that got one.
    int attachGci(const cases::study::ConvergenceFile& convergence, const std::string& studyName);

    /// For a study that cannot be read (a damaged or older convergence.json of a study directory):
    /// every row's saving gets no GCI, its source "none: " + why.
    void attachNoGci(const std::string& why, const std::string& studyName);

    /// Attaches the model-form uncertainty of each saving from a model-form study
    /// (scripts/study.sh model-form; `studyName` names it in the sources): the spread of the lead's
    /// saving over the study's models, in points. Only at the study's own level and, where both
    /// record one, case template, only for 3D runners, and only for a case the study ran itself: a
    /// model's effect on the saving at one gap is not carried to another gap, formation, level or
    /// to a 2D section (whose case names and levels look the same). Rows that get
    /// none say why in savingModelSource. Returns the number of non-solo rows that got one.
    int attachModelForm(const ModelFormFile& study, const std::string& studyName);

    /// The uncertainty of the saving 100 (1 - drag / solo) in points from the two drags'
    /// (independent, first order: the relative errors in quadrature); none when neither is known.
    /// The one rule for a saving's error bar from its drags' (the savings, the stride average).
    static std::optional<double> savingUncertainty(double drag, std::optional<double> dragErr, double solo,
                                                   std::optional<double> soloErr);

    const std::vector<SavingsRow>& rows() const { return rows_; }
    double soloDrag() const { return soloDrag_; }
    /// The sweep's mesh level (manifest config.mesh.level; "" when it names none).
    const std::string& level() const { return level_; }
    /// The sweep's mesh.dimension (2 or 3; 0 when its manifest names none).
    int dimension() const { return dimension_; }
    /// How the sweep measured its gaps: "centre" or "clearance" (manifest
    /// config.formation.gap_definition; "centre" for sweeps made before it existed).
    const std::string& gapDefinition() const { return gapDefinition_; }
    /// The study attachGci used ("" when none).
    const std::string& gciStudy() const { return gciStudy_; }
    /// The study attachModelForm used ("" when none).
    const std::string& modelFormStudy() const { return modelFormStudy_; }

    void writeCsv(const std::string& path) const;
    /// bodies.csv: one row per case and runner (the lead and each pacer).
    void writeBodiesCsv(const std::string& path) const;
    nlohmann::json toJson() const;

private:
    void updateTotals();

    std::vector<SavingsRow> rows_;
    double soloDrag_ = 0.0;
    int dimension_ = 0;
    std::string level_, gciStudy_, modelFormStudy_, gapDefinition_ = "centre";
};

}  // namespace drafting::post
