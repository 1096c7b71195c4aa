#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"

namespace drafting::cases::run {

/// `generate` as a transaction over a sweep folder (docs/config.md, "What generate keeps").
///
/// Everything is decided before anything is touched: which finished cases are kept (same
/// fingerprint, body file included), which are replaced or dropped, and whether the folder is
/// ours at all. Finished results are never discarded without `force`, and a folder (or a case
/// folder) that draft-cases did not make is never deleted. The new cases and manifest are
/// staged in SWEEP/.draft-generate; a journal written once the staging is complete is the commit
/// point; then the manifest, the old cases (to the staging folder) and the new ones are moved
/// by renames, and the staging folder is removed. Killed at any point, the sweep is the old one
/// (before the journal) or becomes the new one at the next generate or run (recover), and
/// every case the manifest calls finished has its results on disk throughout.
class SweepTransaction {
public:
    /// Refuses (common::InputError, one line) a folder that is not a sweep of ours or whose finished
    /// cases `plan` would replace or drop without `force`. Reads only; call it before taking
    /// the sweep's lock so that a refusal creates nothing.
    static void check(const config::SweepConfig& config, const std::vector<config::CaseSpec>& plan, const std::string& sweepDir,
                      bool force);

    /// check(), then stages and commits. The caller holds the sweep's lock.
    /// `studyLevel` marks the manifest as that level of a convergence study ("" for none).
    static void generate(const config::SweepConfig& config, const std::vector<config::CaseSpec>& plan, const std::string& sweepDir,
                         bool force, std::ostream& log, const std::string& studyLevel = "");

    /// Completes a generate that was killed after its commit point, or removes the staging of
    /// one killed before it. The caller holds the lock. Returns whether there was anything to do.
    static bool recover(const std::string& sweepDir, std::ostream& log);

    /// Whether a killed generate waits for recover() (for status).
    static bool interrupted(const std::string& sweepDir);

    /// For crash-safety tests: with DRAFTING_FAULT_AFTER=N in the environment the process dies
    /// (_exit(137), as if killed) at the N-th step of a generate that changes the disk.
    static void faultPoint();
};

}  // namespace drafting::cases::run
