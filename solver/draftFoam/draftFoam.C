/*---------------------------------------------------------------------------*\
  draftFoam extension for OpenFOAM v1912
-------------------------------------------------------------------------------
License
    GNU General Public License v3 or later (as OpenFOAM). The SIMPLE
    pressure-velocity coupling follows OpenFOAM's simpleFoam.

Application
    draftFoam

Group
    grpIncompressibleSolvers

Description
    Steady incompressible solver for air around runners in a formation, in
    the runner's frame of reference (the runners stand still, the air and
    the ground move towards -x at running speed plus headwind).

    Solves, with the SIMPLE(C) algorithm,
    \f[
        \div \vec{U} = 0, \qquad
        \div (\vec{U}\vec{U}) - \div \gvec{R} = - \grad p + \vec{S}_U
    \f]
    with a RAS turbulence model chosen in constant/turbulenceProperties.
    Per-runner forces come from the runnerDrag function object
    (libdraftFunctionObjects.so), which stock simpleFoam can load as well,
    so every case draft-cases writes runs unchanged under either solver.

Usage
    draftFoam [-case DIR] [-parallel]

\*---------------------------------------------------------------------------*/

#include "fvCFD.H"
#include "singlePhaseTransportModel.H"
#include "turbulentTransportModel.H"
#include "simpleControl.H"
#include "fvOptions.H"

// * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * //

int main(int argc, char *argv[])
{
    argList::addNote
    (
        "Steady incompressible solver for drafting studies in running"
        " (runner's frame of reference)."
    );

    #include "postProcess.H"

    #include "addCheckCaseOptions.H"
    #include "setRootCaseLists.H"
    #include "createTime.H"
    #include "createMesh.H"
    #include "createControl.H"
    #include "createFields.H"
    #include "initContinuityErrs.H"

    turbulence->validate();

    Info<< "\nStarting iterations\n" << endl;

    while (simple.loop())
    {
        Info<< "Iteration = " << runTime.timeName() << nl << endl;

        // Pressure-velocity SIMPLE corrector
        {
            #include "UEqn.H"
            #include "pEqn.H"
        }

        laminarTransport.correct();
        turbulence->correct();

        runTime.write();

        runTime.printExecutionTime(Info);
    }

    Info<< "End\n" << endl;

    return 0;
}


// ************************************************************************* //
