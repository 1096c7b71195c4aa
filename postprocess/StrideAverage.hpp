#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "postprocess/PacingTable.hpp"
#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// The lead's drag averaged over her stride (draft-post --phase-sweep DIR): one sweep per phase of
/// the measured stride (geometry.stride_phase, the pacers at theirs through pacers.stride_offset), the
/// same in every other setting. Quasi-steady: the stride's mean drag is the mean of the instants'
/// drags, for the lead and for her solo alike, and the saving is 100 (1 - mean lead / mean solo),
/// not the mean of the instants' savings. The spread of the instants' savings over the stride is
/// part of the result. Only phases evenly spaced over the whole stride make a mean of it, and only a
/// case that gave a drag at every phase is averaged: a partial mean would lean to the phases run.
/// Two uncertainties are reported apart: the iterative one of the means, and the phase sampling:
/// how far the mean over every other phase falls from the mean over all (the larger of the two
/// halves; from 4 phases, an even number). The mean over all phases is likely nearer the stride's
/// than either half, so this bounds rather than estimates what the phases left out.
/// Written as stride.csv and stride.json and shown in the report.
class StrideAverage {
public:
    /// One phase: its sweep, reduced against its own solo.
    struct Phase {
        double phase = 0.0;
        std::string dir;
        SavingsTable table;
    };
    /// One case at one phase.
    struct Instant {
        std::string status;  // ok | failed | absent
        std::string reason;
        bool converged = false;  // as savings.csv's: the solver's criteria were met
        std::optional<double> leadDragN, leadIterN, savingPct, savingIterPct;
    };
    /// One case (formation and gaps) over the stride.
    struct Row {
        std::string caseName, formation;
        std::optional<double> frontGap, backGap, lateral;
        std::vector<Instant> instants;  // in the order of phases()
        std::string status;             // averaged | incomplete
        std::string reason;             // why incomplete: the first phase without a drag
        /// The means over the stride, their iterative uncertainties (each instant's in quadrature,
        /// over N), the saving of the means with its uncertainty (SavingsTable::savingUncertainty),
        /// and the lowest and highest instant's saving.
        std::optional<double> leadDragN, leadIterN, savingPct, savingIterPct, savingMinPct, savingMaxPct;
        /// The phase sampling uncertainty of savingPct in points (see the class); none below 4 phases
        /// or for an odd number (samplingWhyNot()).
        std::optional<double> savingPhasePct;
    };

    /// The reduced sweep `table` (in `dir`) and the sweeps `others` of the same config at other
    /// phases of her stride. Bad input (exit 1): the reduced sweep has no geometry.stride_phase
    /// (naming SWEEPDIR); naming --phase-sweep and the value: a directory without manifest.json; the reduced sweep or
    /// one given before again (also under another path); a sweep that differs in any setting but
    /// geometry.stride_phase (named), or at a phase given before; phases not evenly spaced over the
    /// stride. A sweep that cannot be reduced (its solo failed) is a run error.
    static StrideAverage build(const std::string& dir, const SavingsTable& table, const std::vector<std::string>& others);

    /// Her solo drag over the stride: the mean of the phases' solo drags and its iterative uncertainty.
    double soloDragN() const { return soloDragN_; }
    std::optional<double> soloIterN() const { return soloIterN_; }
    /// The solo drag's spread over the stride: (highest - lowest) / mean, in per cent.
    double soloSpreadPct() const { return soloSpreadPct_; }
    /// Why no case has a phase sampling uncertainty ("" when they can have one).
    std::string samplingWhyNot() const;
    const std::vector<Phase>& phases() const { return phases_; }
    const std::vector<Row>& rows() const { return rows_; }
    /// What the stride's mean saving of `row` is worth over the distance: the pacing model of the
    /// reduced sweep's `pacing` table, with her solo drag area scaled to her solo drag over the
    /// stride. None where that table gives the case no prediction (in a wind, a failed case, no
    /// shelter) or the case has no mean.
    std::optional<PacingPrediction> pace(const Row& row, const PacingTable& pacing) const;
    /// What the figures do and do not hold, for the report and stride.json.
    static std::vector<std::string> notes();

    /// stride.csv: a line per case and phase, then the case's mean over the stride ("mean").
    void writeCsv(const std::string& path) const;
    /// stride.json: the phases (phase, directory, solo drag), her solo over the stride, and per
    /// case the instants and the mean.
    nlohmann::json toJson() const;

private:
    std::vector<Phase> phases_;
    std::vector<Row> rows_;
    double soloDragN_ = 0.0, soloSpreadPct_ = 0.0;
    double reducedSoloN_ = 0.0;  // the reduced sweep's own solo drag: the instant its pacing table is of
    std::optional<double> soloIterN_;
};

}  // namespace drafting::post
