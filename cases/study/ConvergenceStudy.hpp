#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "cases/study/ConvergenceFile.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "cases/run/SweepRunner.hpp"

namespace drafting::cases::study {

/// Mesh independence: one sweep solved at three or more consecutive mesh levels (DIR/LEVEL, each
/// an ordinary sweep directory) and reduced in DIR/convergence.json and DIR/convergence.csv.
/// Every consecutive triplet of levels with results is reduced (cases::study::GridConvergence, r from
/// each case's cell counts), per case, for each body's drag and, in every case but the solo one,
/// each body's saving against the solo case of the same level, 100 (1 - D / D_solo), whose GCI
/// is in points. For every level that is the finest or the middle of a triplet, `at_level` gives
/// the GCI at that level from the finest triplet holding it (docs/validation.md).
class ConvergenceStudy {
public:
    /// The levels `draft-cases convergence` runs without --levels.
    static const std::vector<std::string>& defaultLevels();

    /// --levels "coarse,medium,fine,extra-fine": at least three known levels, consecutive and
    /// coarsest first. Throws common::InputError, one line naming --levels and the value, otherwise.
    static std::vector<std::string> parseLevels(const std::string& text);

    /// Generates and runs the sweep at each level with `options` (MPI ranks, retries), then
    /// reduces them. Returns the reduction.
    static ConvergenceFile run(const config::SweepConfig& config, const std::vector<config::CaseSpec>& plan, const std::string& dir,
                              const std::vector<std::string>& levels, const run::SweepRunner& runner, int jobs,
                              bool force, std::ostream& log,
                              const run::SweepRunner::RunOptions& options = run::SweepRunner::RunOptions{});

    /// Reads the levels' results (a level not run yet counts as not run) and writes
    /// convergence.json and convergence.csv. Throws common::InputError when no level has a sweep.
    static ConvergenceFile reduce(const std::string& dir, const std::vector<std::string>& levels);

    /// The reduction as a text table (one row per case, quantity, body and triplet).
    static std::string table(const ConvergenceFile& study);
};

}  // namespace drafting::cases::study
