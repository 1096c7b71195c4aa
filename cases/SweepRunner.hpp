#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "cases/SweepConfig.hpp"
#include "cases/SweepPlan.hpp"
#include "cases/ToolPaths.hpp"

namespace drafting::cases {

/// Writes a sweep's cases and manifest, and runs them several at a time.
class SweepRunner {
public:
    explicit SweepRunner(ToolPaths tools) : tools_(std::move(tools)) {}

    /// Writes every case folder and manifest.json under `sweepDir`. A case whose folder holds
    /// a finished result of the same settings (same fingerprint) is kept as it is.
    void generate(const SweepConfig& config, const std::vector<CaseSpec>& cases, const std::string& sweepDir,
                  std::ostream& log) const;

    /// Runs every case not yet finished (all of them with `force`), `jobs` at a time.
    /// Returns the number of failed cases.
    int run(const std::string& sweepDir, int jobs, bool force, std::ostream& log) const;

    /// Identifies a case's settings: equal fingerprints, equal case.
    static std::string fingerprint(const SweepConfig& config, const CaseSpec& spec);

private:
    ToolPaths tools_;
};

}  // namespace drafting::cases
