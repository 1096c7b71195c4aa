/*---------------------------------------------------------------------------*\
  draftFoam extension for OpenFOAM v1912
-------------------------------------------------------------------------------
License
    GNU General Public License v3 or later (as OpenFOAM).
\*---------------------------------------------------------------------------*/

#include "runnerDrag.H"
#include "fvCFD.H"
#include "turbulentTransportModel.H"
#include "addToRunTimeSelectionTable.H"
#include "OFstream.H"

#include <cmath>
#include <cstdio>
#include <sstream>

// * * * * * * * * * * * * * * Static Data Members * * * * * * * * * * * * * //

namespace Foam
{
namespace functionObjects
{
    defineTypeNameAndDebug(runnerDrag, 0);
    addToRunTimeSelectionTable(functionObject, runnerDrag, dictionary);
}
}


// * * * * * * * * * * * * * * * Local Functions * * * * * * * * * * * * * * //

namespace
{

// JSON has no NaN/Inf: those become null, so a reader can never mistake them
// for numbers.
std::string jsonNumber(const Foam::scalar x)
{
    if (!std::isfinite(x))
    {
        return "null";
    }
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.10g", x);
    return buf;
}

bool finite(const Foam::vector& v)
{
    return std::isfinite(v.x()) && std::isfinite(v.y()) && std::isfinite(v.z());
}

} // End anonymous namespace


// * * * * * * * * * * * * * Private Member Functions  * * * * * * * * * * * //

Foam::tmp<Foam::volSymmTensorField>
Foam::functionObjects::runnerDrag::devRhoReff() const
{
    typedef incompressible::turbulenceModel icoTurbModel;

    if (foundObject<icoTurbModel>(icoTurbModel::propertiesName))
    {
        const icoTurbModel& turb =
            lookupObject<icoTurbModel>(icoTurbModel::propertiesName);

        return rhoInf_*turb.devReff();
    }

    FatalErrorInFunction
        << "runnerDrag needs an incompressible turbulence model"
        << " (simpleFoam, pimpleFoam, draftFoam); none is registered"
        << exit(FatalError);

    return nullptr;
}


Foam::List<Foam::vector>
Foam::functionObjects::runnerDrag::bodyForces() const
{
    const volScalarField& p = lookupObject<volScalarField>(pName_);
    const surfaceVectorField::Boundary& Sfb = mesh_.Sf().boundaryField();

    tmp<volSymmTensorField> tdevRhoReff = devRhoReff();
    const volSymmTensorField::Boundary& devRhoReffb =
        tdevRhoReff().boundaryField();

    // Kinematic pressure: pRef is given in Pa, like the stock forces object
    const scalar pRef = pRef_/rhoInf_;

    List<vector> forces(bodyNames_.size(), Zero);

    forAll(bodyPatches_, bodyi)
    {
        for (const label patchi : bodyPatches_[bodyi])
        {
            const vectorField fN
            (
                rhoInf_*Sfb[patchi]*(p.boundaryField()[patchi] - pRef)
            );
            const vectorField fT(Sfb[patchi] & devRhoReffb[patchi]);

            forces[bodyi] += sum(fN) + sum(fT);
        }
    }

    Pstream::listCombineGather(forces, plusEqOp<vector>());
    Pstream::listCombineScatter(forces);

    return forces;
}


void Foam::functionObjects::runnerDrag::readResiduals()
{
    const dictionary& solverDict = mesh_.solverPerformanceDict();

    if (solverDict.found(UName_))
    {
        const List<SolverPerformance<vector>> sp(solverDict.lookup(UName_));
        residualU_ = cmptMax(sp.first().initialResidual());
    }
    if (solverDict.found(pName_))
    {
        const List<SolverPerformance<scalar>> sp(solverDict.lookup(pName_));
        residualP_ = sp.first().initialResidual();
    }
}


