#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::post {

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
};

/// The reduction of a sweep: saving_pct = 100 × (1 − drag_lead / drag_solo).
class SavingsTable {
public:
    /// Reads SWEEPDIR/manifest.json and each case's results.json. A case without results
    /// is listed as failed with the reason; a sweep whose solo case failed throws PostError.
    static SavingsTable fromSweep(const std::string& sweepDir);

    const std::vector<SavingsRow>& rows() const { return rows_; }
    double soloDrag() const { return soloDrag_; }

    void writeCsv(const std::string& path) const;
    nlohmann::json toJson() const;

private:
    std::vector<SavingsRow> rows_;
    double soloDrag_ = 0.0;
};

}  // namespace drafting::post
