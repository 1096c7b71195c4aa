#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "meshes/FoamDictionary.hpp"

namespace drafting::cases::writer {

/// The runnerDrag function-object entry of a controlDict (solver/functionObjects/runnerDrag, its
/// Usage table and docs/solver.md): the one writer of it, for the runners' cases and the
/// reference flows alike. Unset optional keys are left out, so runnerDrag's defaults apply.
struct RunnerDragDict {
    // Sub-dictionaries start at runnerDrag's own defaults (its Usage table).
    struct Settled {
        int window = 100;
        double tolerance = 0.005;
        double absoluteCd = 0.005;
        int minIterations = 200;
    };
    struct Divergence {
        double maxCd = 10.0;
        int warmUp = 50;
    };

    std::vector<std::string> bodies;  // patch names, one body each
    bool loadLibrary = true;          // a libs entry: stock solvers need it, draftFoam has it built in
    double rhoInf = 1.0;
    double Uref = 1.0;
    double Aref = 1.0;
    /// A body's own reference area (a pacer of another size); the others use Aref.
    std::map<std::string, double> bodyAref;
    std::optional<std::string> flowDirection;  // a vector as OpenFOAM writes it, "(1 0 0)"
    std::optional<std::string> liftDirection;
    std::optional<double> checkpointInterval;
    // Transient averaging.
    std::optional<double> averagingStart;
    std::optional<int> batches;
    std::optional<double> strouhalLength;
    std::optional<std::string> strouhalForce;
    // Steady averaging and convergence.
    std::optional<int> averagingWindow;
    std::optional<double> residualTolerance;
    std::optional<int> convergenceWindow;
    std::optional<double> convergenceTolerance;
    std::optional<Settled> settled;
    std::optional<Divergence> divergence;
    /// Where runnerDrag writes its results (default results.json in the case).
    std::optional<std::string> resultsFile;

    /// The steady average's window for a run of `maxIterations`: a tenth of it, 1 to 200 (the
    /// case writer's rule; run --continue applies it again to the raised end).
    static int steadyAveragingWindow(int maxIterations);

    /// The entry's contents, to go inside `functions { … }` as `runnerDrag`.
    meshes::FoamDictionary dictionary() const;
    /// The entry as it goes inside `functions { … }`, indented by four spaces, named runnerDrag.
    std::string text() const;
};

}  // namespace drafting::cases::writer