void Foam::functionObjects::runnerDrag::writeResults() const
{
    if (!Pstream::master())
    {
        return;
    }

    const label nIter = history_.empty() ? 0 : history_[0].size();
    // At most the final quarter of the run, so a run that settled early does
    // not average in its own transient.
    const label window = min(averagingWindow_, max(label(1), nIter/4));
    const bool converged =
        failure_.empty()
     && residualU_ < residualTolerance_
     && residualP_ < residualTolerance_;

    const scalar dynPressure = 0.5*rhoInf_*sqr(Uref_);

    std::ostringstream os;
    os  << "{\n"
        << "  \"producer\": \"runnerDrag\",\n"
        << "  \"status\": \"" << (failure_.empty() ? "ok" : "failed") << "\",\n"
        << "  \"reason\": \"" << failure_.c_str() << "\",\n"
        << "  \"iterations\": " << nIter << ",\n"
        << "  \"converged\": " << (converged ? "true" : "false") << ",\n"
        << "  \"residuals\": {\"U\": " << jsonNumber(residualU_)
        << ", \"p\": " << jsonNumber(residualP_)
        << ", \"tolerance\": " << jsonNumber(residualTolerance_) << "},\n"
        << "  \"reference\": {\"rho_kg_m3\": " << jsonNumber(rhoInf_)
        << ", \"U_mps\": " << jsonNumber(Uref_)
        << ", \"area_m2\": " << jsonNumber(Aref_)
        << ", \"averaging_window\": " << window << "},\n"
        << "  \"bodies\": {";

    forAll(bodyNames_, bodyi)
    {
        // Mean and standard deviation over the final window
        vector mean(Zero);
        scalar dragVar = 0;
        const DynamicList<vector>& h = history_[bodyi];
        for (label i = nIter - window; i < nIter; ++i)
        {
            mean += h[i];
        }
        if (window > 0)
        {
            mean /= window;
            for (label i = nIter - window; i < nIter; ++i)
            {
                dragVar += sqr(h[i].x() - mean.x());
            }
            dragVar /= max(window - 1, 1);
        }
        else
        {
            mean = vector::uniform(NAN);
            dragVar = NAN;
        }

        const scalar cda = mean.x()/dynPressure;

        os  << (bodyi ? ",\n" : "\n")
            << "    \"" << bodyNames_[bodyi].c_str() << "\": {"
            << "\"drag_N\": " << jsonNumber(mean.x())
            << ", \"side_N\": " << jsonNumber(mean.y())
            << ", \"lift_N\": " << jsonNumber(mean.z())
            << ", \"drag_std_N\": " << jsonNumber(std::sqrt(dragVar))
            << ", \"cda_m2\": " << jsonNumber(cda)
            << ", \"cd\": " << jsonNumber(cda/Aref_)
            << ", \"reference_area_m2\": " << jsonNumber(Aref_)
            << "}";
    }
    os  << "\n  }\n}\n";

    // Write to a temporary name and rename, so a reader never sees half a file
    const fileName target(time_.globalPath()/resultsFile_);
    const fileName tmpName(target + ".tmp");
    {
        OFstream out(tmpName);
        out.stdStream() << os.str();
    }
    Foam::mv(tmpName, target);
}


void Foam::functionObjects::runnerDrag::writeFileHeader(Ostream& os) const
{
    writeHeader(os, "Runner forces [N] in the runner's frame");
    writeHeaderValue(os, "flowDirection", flowDir_);
    writeHeaderValue(os, "liftDirection", liftDir_);
    writeCommented(os, "Iteration");
    for (const word& body : bodyNames_)
    {
        os  << tab << body << "_drag"
            << tab << body << "_side"
            << tab << body << "_lift";
    }
    os  << endl;
}


// * * * * * * * * * * * * * * * * Constructors  * * * * * * * * * * * * * * //

Foam::functionObjects::runnerDrag::runnerDrag
(
    const word& name,
    const Time& runTime,
    const dictionary& dict
)
:
    fvMeshFunctionObject(name, runTime, dict),
    writeFile(mesh_, name, typeName, dict),
    rhoInf_(1),
    Uref_(1),
    Aref_(1),
    pName_("p"),
    UName_("U"),
    pRef_(0),
    flowDir_(-1, 0, 0),
    liftDir_(0, 0, 1),
    averagingWindow_(50),
    residualTolerance_(1e-4),
    resultsFile_("results.json"),
    residualU_(VGREAT),
    residualP_(VGREAT),
    failure_(),
    finished_(false)
{
    read(dict);
    writeFileHeader(file());
}


// * * * * * * * * * * * * * * * Member Functions  * * * * * * * * * * * * * //

