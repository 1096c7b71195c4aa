#pragma once
#include <string>
#include <vector>

namespace drafting::post {

/// The force history the runnerDrag function object writes while a case runs:
/// CASE/postProcessing/runnerDrag/<startTime>/runnerDrag.dat, one line per SIMPLE iteration
/// (steady) or time step (transient): x, then drag, side force and lift of every runner [N].
class ForceHistory {
public:
    struct Body {
        std::string name;                     // lead | pacer1 | ...
        std::vector<double> drag, side, lift;  // [N], one value per x (nan where the solver wrote one)
    };

    /// Reads every start-time directory of the case in time order (a restarted run has one per
    /// restart, and OpenFOAM names a second file in the same directory runnerDrag_<time>.dat);
    /// where two overlap, the later one wins. Throws PostError naming the file, and the line
    /// when one is malformed; also when there is no file or not a single sample.
    static ForceHistory read(const std::string& caseDir);

    /// True when CASE/postProcessing/runnerDrag exists (a case that never ran has none).
    static bool exists(const std::string& caseDir);

    /// Transient: x is simulated time [s]; steady: x is the iteration.
    bool isTime() const { return isTime_; }
    /// "iteration" or "time [s]", for an axis.
    std::string xLabel() const { return isTime_ ? "time [s]" : "iteration"; }
    const std::vector<double>& x() const { return x_; }
    const std::vector<Body>& bodies() const { return bodies_; }
    /// Throws PostError when the case has no such runner.
    const Body& body(const std::string& name) const;
    /// The files read, in the order they were concatenated.
    const std::vector<std::string>& files() const { return files_; }

private:
    bool isTime_ = false;
    std::vector<double> x_;
    std::vector<Body> bodies_;
    std::vector<std::string> files_;
};

}  // namespace drafting::post
