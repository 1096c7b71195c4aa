#pragma once
#include "cases/files/ForceHistoryFile.hpp"

#include <string>
#include <vector>

namespace drafting::post {

/// A case's force history as the history plots draw it: runnerDrag's samples, read by
/// cases::files::ForceHistoryFile, and whether x is simulated time or the iteration.
class ForceHistory {
public:
    using Body = cases::files::ForceHistoryFile::Body;

    /// Throws common::RunError naming the file, line and value when a history file is damaged;
    /// also when there is no file or not a single sample.
    static ForceHistory read(const std::string& caseDir);

    /// True when CASE/postProcessing/runnerDrag exists (a case that never ran has none).
    static bool exists(const std::string& caseDir) { return cases::files::ForceHistoryFile::exists(caseDir); }

    /// Transient: x is simulated time [s]; steady: x is the iteration.
    bool isTime() const { return isTime_; }
    /// "iteration" or "time [s]", for an axis.
    std::string xLabel() const { return isTime_ ? "time [s]" : "iteration"; }
    const std::vector<double>& x() const { return samples_.x(); }
    const std::vector<Body>& bodies() const { return samples_.bodies(); }
    /// Throws PostError when the case has no such runner.
    const Body& body(const std::string& name) const;
    /// The files read, in the order they were concatenated.
    const std::vector<std::string>& files() const { return samples_.files(); }

private:
    cases::files::ForceHistoryFile samples_;
    bool isTime_ = false;
};

}  // namespace drafting::post