bool Foam::functionObjects::runnerDrag::read(const dictionary& dict)
{
    fvMeshFunctionObject::read(dict);
    writeFile::read(dict);

    const auto positive = [&dict](const word& key)
    {
        const scalar value = dict.get<scalar>(key);
        if (!(value > 0) || !std::isfinite(value))
        {
            FatalIOErrorInFunction(dict)
                << key << " must be positive and finite, not " << value
                << exit(FatalIOError);
        }
        return value;
    };

    rhoInf_ = positive("rhoInf");
    Uref_ = positive("Uref");
    Aref_ = positive("Aref");
    pName_ = dict.getOrDefault<word>("p", "p");
    UName_ = dict.getOrDefault<word>("U", "U");
    pRef_ = dict.getOrDefault<scalar>("pRef", 0);
    resultsFile_ = dict.getOrDefault<word>("resultsFile", "results.json");

    averagingWindow_ = dict.getOrDefault<label>("averagingWindow", 50);
    if (averagingWindow_ < 1)
    {
        FatalIOErrorInFunction(dict)
            << "averagingWindow must be at least 1, not " << averagingWindow_
            << exit(FatalIOError);
    }

    residualTolerance_ = dict.getOrDefault<scalar>("residualTolerance", 1e-4);
    if (!(residualTolerance_ > 0))
    {
        FatalIOErrorInFunction(dict)
            << "residualTolerance must be positive, not " << residualTolerance_
            << exit(FatalIOError);
    }

    flowDir_ = dict.getOrDefault<vector>("flowDirection", vector(-1, 0, 0));
    liftDir_ = dict.getOrDefault<vector>("liftDirection", vector(0, 0, 1));
    if (mag(flowDir_) < SMALL || mag(liftDir_) < SMALL)
    {
        FatalIOErrorInFunction(dict)
            << "flowDirection and liftDirection must be non-zero"
            << exit(FatalIOError);
    }
    flowDir_ /= mag(flowDir_);
    liftDir_ /= mag(liftDir_);
    if (mag(flowDir_ & liftDir_) > 1e-6)
    {
        FatalIOErrorInFunction(dict)
            << "flowDirection " << flowDir_ << " and liftDirection "
            << liftDir_ << " must be perpendicular"
            << exit(FatalIOError);
    }

    bodyNames_ = dict.get<wordList>("bodies");
    if (bodyNames_.empty())
    {
        FatalIOErrorInFunction(dict)
            << "bodies must name at least one patch or patch group"
            << exit(FatalIOError);
    }

    const polyBoundaryMesh& pbm = mesh_.boundaryMesh();
    bodyPatches_.setSize(bodyNames_.size());
    forAll(bodyNames_, bodyi)
    {
        bodyPatches_[bodyi] = pbm.patchSet(wordRes(1, wordRe(bodyNames_[bodyi])));
        if (bodyPatches_[bodyi].empty())
        {
            FatalIOErrorInFunction(dict)
                << "bodies: no patch or patch group named "
                << bodyNames_[bodyi] << "; patches are " << pbm.names()
                << exit(FatalIOError);
        }
    }

    history_.setSize(bodyNames_.size());

    return true;
}


bool Foam::functionObjects::runnerDrag::execute()
{
    const List<vector> forces = bodyForces();
    const vector sideDir = liftDir_ ^ flowDir_;

    Ostream& os = file();
    if (Pstream::master())
    {
        writeCurrentTime(os);
    }

    forAll(forces, bodyi)
    {
        const vector& F = forces[bodyi];
        const vector dsl(F & flowDir_, F & sideDir, F & liftDir_);
        history_[bodyi].append(dsl);

        if (Pstream::master())
        {
            os  << tab << dsl.x() << tab << dsl.y() << tab << dsl.z();
        }

        if (!finite(F) && failure_.empty())
        {
            failure_ =
                "non-finite force on body " + bodyNames_[bodyi]
              + " at iteration " + Foam::name(time_.timeIndex());
        }
    }
    if (Pstream::master())
    {
        os  << endl;
    }

    readResiduals();

    if (!failure_.empty())
    {
        writeResults();
        finished_ = true;
        FatalErrorInFunction
            << "Stopping: " << failure_.c_str() << exit(FatalError);
    }

    return true;
}


bool Foam::functionObjects::runnerDrag::write()
{
    return true;
}


bool Foam::functionObjects::runnerDrag::end()
{
    if (!finished_)
    {
        writeResults();
        finished_ = true;
    }
    return true;
}


// ************************************************************************* //
