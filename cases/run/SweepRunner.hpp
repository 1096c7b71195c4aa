#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "cases/files/ToolPaths.hpp"

namespace drafting::cases::run {

/// Writes a sweep's cases and manifest, and runs them several at a time.
class SweepRunner {
public:
    explicit SweepRunner(files::ToolPaths tools) : tools_(std::move(tools)) {}

    /// Writes every case folder and manifest.json under `sweepDir` as one transaction
    /// (SweepTransaction). A case whose folder holds a finished result of the same settings
    /// (same fingerprint) is kept as it is; finished results are replaced only with `force`.
    /// `studyLevel`: this sweep is that level of a convergence study (Manifest::studyLevel).
    void generate(const config::SweepConfig& config, const std::vector<config::CaseSpec>& cases, const std::string& sweepDir,
                  std::ostream& log, bool force = false, const std::string& studyLevel = "") const;

    struct RunOptions {
        int ranks = 1;               // MPI ranks per case (CaseRunner)
        bool oversubscribe = false;  // let jobs × ranks exceed the cores
        /// Re-runs of a case whose program died or exited with an error (a killed solver, a
        /// crashed mesher); verdicts that would repeat (mesh check, non-physical drag) are final.
        int retries = 1;
        bool progressBar = false;    // a bar redrawn in place: only when the output is a terminal
        /// run --continue: finished steady cases that did not converge also run on from their
        /// final time (CaseContinuation), `continueIterations` more (0: as many again).
        bool continueUnconverged = false;
        int continueIterations = 0;
    };

    /// Runs every case not yet finished (all of them with `force`), `jobs` at a time.
    /// Returns the number of failed cases.
    int run(const std::string& sweepDir, int jobs, bool force, std::ostream& log) const {
        return run(sweepDir, jobs, force, log, RunOptions{});
    }
    int run(const std::string& sweepDir, int jobs, bool force, std::ostream& log, const RunOptions& options) const;

    /// Identifies a case's settings: equal fingerprints, equal case. `bodyHash` is bodyHash(config).
    static std::string fingerprint(const config::SweepConfig& config, const config::CaseSpec& spec, const std::string& bodyHash);

    /// The content of the body file (geometry.stl) as a hash, "" for the parametric body: a
    /// replaced STL at the same path is a new body.
    static std::string bodyHash(const config::SweepConfig& config);

private:
    files::ToolPaths tools_;
};

}  // namespace drafting::cases::run
