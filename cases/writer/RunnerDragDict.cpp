#include "cases/writer/RunnerDragDict.hpp"

#include "meshes/FoamFile.hpp"

#include <algorithm>
#include <sstream>

namespace drafting::cases::writer {

using meshes::FoamFile;

std::string RunnerDragDict::text() const {
    std::ostringstream s, list;
    for (const auto& b : bodies) list << ' ' << b;
    s << "    runnerDrag\n    {\n"
      << "        type            runnerDrag;\n";
    if (loadLibrary) s << "        libs            (\"libdraftFunctionObjects.so\");\n";
    s << "        bodies          (" << list.str() << " );\n"
      << "        rhoInf          " << FoamFile::number(rhoInf) << ";\n"
      << "        Uref            " << FoamFile::number(Uref) << ";\n"
      << "        Aref            " << FoamFile::number(Aref) << ";\n";
    if (flowDirection) s << "        flowDirection   " << *flowDirection << ";\n";
    if (liftDirection) s << "        liftDirection   " << *liftDirection << ";\n";
    if (checkpointInterval) s << "        checkpointInterval " << FoamFile::number(*checkpointInterval) << ";\n";
    if (averagingStart) s << "        averagingStart  " << FoamFile::number(*averagingStart) << ";\n";
    if (batches) s << "        batches         " << *batches << ";\n";
    if (strouhalLength) s << "        strouhalLength  " << FoamFile::number(*strouhalLength) << ";\n";
    if (strouhalForce) s << "        strouhalForce   " << *strouhalForce << ";\n";
    if (averagingWindow) s << "        averagingWindow " << *averagingWindow << ";\n";
    if (residualTolerance) s << "        residualTolerance " << FoamFile::number(*residualTolerance) << ";\n";
    if (convergenceWindow) s << "        convergenceWindow " << *convergenceWindow << ";\n";
    if (convergenceTolerance) s << "        convergenceTolerance " << FoamFile::number(*convergenceTolerance) << ";\n";
    if (settled)
        s << "        settled\n        {\n"
          << "            window          " << settled->window << ";\n"
          << "            tolerance       " << FoamFile::number(settled->tolerance) << ";\n"
          << "            absoluteCd      " << FoamFile::number(settled->absoluteCd) << ";\n"
          << "            minIterations   " << settled->minIterations << ";\n        }\n";
    if (divergence)
        s << "        divergence\n        {\n"
          << "            maxCd           " << FoamFile::number(divergence->maxCd) << ";\n"
          << "            warmUp          " << divergence->warmUp << ";\n        }\n";
    if (resultsFile) s << "        resultsFile     " << *resultsFile << ";\n";
    s << "    }\n";
    return s.str();
}

int RunnerDragDict::steadyAveragingWindow(int maxIterations) { return std::max(1, std::min(200, maxIterations / 10)); }

}  // namespace drafting::cases::writer
