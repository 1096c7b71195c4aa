#include "cases/writer/RunnerDragDict.hpp"

#include <algorithm>

namespace drafting::cases::writer {

meshes::FoamDictionary RunnerDragDict::dictionary() const {
    meshes::FoamDictionary d;
    d.entry("type", "runnerDrag");
    if (loadLibrary) d.entry("libs", "(\"libdraftFunctionObjects.so\")");
    d.entry("bodies", meshes::FoamDictionary::list(bodies)).entry("rhoInf", rhoInf).entry("Uref", Uref).entry("Aref", Aref);
    if (!bodyAref.empty()) {
        meshes::FoamDictionary areas;
        for (const auto& [body, area] : bodyAref) areas.entry(body, area);
        d.entry("bodyAref", areas);
    }
    if (flowDirection) d.entry("flowDirection", *flowDirection);
    if (liftDirection) d.entry("liftDirection", *liftDirection);
    if (checkpointInterval) d.entry("checkpointInterval", *checkpointInterval);
    if (averagingStart) d.entry("averagingStart", *averagingStart);
    if (batches) d.entry("batches", *batches);
    if (strouhalLength) d.entry("strouhalLength", *strouhalLength);
    if (strouhalForce) d.entry("strouhalForce", *strouhalForce);
    if (averagingWindow) d.entry("averagingWindow", *averagingWindow);
    if (residualTolerance) d.entry("residualTolerance", *residualTolerance);
    if (convergenceWindow) d.entry("convergenceWindow", *convergenceWindow);
    if (convergenceTolerance) d.entry("convergenceTolerance", *convergenceTolerance);
    if (settled) {
        d.entry("settled", meshes::FoamDictionary()
                               .entry("window", settled->window)
                               .entry("tolerance", settled->tolerance)
                               .entry("absoluteCd", settled->absoluteCd)
                               .entry("minIterations", settled->minIterations));
    }
    if (divergence)
        d.entry("divergence", meshes::FoamDictionary().entry("maxCd", divergence->maxCd).entry("warmUp", divergence->warmUp));
    if (resultsFile) d.entry("resultsFile", *resultsFile);
    return d;
}

std::string RunnerDragDict::text() const { return meshes::FoamDictionary().entry("runnerDrag", dictionary()).text(1); }

int RunnerDragDict::steadyAveragingWindow(int maxIterations) { return std::max(1, std::min(200, maxIterations / 10)); }

}  // namespace drafting::cases::writer
