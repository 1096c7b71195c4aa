#pragma once
#include <string>
#include <vector>

namespace drafting::cases::files {

/// The force history the runnerDrag function object writes while a case runs, and the one reader
/// of it: CASE/postProcessing/runnerDrag/<startTime>/runnerDrag.dat, comment lines, the last of
/// which names the columns,
///   # Iteration  lead_drag lead_side lead_lift  pacer1_drag pacer1_side pacer1_lift
/// then one line per SIMPLE iteration (steady) or time step (transient): x, then drag, side force
/// and lift of every runner [N].
class ForceHistoryFile {
public:
    struct Body {
        std::string name;                      // lead | pacer1 | ...
        std::vector<double> drag, side, lift;  // [N], one value per x (nan where the solver wrote one)
    };

    /// Reads every start-time folder of the case in time order (a restarted run has one per
    /// restart, and OpenFOAM names a second file in the same folder runnerDrag_<time>.dat);
    /// where two overlap, the later one wins. Throws common::RunError naming the file, line and value
    /// when one is damaged (a last line cut short included); also when there is no file or not
    /// a single sample.
    static ForceHistoryFile read(const std::string& caseDir);

    /// True when CASE/postProcessing/runnerDrag exists (a case that never ran has none).
    static bool exists(const std::string& caseDir);

    /// The x column's name in the header: "Iteration" (steady) or "Time" (transient), as runnerDrag
    /// writes it; histories written before it told the modes apart say "Iteration" in both.
    const std::string& xName() const { return xName_; }
    const std::vector<double>& x() const { return x_; }
    const std::vector<Body>& bodies() const { return bodies_; }
    /// The files read, in the order they were joined.
    const std::vector<std::string>& files() const { return files_; }

private:
    std::string xName_;
    std::vector<double> x_;
    std::vector<Body> bodies_;
    std::vector<std::string> files_;
};

}  // namespace drafting::cases::files
