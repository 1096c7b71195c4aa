#pragma once
// runnerDrag.dat as the runnerDrag function object writes it, for the tests of its reader
// (ForceHistoryFile) and of what is drawn from it (the history plots).
#include <sstream>
#include <string>

namespace drafting::test {

/// The header for two runners, lead and pacer1: the last comment line names the columns.
inline const std::string kRunnerDragHeader =
    "# Runner forces [N] in the runner's frame\n"
    "# flowDirection : (-1.00000000e+00 0.00000000e+00 0.00000000e+00)\n"
    "# liftDirection : (0.00000000e+00 0.00000000e+00 1.00000000e+00)\n"
    "# Iteration     \tlead_drag\tlead_side\tlead_lift\tpacer1_drag\tpacer1_side\tpacer1_lift\n";

/// The header a transient run writes: the x column is "Time".
inline std::string transientRunnerDragHeader() {
    std::string header = kRunnerDragHeader;
    return header.replace(header.rfind("# Iteration"), 11, "# Time     ");
}

/// One line: x, then drag side lift per runner.
inline std::string runnerDragLine(double x, double lead, double pacer) {
    std::ostringstream s;
    s << x << "               \t" << lead << "\t0.01\t-0.02\t" << pacer << "\t0.03\t0.04\n";
    return s.str();
}

/// The header and iterations from..to, the lead's drag leadAt0 + 0.1 i.
inline std::string runnerDragFile(int from, int to, double leadAt0, double pacer) {
    std::string text = kRunnerDragHeader;
    for (int i = from; i <= to; ++i) text += runnerDragLine(i, leadAt0 + 0.1 * i, pacer);
    return text;
}

/// CASE/postProcessing/runnerDrag/START/FILE.
inline std::string runnerDragPath(const std::string& caseDir, const std::string& start,
                                  const std::string& file = "runnerDrag.dat") {
    return caseDir + "/postProcessing/runnerDrag/" + start + "/" + file;
}

}  // namespace drafting::test
