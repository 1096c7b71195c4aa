/*---------------------------------------------------------------------------*\
  draftFoam extension for OpenFOAM v1912
-------------------------------------------------------------------------------
License
    GNU General Public License v3 or later (as OpenFOAM).

Application
    draftCheckMesh

Group
    grpMeshManipulationUtilities

Description
    Runs checkMesh's topology and geometry checks, with checkMesh's own
    thresholds, and writes the verdict to a JSON file: stock checkMesh exits
    0 even when checks fail, so a pipeline could only learn the verdict by
    reading its log. Exits 1 when any check fails.

    The JSON holds the mesh size, the worst non-orthogonality and skewness,
    and every check by name with whether it failed.

Usage
    \b draftCheckMesh [OPTION]

    Options:
      - \par -output \<file\>
        JSON verdict, relative to the case (default: meshCheck.json)
      - \par -version
        version, git commit and OpenFOAM version, then exit

\*---------------------------------------------------------------------------*/

#include "argList.H"
#include "Time.H"
#include "polyMesh.H"
#include "polyMeshTools.H"
#include "OFstream.H"
#include "unitConversion.H"
#include "draftVersion.H"

#include <cmath>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace Foam;

namespace
{

std::string jsonNumber(const scalar x)
{
    if (!std::isfinite(x))
    {
        return "null";
    }
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.9g", x);
    return buf;
}

} // End anonymous namespace


int main(int argc, char *argv[])
{
    if (draftVersionRequested(argc, argv, "draftCheckMesh"))
    {
        return 0;
    }

    argList::addNote
    (
        "checkMesh's topology and geometry checks, with a JSON verdict and an"
        " exit code"
    );
    argList::noParallel();
    argList::addOption("output", "file", "JSON verdict (meshCheck.json)");

    #include "setRootCase.H"
    #include "createTime.H"
    #include "createPolyMesh.H"

    const fileName output =
        runTime.globalPath()/args.getOrDefault<fileName>("output", "meshCheck.json");

    // The checks stock checkMesh runs by default, in its order
    const Vector<label> solutionD = mesh.geometricD();
    const std::vector<std::pair<std::string, std::function<bool()>>> checks
    {
        {"points", [&]{ return mesh.checkPoints(true); }},
        {"upperTriangular", [&]{ return mesh.checkUpperTriangular(true); }},
        {"cellsZipUp", [&]{ return mesh.checkCellsZipUp(true); }},
        {"faceVertices", [&]{ return mesh.checkFaceVertices(true); }},
        {"closedBoundary", [&]{ return mesh.checkClosedBoundary(true); }},
        {"closedCells", [&]
            { return mesh.checkClosedCells(true, nullptr, nullptr, solutionD); }},
        {"faceAreas", [&]{ return mesh.checkFaceAreas(true); }},
        {"cellVolumes", [&]{ return mesh.checkCellVolumes(true); }},
        {"faceOrthogonality", [&]{ return mesh.checkFaceOrthogonality(true); }},
        {"facePyramids", [&]{ return mesh.checkFacePyramids(true); }},
        {"faceSkewness", [&]{ return mesh.checkFaceSkewness(true); }},
    };

    std::ostringstream list;
    std::string failedNames;
    label nFailed = 0;
    for (const auto& check : checks)
    {
        const bool failed = check.second();
        list<< (list.tellp() > 0 ? ", " : "") << "\"" << check.first
            << "\": " << (failed ? "false" : "true");
        if (failed)
        {
            ++nFailed;
            failedNames += (failedNames.empty() ? "" : ", ") + check.first;
        }
    }

    const scalarField cosine
    (
        polyMeshTools::faceOrthogonality
        (
            mesh, mesh.faceAreas(), mesh.cellCentres()
        )
    );
    const scalar maxNonOrtho =
        radToDeg(Foam::acos(min(1.0, max(-1.0, gMin(cosine)))));
    const scalarField skew
    (
        polyMeshTools::faceSkewness
        (
            mesh, mesh.points(), mesh.faceCentres(), mesh.faceAreas(),
            mesh.cellCentres()
        )
    );
    const scalar maxSkew = gMax(skew);

    if (Pstream::master())
    {
        std::ostringstream os;
        os  << "{\n"
            << "  \"producer\": \"draftCheckMesh\",\n"
            << "  \"ok\": " << (nFailed ? "false" : "true") << ",\n"
            << "  \"failed\": \"" << failedNames << "\",\n"
            << "  \"cells\": " << returnReduce(mesh.nCells(), sumOp<label>())
            << ",\n"
            << "  \"faces\": " << returnReduce(mesh.nFaces(), sumOp<label>())
            << ",\n"
            << "  \"points\": " << returnReduce(mesh.nPoints(), sumOp<label>())
            << ",\n"
            << "  \"max_non_orthogonality_deg\": " << jsonNumber(maxNonOrtho)
            << ",\n"
            << "  \"max_skewness\": " << jsonNumber(maxSkew) << ",\n"
            << "  \"checks\": {" << list.str() << "}\n"
            << "}\n";

        const fileName tmpName(output + ".tmp");
        {
            OFstream out(tmpName);
            out.stdStream() << os.str();
        }
        Foam::mv(tmpName, output);
    }

    if (nFailed)
    {
        Info<< nl << "Failed " << nFailed << " mesh checks: "
            << failedNames.c_str() << nl << endl;

        // Returning from main would exit 0: argList's parallel-run control
        // ends every run with Pstream::exit(0) as it is destroyed
        Pstream::exit(1);
    }

    Info<< nl << "Mesh OK." << nl << endl;
    return 0;
}


// ************************************************************************* //
