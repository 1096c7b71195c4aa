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
    Incompressible solver for air around runners in a formation, in the
    runner's frame of reference (the runners stand still, the air and the
    ground move towards -x at running speed plus headwind).

    Two modes, chosen by the case's system/fvSolution:
    - steady: a SIMPLE dictionary; SIMPLE(C) iterations on
      \f[
          \div \vec{U} = 0, \qquad
          \div (\vec{U}\vec{U}) - \div \gvec{R} = - \grad p + \vec{S}_U
      \f]
      exactly as simpleFoam;
    - transient: a PIMPLE dictionary; PIMPLE time steps on
      \f[
          \ddt{\vec{U}} + \div (\vec{U}\vec{U}) - \div \gvec{R}
        = - \grad p + \vec{S}_U
      \f]
      exactly as pimpleFoam on a static mesh, with adjustTimeStep/maxCo
      from controlDict.
    The turbulence model (RAS, LES or laminar) is chosen in
    constant/turbulenceProperties.
    Per-runner forces come from the runnerDrag function object
    (libdraftFunctionObjects.so), which stock simpleFoam can load as well,
    so every case draft-cases writes runs unchanged under either solver.

Usage
    draftFoam [-case DIR] [-parallel]
    draftFoam -version      (version, git commit and OpenFOAM version)

\*---------------------------------------------------------------------------*/

#include "fvCFD.H"
#include "singlePhaseTransportModel.H"
#include "turbulentTransportModel.H"
#include "simpleControl.H"
#include "pimpleControl.H"
#include "fvOptions.H"
#include "draftVersion.H"

// * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * //

int main(int argc, char *argv[])
{
    if (draftVersionRequested(argc, argv, "draftFoam"))
    {
        return 0;
    }

    argList::addNote
    (
        "Incompressible solver for drafting studies in running (runner's"
        " frame of reference): steady with a SIMPLE dictionary in"
        " fvSolution, transient with a PIMPLE one."
    );

    #include "postProcess.H"

    #include "addCheckCaseOptions.H"
    #include "setRootCaseLists.H"
    #include "createTime.H"
    #include "createMesh.H"

    #include "createFields.H"
    #include "initContinuityErrs.H"

    turbulence->validate();

    if (transient)
    {
        #include "transient/loop.H"
    }
    else
    {
        #include "steady/loop.H"
    }

    Info<< "End\n" << endl;

    return 0;
}


// ************************************************************************* //
