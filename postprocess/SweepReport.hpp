#pragma once
#include "cases/config/SweepConfig.hpp"
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/files/Provenance.hpp"
#include "postprocess/FlowFieldExport.hpp"
#include "postprocess/PacingTable.hpp"
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsTable.hpp"
#include "postprocess/StrideAverage.hpp"
#include "postprocess/SweepComparison.hpp"

namespace drafting::post {

/// Everything draft-post found, gathered into the model ReportPage renders as report.html.
/// Paths in the model are relative to the output directory.
struct SweepReport {
    std::string sweepName, sweepDir;
    std::optional<cases::config::SweepConfig> config;  // the sweep's settings (none: no manifest read)
    const SavingsTable* table = nullptr;
    const std::vector<SavingsFit::Curve>* curves = nullptr;
    const PacingTable* pacing = nullptr;
    const FlowSweepExport* flow = nullptr;  // with paths relative to the output directory
    std::vector<nlohmann::json> figures;    // {title, path, caption}
    std::vector<std::string> warnings;
    std::optional<std::string> gciStudy;    // the convergence study draft-post took the savings' GCI from
    int gciAttached = 0;                    // how many savings got a GCI from it (SavingsTable::attachGci)
    std::optional<std::string> modelFormStudy;  // the model-form study draft-post took the spreads from
    int modelFormAttached = 0;              // how many savings got one (SavingsTable::attachModelForm)
    std::optional<nlohmann::json> race;     // RaceReplay::Result::toJson() of draft-post --race
    const SweepComparison* comparison = nullptr;  // draft-post --compare: this sweep beside others
    const StrideAverage* stride = nullptr;  // draft-post --phase-sweep: the lead's drag over her stride
    std::optional<cases::files::Provenance> casesMadeBy;  // manifest.json's provenance: the generate of the cases
    std::string configFile;  // the sweep's draft-cases.cfg relative to the output directory ("" if none)

    nlohmann::json model() const;
};

}  // namespace drafting::post
