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
#include "labelRange.H"

#include "BatchMeans.hpp"
#include "CheckpointMarker.hpp"
#include "MeanDrift.hpp"
#include "StrouhalEstimator.hpp"
#include "SolverResults.hpp"
#include "common/Saving.hpp"

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


Foam::List<Foam::FixedList<Foam::scalar, 3>>
Foam::functionObjects::runnerDrag::bodyYPlus() const
{
    // y+ = y u_tau/nu with u_tau from the effective wall shear, as the stock
    // yPlus function object computes it off wall-function patches; with a
    // wall function nuEff holds the modelled shear, so both agree there too.
    typedef incompressible::turbulenceModel icoTurbModel;

    List<FixedList<scalar, 3>> stats(bodyNames_.size());
    const bool haveTurb = foundObject<icoTurbModel>(icoTurbModel::propertiesName);
    const volVectorField& U = lookupObject<volVectorField>(UName_);

    forAll(bodyPatches_, bodyi)
    {
        scalar yMin = VGREAT, yMax = -VGREAT, sumYA = 0, sumA = 0;
        if (haveTurb)
        {
            const icoTurbModel& turb =
                lookupObject<icoTurbModel>(icoTurbModel::propertiesName);
            for (const label patchi : bodyPatches_[bodyi])
            {
                const scalarField& y = turb.y()[patchi];
                const scalarField nuEff(turb.nuEff(patchi));
                const scalarField nu(turb.nu(patchi));
                const scalarField yPlus
                (
                    y*sqrt(nuEff*mag(U.boundaryField()[patchi].snGrad()))/nu
                );
                const scalarField& area = mesh_.magSf().boundaryField()[patchi];
                if (yPlus.size())
                {
                    yMin = min(yMin, min(yPlus));
                    yMax = max(yMax, max(yPlus));
                }
                sumYA += sum(yPlus*area);
                sumA += sum(area);
            }
        }
        reduce(yMin, minOp<scalar>());
        reduce(yMax, maxOp<scalar>());
        reduce(sumYA, sumOp<scalar>());
        reduce(sumA, sumOp<scalar>());
        stats[bodyi][0] = sumA > 0 ? yMin : NAN;
        stats[bodyi][1] = sumA > 0 ? sumYA/sumA : NAN;
        stats[bodyi][2] = sumA > 0 ? yMax : NAN;
    }
    return stats;
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


bool Foam::functionObjects::runnerDrag::settledSees(const scalar t) const
{
    return averagingStart_ > 0.5*VGREAT || t >= averagingStart_ - SMALL;
}


Foam::labelRange Foam::functionObjects::runnerDrag::averagedSamples() const
{
    const label n = times_.size();
    if (averagingStart_ < 0.5*VGREAT)
    {
        label first = n;
        forAll(times_, i)
        {
            if (times_[i] >= averagingStart_ - SMALL)
            {
                first = i;
                break;
            }
        }
        return labelRange(first, n - first);
    }

    // At most the final quarter of the run, so a run that settled early does
    // not average in its own transient.
    const label window = min(averagingWindow_, max(label(1), n/4));
    return labelRange(max(n - window, label(0)), min(window, n));
}


void Foam::functionObjects::runnerDrag::writeResults() const
{
    using drafting::solver::monitoring::BatchMeans;
    using drafting::solver::monitoring::StrouhalEstimator;

    // Collective: every rank takes part before the master writes
    const List<FixedList<scalar, 3>> yPlus = bodyYPlus();

    if (!Pstream::master())
    {
        return;
    }

    using drafting::solver::monitoring::MeanDrift;
    using drafting::solver::monitoring::SolverResults;

    const label nIter = times_.size();
    const labelRange used = averagedSamples();
    const bool settled = stopReason_ == "settled";
    const bool transient = averagingStart_ < 0.5*VGREAT;
    const bool residualsBelow =
        residualU_ < residualTolerance_ && residualP_ < residualTolerance_;

    // Converged: every body's mean settled relative to its own drag, and (steady)
    // the residuals below tolerance; the settled stop alone is not enough.
    const label driftWindow = convergenceWindow_ > 0 ? convergenceWindow_ : averagingWindow_;
    List<MeanDrift::Estimate> drift(bodyNames_.size());
    bool allSettled = true;
    forAll(bodyNames_, bodyi)
    {
        std::vector<double> all;
        for (const vector& f : history_[bodyi])
        {
            all.push_back(f.x());
        }
        drift[bodyi] = MeanDrift::of(all, driftWindow);
        allSettled = allSettled && drift[bodyi].settled(convergenceTolerance_);
    }
    const bool converged =
        !failed_ && allSettled && (transient || residualsBelow);

    // Why the run stopped, for a person; "stop" is the same for a program.
    // The solver's residual control ends a steady run early by moving the end time.
    const bool earlyEnd = !times_.empty() && !transient
        && times_.last() < plannedEndTime_ - 0.5;
    const char* stop =
        failed_ ? "diverged"
      : settled ? "settled"
      : earlyEnd ? "residuals"
      : "end";
    std::ostringstream reason;
    if (failed_)
    {
        reason << stopReason_.c_str();
    }
    else if (settled)
    {
        reason << "every body's trailing mean drag settled (settled stop)";
    }
    else if (earlyEnd)
    {
        reason << "the solver's residual control ended the run";
    }
    else
    {
        reason << "reached the end time";
    }
    if (!failed_)
    {
        reason << "; " << (converged ? "converged" : "NOT converged") << ": "
            << (transient ? "residuals not judged (transient)"
              : residualsBelow ? "residuals below tolerance"
              : "residuals above tolerance")
            << ", " << (allSettled ? "every body's mean drag settled"
                        : "a body's mean drag still drifts")
            << " (window " << driftWindow << ", tolerance "
            << convergenceTolerance_ << " of its own drag)";
    }

    const scalar q = 0.5*rhoInf_*sqr(Uref_);

    std::vector<double> sampleTimes;
    for (const label i : used)
    {
        sampleTimes.push_back(times_[i]);
    }

    // The one type of results.json, shared with every reader (SolverResults.hpp)
    SolverResults results;
    results.producer = "runnerDrag";
    results.status = failed_ ? "failed" : "ok";
    results.reason = failed_ ? std::string(stopReason_) : std::string();
    results.stop = stop;
    results.stopReason = reason.str();
    results.iterations = nIter;
    if (resumedFrom_ < 0.5*VGREAT)
    {
        results.resumedFrom = resumedFrom_;
    }
    results.restoredSamples = restoredSamples_;
    results.solverWallS = earlierSeconds_ + time_.elapsedClockTime();
    results.converged = converged;
    results.settled = settled;
    results.residuals =
        SolverResults::Residuals{residualU_, residualP_, residualTolerance_, residualsBelow};
    results.convergence = SolverResults::Convergence
    {
        long(driftWindow), convergenceTolerance_, allSettled, !transient
    };
    results.reference = SolverResults::Reference
    {
        rhoInf_, Uref_, Aref_, long(used.size()),
        used.size() ? times_[used.first()] : NAN, long(batches_)
    };

    forAll(bodyNames_, bodyi)
    {
        const DynamicList<vector>& h = history_[bodyi];
        std::vector<double> drag, side, lift;
        for (const label i : used)
        {
            drag.push_back(h[i].x());
            side.push_back(h[i].y());
            lift.push_back(h[i].z());
        }
        const auto D = BatchMeans::estimate(drag, batches_);
        const auto S = BatchMeans::estimate(side, batches_);
        const auto L = BatchMeans::estimate(lift, batches_);

        SolverResults::Body& b = results.bodies[bodyNames_[bodyi]];
        const scalar qA = q*bodyAref_[bodyi];
        if (strouhalLength_ > 0)
        {
            std::vector<double> cross;
            for (const double f : (strouhalFromLift_ ? lift : side))
            {
                cross.push_back(f/qA);
            }
            const auto shed = StrouhalEstimator::estimate
            (
                sampleTimes, cross, strouhalLength_, Uref_
            );
            if (shed)
            {
                b.strouhal = shed->strouhal;
            }
        }

        b.dragN = D.mean;
        b.dragCi95N = D.halfWidth95;
        b.dragStdN = D.standardDeviation;
        b.sideN = S.mean;
        b.liftN = L.mean;
        b.cdaM2 = D.mean/q;
        b.cd = D.mean/qA;
        b.cdCi95 = D.halfWidth95/qA;
        b.cs = S.mean/qA;
        b.cl = L.mean/qA;
        b.clAmplitude = std::sqrt(2.0)*L.standardDeviation/qA;
        if (soloDrag_ > 0)
        {
            b.savingPct = drafting::common::savingPct(D.mean, soloDrag_);
        }
        b.batchLag1 = D.lag1Correlation;
        if (drift[bodyi].enough)
        {
            b.dragMeanDriftN = drift[bodyi].drift;
            b.dragMeanDriftRel = drift[bodyi].relative();
        }
        b.referenceAreaM2 = bodyAref_[bodyi];
        b.yPlus = SolverResults::YPlus{yPlus[bodyi][0], yPlus[bodyi][1], yPlus[bodyi][2]};
    }
    std::ostringstream os;
    // A body name is a word, but bytes that are not UTF-8 must not stop the write
    os  << results.toJson().dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";

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
    // The x column says what it counts, so a reader needs no other file to tell the modes apart
    writeCommented(os, mesh_.steady() ? "Iteration" : "Time");
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
    convergenceWindow_(0),
    convergenceTolerance_(0.005),
    plannedEndTime_(runTime.endTime().value()),
    resultsFile_("results.json"),
    averagingStart_(VGREAT),
    batches_(10),
    soloDrag_(0),
    strouhalLength_(0),
    strouhalFromLift_(false),
    times_(),
    history_(),
    residualU_(VGREAT),
    residualP_(VGREAT),
    settled_(),
    guard_(),
    stopReason_(),
    failed_(false),
    finished_(false),
    checkpointInterval_(0),
    nextCheckpoint_(VGREAT),
    resumedFrom_(VGREAT),
    restoredSamples_(0),
    earlierSeconds_(0),
    checkpointWrite_(false),
    pendingMarker_(),
    pendingMarkerTime_(0),
    pendingMarkerSamples_(0)
{
    read(dict);
    restoreHistory();
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

    bodyAref_ = List<scalar>(bodyNames_.size(), Aref_);
    if (dict.found("bodyAref"))
    {
        const dictionary& areas = dict.subDict("bodyAref");
        for (const word& name : areas.toc())
        {
            const label bodyi = bodyNames_.find(name);
            if (bodyi < 0)
            {
                FatalIOErrorInFunction(areas)
                    << "bodyAref: " << name << " is not one of the bodies "
                    << bodyNames_ << exit(FatalIOError);
            }
            const scalar area = areas.get<scalar>(name);
            if (!(area > 0) || !std::isfinite(area))
            {
                FatalIOErrorInFunction(areas)
                    << "bodyAref: " << name << " must be positive and finite,"
                    << " not " << area << exit(FatalIOError);
            }
            bodyAref_[bodyi] = area;
        }
    }

    averagingStart_ = dict.getOrDefault<scalar>("averagingStart", VGREAT);
    convergenceWindow_ = dict.getOrDefault<label>("convergenceWindow", 0);
    convergenceTolerance_ =
        dict.getOrDefault<scalar>("convergenceTolerance", 0.005);
    if (convergenceWindow_ < 0 || !(convergenceTolerance_ > 0))
    {
        FatalIOErrorInFunction(dict)
            << "convergenceWindow must be >= 0 (0: averagingWindow) and"
            << " convergenceTolerance > 0; got " << convergenceWindow_
            << " and " << convergenceTolerance_
            << exit(FatalIOError);
    }

    checkpointInterval_ = dict.getOrDefault<scalar>("checkpointInterval", 0);
    if (!(checkpointInterval_ >= 0) || !std::isfinite(checkpointInterval_))
    {
        FatalIOErrorInFunction(dict)
            << "checkpointInterval must be a number of seconds >= 0"
            << " (0: no checkpoints), not " << checkpointInterval_
            << exit(FatalIOError);
    }
    nextCheckpoint_ = checkpointInterval_ > 0 ? checkpointInterval_ : VGREAT;

    batches_ = dict.getOrDefault<label>("batches", 10);
    if (batches_ < 2)
    {
        FatalIOErrorInFunction(dict)
            << "batches must be at least 2, not " << batches_
            << exit(FatalIOError);
    }

    soloDrag_ = dict.getOrDefault<scalar>("soloDrag", 0);
    if (soloDrag_ < 0 || !std::isfinite(soloDrag_))
    {
        FatalIOErrorInFunction(dict)
            << "soloDrag must be a positive drag [N], not " << soloDrag_
            << exit(FatalIOError);
    }

    strouhalLength_ = dict.getOrDefault<scalar>("strouhalLength", 0);
    if (strouhalLength_ < 0)
    {
        FatalIOErrorInFunction(dict)
            << "strouhalLength must be positive, not " << strouhalLength_
            << exit(FatalIOError);
    }
    const word strouhalForce = dict.getOrDefault<word>("strouhalForce", "side");
    if (strouhalForce != "side" && strouhalForce != "lift")
    {
        FatalIOErrorInFunction(dict)
            << "strouhalForce must be side or lift, not " << strouhalForce
            << exit(FatalIOError);
    }
    strouhalFromLift_ = strouhalForce == "lift";

    settled_.reset();
    if (dict.found("settled"))
    {
        const dictionary& sd = dict.subDict("settled");
        const label window = sd.getOrDefault<label>("window", 100);
        const scalar tol = sd.getOrDefault<scalar>("tolerance", 0.005);
        const scalar absCd = sd.getOrDefault<scalar>("absoluteCd", 0.005);
        const label minIter = sd.getOrDefault<label>("minIterations", 200);
        if (window < 1 || !(tol > 0) || absCd < 0 || minIter < 0)
        {
            FatalIOErrorInFunction(sd)
                << "settled: window >= 1, tolerance > 0, absoluteCd >= 0 and"
                << " minIterations >= 0 are required; got window " << window
                << ", tolerance " << tol << ", absoluteCd " << absCd
                << ", minIterations " << minIter
                << exit(FatalIOError);
        }
        settled_.reset
        (
            new drafting::solver::monitoring::SettledDetector
            (
                window, tol, absCd*0.5*rhoInf_*sqr(Uref_)*Aref_, minIter
            )
        );
    }

    drafting::solver::monitoring::DivergenceGuard::Limits limits;
    if (dict.found("divergence"))
    {
        const dictionary& gd = dict.subDict("divergence");
        limits.minCd = gd.getOrDefault<scalar>("minCd", limits.minCd);
        limits.maxCd = gd.getOrDefault<scalar>("maxCd", limits.maxCd);
        limits.blowUpFactor =
            gd.getOrDefault<scalar>("blowUpFactor", limits.blowUpFactor);
        limits.blowUpFloor =
            gd.getOrDefault<scalar>("blowUpFloor", limits.blowUpFloor);
        limits.warmUp = gd.getOrDefault<label>("warmUp", limits.warmUp);
        if (!(limits.minCd < limits.maxCd) || !(limits.blowUpFactor > 1))
        {
            FatalIOErrorInFunction(gd)
                << "divergence: minCd < maxCd and blowUpFactor > 1 are"
                << " required; got minCd " << limits.minCd << ", maxCd "
                << limits.maxCd << ", blowUpFactor " << limits.blowUpFactor
                << exit(FatalIOError);
        }
    }
    guard_.reset(new drafting::solver::monitoring::DivergenceGuard(limits));

    return true;
}


bool Foam::functionObjects::runnerDrag::execute()
{
    if (finished_)
    {
        return true;
    }

    // The time step after a checkpoint: its fields and state are whole on
    // every rank (each reached this step's solve after writing them)
    markPendingCheckpoint();

    const List<vector> forces = bodyForces();
    const vector sideDir = liftDir_ ^ flowDir_;
    const scalar q = 0.5*rhoInf_*sqr(Uref_);

    Ostream& os = file();
    if (Pstream::master())
    {
        writeCurrentTime(os);
    }

    times_.append(time_.value());
    std::vector<double> drag, cd;
    std::vector<std::string> names;
    forAll(forces, bodyi)
    {
        const vector& F = forces[bodyi];
        const vector dsl(F & flowDir_, F & sideDir, F & liftDir_);
        history_[bodyi].append(dsl);
        drag.push_back(dsl.x());
        cd.push_back(finite(F) ? dsl.x()/(q*bodyAref_[bodyi]) : NAN);
        names.push_back(bodyNames_[bodyi]);

        if (Pstream::master())
        {
            os  << tab << dsl.x() << tab << dsl.y() << tab << dsl.z();
        }
    }
    if (Pstream::master())
    {
        os  << endl;
    }

    readResiduals();
    std::vector<double> residuals;
    std::vector<std::string> equations;
    if (residualU_ < 0.5*VGREAT)
    {
        residuals.push_back(residualU_);
        equations.push_back(UName_);
    }
    if (residualP_ < 0.5*VGREAT)
    {
        residuals.push_back(residualP_);
        equations.push_back(pName_);
    }

    const std::string why =
        guard_->check(time_.timeIndex(), cd, names, residuals, equations);
    if (!why.empty())
    {
        failed_ = true;
        stopReason_ = why;
        writeResults();
        finished_ = true;
        FatalErrorInFunction
            << "Stopping: " << why.c_str() << exit(FatalError);
    }

    if (settled_ && settledSees(time_.value()) && settled_->add(drag))
    {
        Info<< type() << " " << name() << ": drag of every body settled after "
            << times_.size() << " iterations; writing and stopping" << endl;
        stopReason_ = "settled";
        const_cast<Time&>(time_).writeAndEnd();

        // Time::run() calls no end() when the loop is ended from execute()
        writeResults();
        finished_ = true;
    }
    else
    {
        checkpointIfDue();
    }

    return true;
}


bool Foam::functionObjects::runnerDrag::write()
{
    // The state dictionary is written after the function objects of a write
    // time ran, so what is stored here lands beside the fields just written.
    if (time_.writeTime())
    {
        storeHistory();
        if (checkpointWrite_ && Pstream::master())
        {
            // Marked at the next time step, not now: the state dictionary
            // and the other ranks' fields are still being written, and a
            // kill -9 in between must not leave a marked, half-written time
            pendingMarker_ = time_.timePath()/"uniform";
            pendingMarkerTime_ = time_.value();
            pendingMarkerSamples_ = times_.size();
        }
    }
    checkpointWrite_ = false;
    return true;
}


void Foam::functionObjects::runnerDrag::storeHistory()
{
    setProperty("bodies", bodyNames_);
    setProperty("wallSeconds", earlierSeconds_ + time_.elapsedClockTime());
    const auto guard = guard_->state();
    setProperty("guardSeen", label(guard.seen));
    scalarList minima(label(guard.minResidual.size()));
    forAll(minima, i)
    {
        // No number is written for +inf (no positive residual yet): -1 stands for it.
        minima[i] =
            std::isfinite(guard.minResidual[i]) ? guard.minResidual[i] : -1;
    }
    setProperty("guardMinResiduals", minima);
    setProperty("times", scalarList(times_));
    forAll(bodyNames_, bodyi)
    {
        setProperty("forces_" + bodyNames_[bodyi], List<vector>(history_[bodyi]));
    }
}


void Foam::functionObjects::runnerDrag::restoreHistory()
{
    const scalar start = time_.startTime().value();
    if (mag(start) < SMALL)
    {
        return;
    }
    resumedFrom_ = start;

    scalarList times;
    if (!getProperty("times", times))
    {
        // Averages, the settled stop and the iteration count would cover
        // only part of the run, and nothing in results.json would show it.
        FatalErrorInFunction
            << "started at time " << start << " with no runnerDrag history"
            << " stored there (uniform/functionObjects/"
            << "functionObjectProperties): restart from time 0 or from a"
            << " checkpoint runnerDrag wrote"
            << exit(FatalError);
    }

    // A checkpoint of other bodies, or a history that does not end where
    // this run starts, is not this run's past: refuse rather than mix.
    wordList stored;
    getProperty("bodies", stored);
    if (stored != bodyNames_)
    {
        FatalErrorInFunction
            << "the checkpoint at time " << start << " holds the bodies "
            << stored << ", the dictionary lists " << bodyNames_
            << "; restart from time 0"
            << exit(FatalError);
    }
    if (times.size() && mag(times.last() - start) > 1e-6*max(1, mag(start)))
    {
        FatalErrorInFunction
            << "the runnerDrag history stored at time " << start
            << " ends at time " << times.last() << "; restart from time 0"
            << exit(FatalError);
    }

    List<List<vector>> forces(bodyNames_.size());
    forAll(bodyNames_, bodyi)
    {
        getProperty("forces_" + bodyNames_[bodyi], forces[bodyi]);
        if (forces[bodyi].size() != times.size())
        {
            FatalErrorInFunction
                << "the checkpoint at time " << start << " holds "
                << forces[bodyi].size() << " samples of body "
                << bodyNames_[bodyi] << " for " << times.size()
                << " times; restart from time 0"
                << exit(FatalError);
        }
    }

    getProperty("wallSeconds", earlierSeconds_);
    label guardSeen = 0;
    scalarList minima;
    if (getProperty("guardSeen", guardSeen) && getProperty("guardMinResiduals", minima))
    {
        drafting::solver::monitoring::DivergenceGuard::State guard;
        guard.seen = std::size_t(guardSeen);
        for (const scalar m : minima)
        {
            guard.minResidual.push_back(m < 0 ? INFINITY : m);
        }
        guard_->restore(guard);
    }
    times_ = times;
    forAll(bodyNames_, bodyi)
    {
        history_[bodyi] = forces[bodyi];
    }
    restoredSamples_ = times.size();

    // The settled stop sees the samples again, in order, as it did before.
    if (settled_)
    {
        forAll(times_, i)
        {
            if (!settledSees(times_[i]))
            {
                continue;
            }
            std::vector<double> drag;
            forAll(bodyNames_, bodyi)
            {
                drag.push_back(history_[bodyi][i].x());
            }
            settled_->add(drag);
        }
    }

    Info<< type() << " " << name() << ": continuing " << restoredSamples_
        << " samples stored at time " << start << endl;
}


void Foam::functionObjects::runnerDrag::markPendingCheckpoint()
{
    if (pendingMarker_.empty() || !Pstream::master())
    {
        return;
    }
    // The marker that makes this time a checkpoint for draft-cases
    // (CaseRunner::checkpoint), beside the time's own uniform/time; written
    // whole under a temporary name and renamed
    if (isDir(pendingMarker_))
    {
        const fileName target
        (
            pendingMarker_/drafting::solver::monitoring::CheckpointMarker::kFileName
        );
        const fileName tmpName(target + ".tmp");
        {
            drafting::solver::monitoring::CheckpointMarker mark;
            mark.time = pendingMarkerTime_;
            mark.samples = pendingMarkerSamples_;
            OFstream marker(tmpName);
            marker.stdStream() << mark.toText();
        }
        Foam::mv(tmpName, target);
    }
    pendingMarker_.clear();
}


void Foam::functionObjects::runnerDrag::checkpointIfDue()
{
    if (checkpointInterval_ <= 0 || time_.writeTime())
    {
        return;
    }
    // The end time is written anyway. Every rank decides on the same clock.
    if (time_.value() > time_.endTime().value() - 0.5*time_.deltaTValue())
    {
        return;
    }
    const scalar elapsed =
        returnReduce(scalar(time_.elapsedClockTime()), maxOp<scalar>());
    if (elapsed < nextCheckpoint_)
    {
        return;
    }
    nextCheckpoint_ = elapsed + checkpointInterval_;
    Info<< type() << " " << name() << ": checkpoint at time "
        << time_.timeName() << endl;
    checkpointWrite_ = true;
    const_cast<Time&>(time_).writeNow();
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
