#pragma once
#include <array>
#include <string>

namespace drafting::cases::reference {

/// Compares the final force of runnerDrag (summed over its bodies) with OpenFOAM's stock forces
/// function object on the same patches, from the two objects' own data files:
///   postProcessing/runnerDrag/<start>/runnerDrag.dat   iteration, then drag side lift per body
///   postProcessing/<stockName>/<start>/force.dat       time (Fx Fy Fz) (pressure) (viscous)
/// runnerDrag's through ForceHistoryFile (every start joined), the stock one from the folder of
/// the latest start time (a resumed run's final samples are there)
class ForceAgreement {
public:
    struct Comparison {
        std::array<double, 3> runnerDrag{};  // total force [N], x y z
        std::array<double, 3> stock{};
        double relativeDifference = 0.0;     // |F_runnerDrag − F_stock| / |F_stock|
    };

    /// flow and lift are runnerDrag's flowDirection and liftDirection (unit vectors).
    /// Throws common::RunError when a file is missing or malformed, or runnerDrag's final force is not finite.
    static Comparison compare(const std::string& caseDir, const std::string& stockName,
                              const std::array<double, 3>& flow, const std::array<double, 3>& lift);
};

}  // namespace drafting::cases::reference
