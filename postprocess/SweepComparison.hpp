#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "postprocess/SavingsTable.hpp"

namespace drafting::post {

/// The lead's saving in one sweep beside other sweeps of the same cases (draft-post --compare
/// LABEL=DIR): what one factor (the pacers' size, their step, the wind) does to the saving against
/// gap. Each sweep is reduced as draft-post reduces it alone (its own solo runner, so a wind that
/// changes her solo drag is in her saving; failed and non-physical cases give no number); cases
/// match by name, which is the formation and its gaps. Moves are from the first sweep compared
/// (the reference: the identical-mannequin, in-step, calm-air sweep in scripts/study.sh factors),
/// with the iterative uncertainty of both savings in quadrature. Written as factors.csv and
/// factors.json and shown in the report.
class SweepComparison {
public:
    /// One sweep of the comparison, reduced.
    struct Sweep {
        std::string label, dir;
        SavingsTable table;
        /// Every setting in which the sweep differs from the reference's, as "key: reference -> this"
        /// (flattened manifest config, the sweep's name left out); empty for the reference.
        std::vector<std::string> differs;
    };
    /// One case in one sweep.
    struct Cell {
        std::string status;  // ok | failed | absent (no case of that name in the sweep)
        std::string reason;  // why failed or absent
        std::optional<double> savingPct, savingIterPct;
        /// The move from the reference's saving in the same case, and its iterative uncertainty
        /// (both savings' in quadrature); empty for the reference or when either has no saving.
        std::optional<double> movePct, moveIterPct;
        /// The two sweeps ran the same solo case (its drag equal to the last bit): the move's
        /// uncertainty counts the solo's once (moveUncertainty).
        bool soloShared = false;
    };
    /// One case (formation and gaps), with a cell per sweep in the order of sweeps().
    struct Row {
        std::string caseName, formation, series;  // series: SavingsFit::seriesLabel
        std::optional<double> frontGap, backGap, lateral;
        std::vector<Cell> cells;
    };

    /// The sweeps `compared` (label, directory; the first is the reference) and the sweep `table`
    /// reduced by draft-post, labelled `label`, last. Bad input (exit 1, naming --compare and the
    /// value): a label not 1-40 letters, digits, '.', '_' or '-', or given twice; a directory
    /// without manifest.json; the reduced sweep or one compared before again (also under another path);
    /// a sweep of another dimension, mesh level or gap definition (moves
    /// across levels would hold discretisation error). A compared sweep that cannot be reduced
    /// (its solo failed) is a run error.
    static SweepComparison build(const std::string& label, const std::string& dir, const SavingsTable& table,
                                 const std::vector<std::pair<std::string, std::string>>& compared);

    /// "LABEL=DIR" of --compare split and the label checked (bad input names --compare).
    static std::pair<std::string, std::string> parseOption(const std::string& value);

    const std::vector<Sweep>& sweeps() const { return sweeps_; }
    const std::vector<Row>& rows() const { return rows_; }
    /// The iterative uncertainty of b's lead saving minus a's [points], given each sweep's solo row.
    static std::optional<double> moveUncertainty(const SavingsRow& a, const SavingsRow& b, const SavingsRow* soloA,
                                                 const SavingsRow* soloB);
    /// What the figures do and do not hold, for the report and factors.json.
    static std::vector<std::string> notes();

    /// factors.csv: a line per case and sweep.
    void writeCsv(const std::string& path) const;
    /// factors.json: the sweeps (label, directory, solo drag, what differs) and the rows of factors.csv.
    nlohmann::json toJson() const;

private:
    std::vector<Sweep> sweeps_;
    std::vector<Row> rows_;
};

}  // namespace drafting::post
