#include "cases/writer/CaseWriter.hpp"

#include "cases/files/CaseFile.hpp"

#include "cases/writer/CaseScripts.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/writer/RunnerDragDict.hpp"
#include "common/SafeName.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/Units.hpp"
#include "meshes/Athlete.hpp"
#include "meshes/FoamDictionary.hpp"
#include "meshes/FoamFile.hpp"
#include "meshes/FormationMesh.hpp"
#include "meshes/SectionMesh.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

namespace fs = std::filesystem;
using drafting::meshes::FoamDictionary;
using drafting::meshes::FoamFile;

namespace drafting::cases::writer {

namespace {

// Inflow turbulence from intensity I, k = 1.5 (I U)², and either the eddy-viscosity ratio
// (νt = k / ω = ratio ν) or a length scale L (ω = √k / (Cμ^¼ L)); ε = Cμ k ω either way.
struct Turbulence {
    double k, omega, epsilon, viscosityRatio, lengthScale;
};
Turbulence inflowTurbulence(double U, double nu, const config::SweepConfig& config) {
    constexpr double Cmu = 0.09;
    const double k = 1.5 * std::pow(config.turbulenceIntensity * U, 2);
    const double omega = config.turbulenceLengthScale > 0.0
                             ? std::sqrt(k) / (std::pow(Cmu, 0.25) * config.turbulenceLengthScale)
                             : k / (config.turbulenceViscosityRatio * nu);
    return {k, omega, Cmu * k * omega, k / omega / nu, std::sqrt(k) / (std::pow(Cmu, 0.25) * omega)};
}

// One field file: inlet fixed, outlet inletOutlet (or fixed p), sides slip (in a crosswind as
// given: the air comes in through one side and leaves through the other), walls as given. 2D slabs
// have empty front and back; 3D boxes a slip top and the ground, a wall moving with the air.
std::string field(const std::string& name, const std::string& cls, const std::string& dims, const std::string& value,
                  const FoamDictionary& inlet, const FoamDictionary& outlet, const FoamDictionary& wall, int dimension,
                  const std::optional<FoamDictionary>& ground = std::nullopt,
                  const std::optional<FoamDictionary>& sides = std::nullopt) {
    FoamDictionary boundary;
    boundary.entry("inlet", inlet).entry("outlet", outlet).entry("sides", sides ? *sides : FoamDictionary::condition("slip")).entry("runners", wall);
    if (dimension == 3)
        boundary.entry("top", FoamDictionary::condition("slip")).entry("ground", ground ? *ground : wall);
    else
        boundary.entry("\"(front|back)\"", FoamDictionary::condition("empty"));
    return FoamDictionary()
        .entry("dimensions", dims)
        .entry("internalField", "uniform " + value)
        .entry("boundaryField", boundary)
        .file(name, "0", cls);
}

// How the ground moves in the body's frame: at the running speed (CaseWriter's 0/U). A body at
// rest in a wind (speed 0: a wind-tunnel model, ReferenceCase) has a stationary no-slip floor.
std::string groundMotion(const config::SweepConfig& config) {
    return config.speed == 0.0 ? "stationary wall (no slip)" : "wall moving with the air";
}

// The mesh dictionaries (and runner.json in 3D), and what the rest of the case needs from them.
struct MeshFacts {
    // Reference area and the cross-flow length of the Strouhal number; the finest cell sets the
    // first transient time step.
    double refArea = 0.0, strouhalLength = 0.0, finestCell = 0.0, boxLength = 0.0, bodyHeight = 0.0;
    /// The reference area of each runner of its own size (a pacer of another size) [m²].
    std::map<std::string, double> ownAreas;
    nlohmann::json domain;  // the 3D box as meshed; null in 2D
};

MeshFacts writeMesh(const config::SweepConfig& config, const config::CaseSpec& spec, const fs::path& root, double U, double nu) {
    const meshes::Athlete athlete(config.athleteHeight, config.athleteMass);
    const meshes::MeshLevel level = meshes::MeshLevel::from(config.level);
    const std::string caseDir = root.string();
    MeshFacts f;
    if (config.dimension == 3) {
        const auto body = config.runnerBody();
        // One body per size and phase of the stride: every pacer of a size and phase shares it.
        std::map<std::pair<config::BodySize, std::optional<double>>, std::shared_ptr<const meshes::RunnerBody>> own;
        std::vector<meshes::FormationMesh::Body> bodies;
        for (const auto& r : spec.runners) {
            std::shared_ptr<const meshes::RunnerBody> shape;
            if (r.ownBody()) {
                auto& slot = own[{r.size.value_or(config.athlete()), r.stridePhase}];
                if (!slot) slot = std::make_shared<const meshes::RunnerBody>(config.runnerBody(r.size, r.stridePhase));
                shape = slot;
                f.ownAreas[r.name] = shape->frontalArea();
            }
            bodies.push_back({r.name, r.x, r.y, shape});
        }
        // Wall-resolved layers start at y+ ≈ 1 for this speed (on the shortest runner, whose thinner
        // boundary layer needs the thinnest first cell); wall functions refine with the level.
        double shortest = body.height();
        for (const auto& [size, shape] : own) shortest = std::min(shortest, shape->height());
        const auto layers = config.wallTreatment == "low-re"
                                ? meshes::LayerStack::lowRe(meshes::LayerStack::firstLayerForUnitYPlus(U, nu, shortest))
                                : meshes::LayerStack::wallFunctions(level);
        // In a crosswind the wakes drift to the lee side: the wake boxes follow them.
        meshes::FormationDomain domain = config.domain;
        domain.wakeSlope = config.airAcross() / config.airAlong();
        const meshes::FormationMesh mesh(bodies, body, level, domain, layers);
        mesh.write(caseDir);
        // The box as meshed (snapped outwards to whole background cells) and its blockage.
        f.domain = {{"x_min_m", mesh.xMin()},
                  {"x_max_m", mesh.xMax()},
                  {"y_min_m", mesh.yMin()},
                  {"y_max_m", mesh.yMax()},
                  {"z_max_m", mesh.zMax()},
                  {"top", "slip"},
                  {"sides", config.airAcross() != 0.0 ? "freestream (crosswind)" : "slip"},
                  {"ground", groundMotion(config)},
                  {"blockage_pct", 100.0 * mesh.blockage()},
                  {"wall_treatment", config.wallTreatment},
                  {"layers", layers.layers},
                  {"layer_expansion", layers.expansion},
                  {"first_layer_m", layers.firstLayer()},
                  {"layer_stack_m", layers.thickness}};
        f.refArea = body.frontalArea();
        f.bodyHeight = body.height();
        f.boxLength = mesh.xMax() - mesh.xMin();
        f.strouhalLength = body.width();  // one length per run: every runner's St is on her width
        f.finestCell = mesh.surfaceCell();
        common::JsonFile::writeAtomic((root / files::SweepLayout::kRunner).string(), body.describe());
    } else {
        std::vector<meshes::SectionMesh::Body> bodies;
        for (const auto& r : spec.runners) {
            meshes::SectionMesh::Body b{r.name, r.x, r.y};
            if (r.size) {
                // Its own section, over the one span of the slab (the athlete's height).
                const meshes::Athlete runner(r.size->heightM, r.size->massKg);
                b.halfDepth = 0.5 * runner.sectionDepth();
                b.halfWidth = 0.5 * runner.sectionWidth();
                f.ownAreas[r.name] = runner.sectionWidth() * athlete.height();
            }
            bodies.push_back(b);
        }
        const meshes::SectionMesh mesh(bodies, 0.5 * athlete.sectionDepth(), 0.5 * athlete.sectionWidth(),
                                       athlete.height(), level, config.airAcross() / config.airAlong());
        mesh.write(caseDir);
        f.refArea = athlete.sectionWidth() * athlete.height();  // = frontal area by construction
        f.boxLength = mesh.xMax() - mesh.xMin();
        f.strouhalLength = athlete.sectionWidth();
        f.finestCell = mesh.backgroundCell() / 16.0;
    }
    return f;
}

// Initial and boundary fields in the runners' frame: the runners stand still, the air moves towards -x.
void writeFields(const config::SweepConfig& config, const fs::path& root, const Turbulence& turb) {
    const int dim = config.dimension;
    // The air comes towards -x, and in a crosswind from the left towards -y (0 - across: no -0).
    const std::string Uin = "(" + FoamFile::number(-config.airAlong()) + " " + FoamFile::number(0.0 - config.airAcross()) + " 0)";
    const bool crosswind = config.airAcross() != 0.0;
    // A crosswind comes in through one side and leaves through the other: the sides are a
    // freestream (inflow at the free stream, outflow zero-gradient, as the flux decides).
    const auto sides = [&](const FoamDictionary& open) { return crosswind ? std::optional<FoamDictionary>(open) : std::nullopt; };
    FoamFile::write(root / "0" / "U",
                    field("U", "volVectorField", "[0 1 -1 0 0 0 0]", Uin, FoamDictionary::condition("fixedValue", {{"value", "uniform " + Uin}}),
                          FoamDictionary::condition("inletOutlet", {{"inletValue", "uniform (0 0 0)"}, {"value", "uniform " + Uin}}),
                          FoamDictionary::condition("noSlip"), dim,
                          // In the runner's frame the ground moves at the running speed; a headwind
                          // moves the air faster than the ground (0 - speed: a body at rest gets 0, not -0).
                          FoamDictionary::condition("fixedValue", {{"value", "uniform (" + FoamFile::number(0.0 - config.speed) + " 0 0)"}}),
                          sides(FoamDictionary::condition("freestreamVelocity", {{"freestreamValue", "uniform " + Uin}, {"value", "uniform " + Uin}}))));
    FoamFile::write(root / "0" / "p",
                    field("p", "volScalarField", "[0 2 -2 0 0 0 0]", "0", FoamDictionary::condition("zeroGradient"),
                          FoamDictionary::condition("fixedValue", {{"value", "uniform 0"}}), FoamDictionary::condition("zeroGradient"), dim,
                          std::nullopt,
                          sides(FoamDictionary::condition("freestreamPressure", {{"freestreamValue", "uniform 0"}, {"value", "uniform 0"}}))));
    auto turbField = [&](const std::string& name, const std::string& dims, double v, const std::string& wallType) {
        const std::string value = FoamFile::number(v);
        const FoamDictionary open = FoamDictionary::condition("inletOutlet", {{"inletValue", "uniform " + value}, {"value", "uniform " + value}});
        FoamFile::write(root / "0" / name,
                        field(name, "volScalarField", dims, value, FoamDictionary::condition("fixedValue", {{"value", "uniform " + value}}),
                              open, FoamDictionary::condition(wallType, {{"value", "uniform " + value}}), dim, std::nullopt, sides(open)));
    };
    turbField("k", "[0 2 -2 0 0 0 0]", turb.k, "kqRWallFunction");
    turbField("omega", "[0 0 -1 0 0 0 0]", turb.omega, "omegaWallFunction");
    turbField("epsilon", "[0 2 -3 0 0 0 0]", turb.epsilon, "epsilonWallFunction");
    const FoamDictionary calculated = FoamDictionary::condition("calculated", {{"value", "uniform 0"}});
    FoamFile::write(root / "0" / "nut",
                    field("nut", "volScalarField", "[0 2 -1 0 0 0 0]", "0", calculated, calculated,
                          // Spalding's law holds at any y+: the coarse first cells sit in the buffer layer.
                          FoamDictionary::condition("nutUSpaldingWallFunction", {{"value", "uniform 0"}}), dim));
}

void writeProperties(const config::SweepConfig& config, const fs::path& root, double nu) {
    // nu = mu / rho, the air's viscosity at the config's density.
    FoamFile::write(root / "constant" / "transportProperties",
                    FoamDictionary().entry("transportModel", "Newtonian").entry("nu", nu).file("transportProperties", "constant"));
    FoamDictionary turbulence;
    if (config.turbulence == "laminar") {
        turbulence.entry("simulationType", "laminar");
    } else {
        turbulence.entry("simulationType", "RAS")
            .entry("RAS", FoamDictionary().entry("RASModel", config.turbulence).entry("turbulence", "on").entry("printCoeffs", "on"));
    }
    FoamFile::write(root / "constant" / "turbulenceProperties", turbulence.file("turbulenceProperties", "constant"));
}

// The time window of a transient case: left unset, it follows the box: one flow-through of
// start-up, three averaged (SweepConfig refuses an end time without a start, so the end always
// follows the start).
struct TimeWindow {
    double flowThrough, averagingStart, endTime;
};

TimeWindow timeWindow(const config::SweepConfig& config, double boxLength) {
    TimeWindow w;
    // The air crosses the box along x: in a crosswind, slower than its speed.
    w.flowThrough = boxLength / config.airAlong();
    w.averagingStart = config.averagingStart.value_or(config::SweepConfig::kStartUpFlowThroughs * w.flowThrough);
    w.endTime = config.endTime.value_or(w.averagingStart + config::SweepConfig::kAveragingFlowThroughs * w.flowThrough);
    return w;
}

// controlDict: iterations or time steps, the force accounting (runnerDrag) and the results file.
void writeControlDict(const config::SweepConfig& config, const config::CaseSpec& spec, const fs::path& root, double U,
                      const MeshFacts& mesh, const TimeWindow& window) {
    const bool transient = config.mode == "transient";
    const double endTime = window.endTime, averagingStart = window.averagingStart;
    const double refArea = mesh.refArea, strouhalLength = mesh.strouhalLength, finestCell = mesh.finestCell;
    // latestTime: a fresh case starts from 0, a killed one continues from its last checkpoint
    // (CaseRunner keeps it); purgeWrite 2 keeps the checkpoint before a half-written one.
    FoamDictionary control;
    control.entry("application", config.application).entry("startFrom", "latestTime").entry("startTime", 0).entry("stopAt", "endTime");
    if (transient) {
        // First step from the mesh: a tenth of the smallest refined cell crossed at U.
        const double dt0 = 0.1 * finestCell / U;
        control.entry("endTime", endTime).entry("deltaT", dt0).entry("adjustTimeStep", "yes").entry("maxCo", config.maxCourant)
            .entry("maxDeltaT", 1).entry("writeControl", "adjustableRunTime").entry("writeInterval", endTime);
    } else {
        control.entry("endTime", config.maxIterations).entry("deltaT", 1).entry("writeControl", "timeStep")
            .entry("writeInterval", config.maxIterations);
    }
    control.entry("purgeWrite", 2).entry("writeFormat", "binary").entry("writePrecision", 8).entry("writeCompression", "off")
        .entry("timeFormat", "general").entry("timePrecision", 8).entry("runTimeModifiable", "false");
    RunnerDragDict forces;
    for (const auto& r : spec.runners) forces.bodies.push_back(r.name);
    forces.rhoInf = config.airDensity;
    forces.Uref = U;
    forces.Aref = refArea;
    forces.bodyAref = mesh.ownAreas;
    forces.checkpointInterval = CaseWriter::kCheckpointSeconds;
    if (transient) {
        forces.averagingStart = averagingStart;
        forces.strouhalLength = strouhalLength;
    } else {
        forces.averagingWindow = RunnerDragDict::steadyAveragingWindow(config.maxIterations);
    }
    forces.residualTolerance = config.tolerance;
    // Converged = residuals below tolerance and every runner's mean drag settled relative to its
    // own drag (validation.md): the settled stop's tolerance when it is on, else 0.5 %.
    forces.convergenceWindow = config.settledWindow;
    forces.convergenceTolerance = config.settledTolerance > 0.0 ? config.settledTolerance : CaseWriter::kConvergenceTolerance;
    if (config.settledTolerance > 0.0) {
        // The absolute allowance only keeps a body with almost no drag from running forever: at
        // 2 % of the relative one on the solo scale it never loosens a sheltered runner's test
        // (a lead with a fifth of the solo drag keeps its own relative tolerance).
        forces.settled = RunnerDragDict::Settled{config.settledWindow, config.settledTolerance,
                                                 0.02 * config.settledTolerance, 2 * config.settledWindow};
    }
    // The runners' wall shear stress for ParaView (postprocess/FlowFieldExport), computed only
    // when a time is written: it costs a velocity gradient over the whole mesh.
    const FoamDictionary wallShearStress = FoamDictionary()
                                               .entry("type", "wallShearStress")
                                               .entry("libs", "(\"libfieldFunctionObjects.so\")")
                                               .entry("patches", FoamDictionary::list(forces.bodies))
                                               .entry("executeControl", "writeTime")
                                               .entry("writeControl", "writeTime");
    control.entry("functions", FoamDictionary().entry("runnerDrag", forces.dictionary()).entry("wallShearStress", wallShearStress));
    FoamFile::write(root / "system" / "controlDict", control.file("controlDict", "system"));
}

void writeSchemes(const config::SweepConfig& config, const fs::path& root) {
    const FoamDictionary schemes =
        FoamDictionary()
            .entry("ddtSchemes", FoamDictionary().entry("default", config.mode == "transient" ? "backward" : "steadyState"))
            .entry("gradSchemes", FoamDictionary().entry("default", "Gauss linear").entry("grad(U)", "cellLimited Gauss linear 1"))
            .entry("divSchemes", FoamDictionary()
                                     .entry("default", "none")
                                     .entry("div(phi,U)", "bounded Gauss linearUpwind grad(U)")
                                     .entry("div(phi,k)", "bounded Gauss upwind")
                                     .entry("div(phi,omega)", "bounded Gauss upwind")
                                     .entry("div(phi,epsilon)", "bounded Gauss upwind")
                                     .entry("div((nuEff*dev2(T(grad(U)))))", "Gauss linear"))
            .entry("laplacianSchemes", FoamDictionary().entry("default", "Gauss linear limited corrected 0.33"))
            .entry("interpolationSchemes", FoamDictionary().entry("default", "linear"))
            .entry("snGradSchemes", FoamDictionary().entry("default", "limited corrected 0.33"))
            .entry("wallDist", FoamDictionary().entry("method", "meshWave"));
    FoamFile::write(root / "system" / "fvSchemes", schemes.file("fvSchemes", "system"));
}

void writeSolution(const config::SweepConfig& config, const fs::path& root) {
    const bool transient = config.mode == "transient";
    const int nonOrthogonalCorrectors = config.dimension == 3 ? 1 : 0;  // snappyHexMesh's 3D cells lean up to 65 degrees
    const auto smooth = [](double relTol) {
        return FoamDictionary().entry("solver", "smoothSolver").entry("smoother", "symGaussSeidel").entry("tolerance", 1e-8).entry("relTol", relTol);
    };
    FoamDictionary solution;
    solution.entry("solvers", FoamDictionary()
                                  .entry("p", FoamDictionary().entry("solver", "GAMG").entry("smoother", "GaussSeidel")
                                                  .entry("tolerance", 1e-7).entry("relTol", 0.05))
                                  .entry("pFinal", FoamDictionary().macro("p").entry("relTol", 0))
                                  .entry("\"(U|k|omega|epsilon)\"", smooth(0.1))
                                  .entry("\"(U|k|omega|epsilon)Final\"", smooth(0)));
    if (transient) {
        solution.entry("PIMPLE", FoamDictionary()
                                     .entry("nOuterCorrectors", config.outerCorrectors)
                                     .entry("nCorrectors", 2)
                                     .entry("nNonOrthogonalCorrectors", nonOrthogonalCorrectors));
        // Outer loops relax all but the last, which closes the time step.
        if (config.outerCorrectors > 1)
            solution.entry("relaxationFactors",
                           FoamDictionary()
                               .entry("fields", FoamDictionary().entry("p", 0.3).entry("pFinal", 1))
                               .entry("equations", FoamDictionary().entry("\"(U|k|omega|epsilon)\"", 0.7).entry("\"(U|k|omega|epsilon)Final\"", 1)));
    } else {
        const double tol = config.tolerance;
        solution.entry("SIMPLE", FoamDictionary()
                                     .entry("consistent", "yes")
                                     .entry("nNonOrthogonalCorrectors", nonOrthogonalCorrectors)
                                     .entry("residualControl", FoamDictionary().entry("p", tol).entry("U", tol).entry("\"(k|omega|epsilon)\"", tol)));
        solution.entry("relaxationFactors",
                       FoamDictionary().entry("equations", FoamDictionary().entry("U", 0.95).entry("\"(k|omega|epsilon)\"", 0.9)));
    }
    FoamFile::write(root / "system" / "fvSolution", solution.file("fvSolution", "system"));
}

// What the case was written with, for case.json and results.json: shown, never read back as settings.
nlohmann::json caseParameters(const config::SweepConfig& config, const config::CaseSpec& spec, double U, const Turbulence& turb,
                              const MeshFacts& mesh, const TimeWindow& window) {
    const meshes::Athlete athlete(config.athleteHeight, config.athleteMass);
    const bool is3d = config.dimension == 3;
    const bool transient = config.mode == "transient";
    const double flowThrough = window.flowThrough, averagingStart = window.averagingStart, endTime = window.endTime;
    const double refArea = mesh.refArea, bodyHeight = mesh.bodyHeight;
    const nlohmann::json& domain = mesh.domain;
    nlohmann::json parameters = spec.parametersJson();
    parameters["speed_mps"] = config.speed;
    parameters["headwind_mps"] = config.headwind;
    if (config.windSpeed > 0.0) {  // a wind from any side; absent in calm air
        parameters["wind_speed_mps"] = config.windSpeed;
        parameters["wind_direction_deg"] = config.windDirection;
    }
    parameters["air_speed_mps"] = U;
    parameters["air_density_kg_m3"] = config.airDensity;
    parameters["height_m"] = athlete.height();
    parameters["mass_kg"] = athlete.mass();
    if (is3d && config.geometryAtOwnSize) {
        // A reference body at its own size: no athlete sized it.
        parameters["height_m"] = bodyHeight;
        parameters.erase("mass_kg");
    }
    parameters["frontal_area_m2"] = refArea;
    // A runner of its own size: the reference area its Cd is on.
    for (auto& runner : parameters["runners"])
        if (const auto own = mesh.ownAreas.find(runner["name"].get<std::string>()); own != mesh.ownAreas.end())
            runner["frontal_area_m2"] = own->second;
    if (!(is3d && config.geometryAtOwnSize)) parameters["frontal_area_pugh_m2"] = athlete.frontalArea();
    parameters["turbulence"] = config.turbulence;
    parameters["inflow"] = {{"intensity", config.turbulenceIntensity},
                            {"viscosity_ratio", turb.viscosityRatio},
                            {"length_scale_m", turb.lengthScale},
                            {"k_m2_s2", turb.k},
                            {"omega_1_s", turb.omega}};
    if (!domain.is_null()) parameters["domain"] = domain;
    if (transient)
        parameters["transient"] = {{"flow_through_s", flowThrough},
                                   {"averaging_start_s", averagingStart},
                                   {"end_time_s", endTime},
                                   {"averaged_flow_throughs", (endTime - averagingStart) / flowThrough}};
    parameters["application"] = config.application;

    return parameters;
}

// case.json: the steps CaseRunner runs (and Allrun, from the same list).
files::CaseFile caseFile(const config::SweepConfig& config, const config::CaseSpec& spec, const std::string& fingerprint,
                  const nlohmann::json& parameters) {
    const bool is3d = config.dimension == 3;
    files::CaseFile file;
    file.name = spec.name;
    file.fingerprint = fingerprint;
    file.templateVersion = CaseWriter::kTemplateVersion;
    file.dimension = config.dimension;
    file.level = config.level;
    file.parameters = parameters;
    using Step = files::CaseFile::Step;
    file.steps.push_back(Step::program("blockMesh", {"blockMesh"}));
    file.steps.push_back(Step::program("snappyHexMesh", {"snappyHexMesh", "-overwrite"}));
    if (!is3d) {
        file.steps.push_back(Step::program("extrudeMesh", {"extrudeMesh"}));
        file.steps.push_back(Step::program("changeDictionary", {"changeDictionary"}));
        // snappyHexMesh's refinement history no longer matches the extruded mesh.
        file.steps.push_back(Step::removal("removeStaleMeshData",
                                           {"constant/polyMesh/cellLevel", "constant/polyMesh/pointLevel",
                                            "constant/polyMesh/level0Edge", "constant/polyMesh/surfaceIndex"}));
    }
    file.steps.push_back(Step::meshCheckStep());
    file.steps.push_back(Step::program(config.application, {config.application}, true));
    return file;
}

}  // namespace

void CaseWriter::write(const config::SweepConfig& config, const config::CaseSpec& spec, const std::string& caseDir,
                       const std::string& fingerprint) {
    common::SafeName::check("case name", spec.name);
    for (const auto& r : spec.runners) common::SafeName::check("runner name", r.name);

    const double U = config.airSpeed();
    const double nu = common::kAirViscosity / config.airDensity;
    const auto turb = inflowTurbulence(U, nu, config);

    const fs::path root(caseDir);
    fs::create_directories(root / "0");
    fs::create_directories(root / "constant");
    fs::create_directories(root / "system");

    const MeshFacts mesh = writeMesh(config, spec, root, U, nu);
    writeFields(config, root, turb);
    writeProperties(config, root, nu);
    const TimeWindow window = timeWindow(config, mesh.boxLength);
    writeControlDict(config, spec, root, U, mesh, window);
    writeSchemes(config, root);
    writeSolution(config, root);
    // ParaView opens the case through this marker (built-in OpenFOAM reader).
    FoamFile::write(root / files::SweepLayout::kCaseFoam, "");

    const files::CaseFile file = caseFile(config, spec, fingerprint, caseParameters(config, spec, U, turb, mesh, window));
    file.write((root / files::SweepLayout::kCaseFile).string());
    CaseScripts::write(root.string(), file.steps, files::ToolPaths::discover());
}

}  // namespace drafting::cases::writer
