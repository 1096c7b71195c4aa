#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::solver::monitoring {

/// runnerDrag's mark that a solution time is a checkpoint (kPath inside the time folder): written
/// at the start of the next time step, when every rank has finished writing the time, so a time
/// holding it is whole. The case runner resumes only from a time whose marker names that time.
/// The one type its writer (runnerDrag) and its reader (cases::run::CaseRunner) share.
struct CheckpointMarker {
    double time = 0.0;  // the solution time it marks
    long samples = 0;   // force samples runnerDrag's history held then

    /// One line of JSON: {"producer": "runnerDrag", "samples": N, "time": T}.
    std::string toText() const;
    /// Throws common::RunError naming `origin` and the field unless `j` is a marker runnerDrag wrote.
    static CheckpointMarker fromJson(const nlohmann::json& j, const std::string& origin);
    static CheckpointMarker read(const std::string& path);

    /// Whether this marks `folderTime`, the value of a folder name rounded to timePrecision digits
    /// (6 or more): within 1e-5 of it, relatively.
    bool marks(double folderTime) const;

    static constexpr const char* kPath = "uniform/runnerDragCheckpoint.json";
    static constexpr const char* kFileName = "runnerDragCheckpoint.json";
};

}  // namespace drafting::solver::monitoring
