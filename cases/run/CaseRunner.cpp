#include "cases/run/CaseRunner.hpp"

#include "solver/monitoring/CheckpointMarker.hpp"

#include "common/Error.hpp"
#include "meshes/FoamDictionary.hpp"
#include "meshes/FoamFile.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/MeshCheckFile.hpp"
#include "common/Printable.hpp"
#include "common/Process.hpp"
#include "common/SafeName.hpp"
#include "common/TimeFolder.hpp"
#include "common/AtomicFile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <fstream>
#include <regex>
#include <system_error>

namespace fs = std::filesystem;

namespace drafting::cases::run {

namespace {

// The programs CaseWriter and ReferenceCase write into a case's steps, and nothing else.
const std::set<std::string>& stepPrograms() {
    static const std::set<std::string> programs = {"blockMesh",      "snappyHexMesh",  "extrudeMesh", "changeDictionary",
                                                   "draftCheckMesh", "draftFoam",      "simpleFoam",
                                                   "pimpleFoam"};
    return programs;
}

// Every program a run starts in a case: its steps' and the MPI ones around the solver.
std::set<std::string> runPrograms() {
    std::set<std::string> all = stepPrograms();
    all.insert({"mpirun", "orterun", "decomposePar", "reconstructPar"});
    return all;
}

// A solution time folder's value, or nothing for any other name ("0" included: it is the
// case writer's, never a checkpoint).
std::optional<double> solutionTime(const fs::directory_entry& entry) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || entry.is_symlink()) return std::nullopt;
    const auto value = common::TimeFolder::timeOf(name);
    if (!value || *value <= 0.0) return std::nullopt;
    return value;
}

// Whether solution time folder `dir` holds everything a restart needs from this rank's side:
// runnerDrag's history (written last, after the fields) and, where `marked`, runnerDrag's mark
// that the write was a checkpoint (a final write is not one: a finished case never resumes).
// A marker that cannot be read, or names another time (a copied folder), marks nothing.
bool holdsCheckpoint(const fs::path& dir, bool marked) {
    if (!fs::is_regular_file(dir / CaseRunner::kCheckpointState)) return false;
    if (!marked) return true;
    const auto time = common::TimeFolder::timeOf(dir.filename().string());
    try {
        return time && solver::monitoring::CheckpointMarker::read((dir / solver::monitoring::CheckpointMarker::kPath).string())
                           .marks(*time);
    } catch (const std::runtime_error&) {
        return false;
    }
}

// Checkpoint times in `dir`: value -> folder name.
std::map<double, std::string> checkpointTimes(const fs::path& dir) {
    std::map<double, std::string> times;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (const auto t = solutionTime(entry); t && holdsCheckpoint(entry.path(), true))
            times[*t] = entry.path().filename().string();
    return times;
}

std::vector<fs::path> processorFolders(const fs::path& caseDir) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(caseDir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_directory() && !entry.is_symlink() && files::SweepLayout::isProcessorFolder(name))
            found.push_back(entry.path());
    }
    return found;
}

}  // namespace

std::string CaseRunner::caseJsonHash(const std::string& caseDir) {
    char buf[20];
    std::snprintf(buf, sizeof(buf), "%016zx",
                  std::hash<std::string>{}(common::JsonFile::read(caseDir + "/" + files::SweepLayout::kCaseFile).dump()));
    return buf;
}

std::string CaseRunner::checkpoint(const std::string& caseDir) {
    const fs::path root(caseDir);
    if (fs::exists(fs::symlink_status(root / files::SweepLayout::kResults))) return "";
    if (!fs::is_regular_file(root / "constant" / "polyMesh" / "owner")) return "";
    try {
        if (!files::MeshCheckFile::read((root / files::MeshCheckFile::kFileName).string()).ok) return "";
        // The mesh and its checkpoints were made for this very case.json.
        const auto made = common::JsonFile::read((root / kTimingFile).string());
        if (!made.contains("case") || made.at("case") != caseJsonHash(caseDir)) return "";
    } catch (const std::exception&) {
        return "";  // no verdict or record, or not ones we wrote: the mesh is not known to be this case's
    }
    std::map<double, std::string> times = checkpointTimes(root);
    const auto processors = processorFolders(root);
    if (!processors.empty() && fs::is_directory(root / "processor0")) {
        // Every rank writes its own history; processor0 (the master) the mark.
        for (const auto& [value, name] : checkpointTimes(root / "processor0")) {
            const bool everywhere = std::all_of(processors.begin(), processors.end(), [&](const fs::path& p) {
                return !fs::is_symlink(p / name) && holdsCheckpoint(p / name, false);
            });
            if (everywhere) times.emplace(value, name);
        }
    }
    return times.empty() ? "" : times.rbegin()->second;
}

std::string CaseRunner::prepareResume(const std::string& caseDir, const std::string& from, bool marked,
                                      nlohmann::json& timing) const {
    const fs::path root(caseDir);
    const double start = std::strtod(from.c_str(), nullptr);
    fs::remove(root / (std::string(files::SweepLayout::kResults) + ".tmp"));
    // What the killed run wrote after its checkpoint is incomplete: it goes, in the case and in
    // every processor folder, so that latestTime is the checkpoint.
    std::vector<fs::path> places = processorFolders(root);
    places.push_back(root);
    for (const auto& dir : places)
        for (const auto& entry : fs::directory_iterator(dir))
            if (const auto t = solutionTime(entry); t && *t > start) fs::remove_all(entry.path());
    // In the case itself the time is whole, or only the processor folders have it whole (a put-back
    // that was cut short copies uniform/ last): then it is put back together from them again.
    if (!holdsCheckpoint(root / from, marked)) {
        fs::remove_all(root / from);
        const auto joined = runTool({"reconstructPar", "-time", from}, caseDir, "reconstructPar", timing,
                                    tools_.foamEnvironment());
        if (!joined.empty()) return joined.reason;
    }
    for (const auto& dir : processorFolders(root)) fs::remove_all(dir);
    return "";
}

void CaseRunner::clearRunArtefacts(const std::string& caseDir) {
    // Everything a run makes: meshes, solution times other than 0, data files, logs, results.
    // What the case writer made (0/, system/, constant/*Properties, triSurface) stays.
    // remove_all removes a link, never what it points to; but a linked constant/ would lead
    // constant/polyMesh out of the case, so only a real folder is entered.
    if (!fs::is_symlink(fs::path(caseDir) / "constant")) fs::remove_all(fs::path(caseDir) / "constant" / "polyMesh");
    fs::remove_all(fs::path(caseDir) / "postProcessing");
    fs::remove(fs::path(caseDir) / files::SweepLayout::kResults);
    fs::remove(fs::path(caseDir) / files::SweepLayout::kContinuedResults);  // a continuation's (CaseContinuation)
    fs::remove(fs::path(caseDir) / files::SweepLayout::kContinueJournal);
    fs::remove(fs::path(caseDir) / (std::string(files::SweepLayout::kResults) + ".tmp"));  // runnerDrag's own temporary
    fs::remove(fs::path(caseDir) / files::MeshCheckFile::kFileName);
    fs::remove(fs::path(caseDir) / kTimingFile);
    for (const auto& entry : fs::directory_iterator(caseDir)) {
        const std::string name = entry.path().filename().string();
        const bool timeDir = entry.is_directory() && name != "0" && common::TimeFolder::timeOf(name);
        const bool runFile = entry.is_regular_file() && name.rfind("log.", 0) == 0;
        const bool leftTemporary = !entry.is_symlink() && common::AtomicFile::isTemporaryOf(name, files::SweepLayout::kResults);
        if (timeDir || runFile || leftTemporary || files::SweepLayout::isProcessorFolder(name)) fs::remove_all(entry.path());
    }
}

std::string CaseRunner::stepProblem(const files::CaseFile::Step& step) {
    const std::string field = files::CaseFile::stepField(step.name);
    if (!common::SafeName::isSafe(step.name)) return field + ": not a step name (letters, digits, '_', '-', '.')";
    if (step.isRemoval()) return "";
    const std::set<std::string>& programs = stepPrograms();
    static const std::regex word("-?[A-Za-z0-9_][A-Za-z0-9_.]{0,63}");
    for (std::size_t i = 0; i < step.argv.size(); ++i) {
        const std::string& text = step.argv[i];
        if (!std::regex_match(text, word) || text.find("..") != std::string::npos)
            return field + ".argv " + common::Printable::quote(text) + ": not an option or a plain file name";
        if (i == 0 && !programs.count(text))
            return field + ".argv " + common::Printable::quote(text) + ": not one of the programs a case runs";
    }
    return "";
}

std::string CaseRunner::removalProblem(const std::string& caseDir, const files::CaseFile::Step& step, const std::string& rel) {
    const std::string field = files::CaseFile::stepField(step.name) + ".remove";
    // Relative, and every component a safe name: no "/", no "..", no ".", no empty component.
    fs::path target = caseDir;
    std::size_t from = 0;
    for (;;) {
        const std::size_t slash = rel.find('/', from);
        const std::string component = rel.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
        if (!common::SafeName::isSafe(component))
            return field + " entry " + common::Printable::quote(rel) + ": not a relative path of safe names inside the case";
        target /= component;
        // A link anywhere on the way could lead remove_all out of the case.
        std::error_code ec;
        if (fs::symlink_status(target, ec).type() == fs::file_type::symlink)
            return field + " entry " + common::Printable::quote(rel) + ": passes through a symbolic link";
        if (slash == std::string::npos) break;
        from = slash + 1;
    }
    return "";
}

CaseRunner::ToolFailure CaseRunner::runTool(const std::vector<std::string>& args, const std::string& caseDir,
                                const std::string& name, nlohmann::json& timing,
                                const std::map<std::string, std::string>& env) const {
    std::vector<std::string> argv = args;
    argv[0] = tools_.application(argv[0]);
    const std::string log = caseDir + "/log." + name;
    fs::remove(log);
    const auto proc = common::Process::run(argv, caseDir, log, env, caseDir + "/" + kRunningFile);
    timing[name] = proc.seconds;
    if (!proc.started)
        return {files::CaseResult::Failure::couldNotStart, name + ": could not start " + argv[0] + " (run scripts/setup-deps.sh)"};
    if (proc.exitCode != 0)
        return {files::CaseResult::Failure::stepExited,
                name + " exited with code " + std::to_string(proc.exitCode) + " (see log." + name + ")"};
    return {};
}

void CaseRunner::stopStrays(const std::string& caseDir) {
    common::Process::killStaleGroup(caseDir + "/" + kRunningFile, caseDir);
    common::Process::killStrays(caseDir, runPrograms());
}

void CaseRunner::keepOnlyFinalTime(const std::string& caseDir) {
    std::map<double, fs::path> written;
    for (const auto& entry : fs::directory_iterator(caseDir))
        if (const auto t = solutionTime(entry)) written[*t] = entry.path();
    if (!written.empty()) written.erase(std::prev(written.end()));
    for (const auto& [value, path] : written) fs::remove_all(path);
}

std::string CaseRunner::latestSavedTime(const std::string& caseDir) {
    std::map<double, std::string> times;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(caseDir, ec))
        if (const auto t = solutionTime(entry); t && holdsCheckpoint(entry.path(), false))
            times[*t] = entry.path().filename().string();
    return times.empty() ? "" : times.rbegin()->second;
}

files::CaseResult CaseRunner::run(const std::string& caseDir) const { return runFrom(caseDir, "", std::nullopt); }

files::CaseResult CaseRunner::continueFrom(const std::string& caseDir, const std::string& time,
                                    const files::CaseResult::Continuation& record) const {
    if (time.empty()) throw common::RunError(caseDir + ": no solution time to continue from");
    return runFrom(caseDir, time, record);
}

files::CaseResult CaseRunner::runFrom(const std::string& caseDirIn, const std::string& continuing,
                               const std::optional<files::CaseResult::Continuation>& record) const {
    const std::string caseDir = fs::absolute(caseDirIn).string();
    files::CaseResult result;
    // A case.json that cannot be read, would run another program, or would delete outside the case
    // or through a link fails the case before anything is deleted or written.
    std::string badRemoval;
    files::CaseFile spec;
    try {
        spec = files::CaseFile::read(caseDir + "/" + files::SweepLayout::kCaseFile);
    } catch (const std::runtime_error& e) {  // unreadable or not ours (common::RunError, InputError)
        spec.name = fs::path(caseDir).filename().string();
        badRemoval = e.what();
    }
    result.caseName = spec.name;
    result.parameters = spec.parameters;
    for (const auto& step : spec.steps)
        if (badRemoval.empty()) badRemoval = stepProblem(step);
    for (const auto& step : spec.steps)
        for (const auto& entry : step.remove)
            if (badRemoval.empty()) badRemoval = removalProblem(caseDir, step, entry);

    const std::string resultsPath = caseDir + "/" + files::SweepLayout::kResults;
    // Where runnerDrag writes: a continuation's controlDict sends it to a file of its own, so the
    // earlier results.json stands until this run's is written over it.
    const std::string solverResults = continuing.empty() ? resultsPath : caseDir + "/" + files::SweepLayout::kContinuedResults;
    if (!continuing.empty()) fs::remove(solverResults);  // one of a continuation cut off before
    // A runner killed with -9 may have left its solver running here: stop it before clearing.
    const std::string groupFile = caseDir + "/" + kRunningFile;
    stopStrays(caseDir);
    nlohmann::json timing = nlohmann::json::object();
    // A killed run with a checkpoint continues from it (its mesh is kept); any other starts from
    // what the case writer made.
    // A continued case (run --continue) goes on from its final time; its results.json is the
    // earlier result, kept until this run has a new one.
    std::string resumeFrom = badRemoval.empty() ? (continuing.empty() ? checkpoint(caseDir) : continuing) : "";
    std::string dropped;  // why a checkpoint could not be continued
    // A finished run's final time is complete in the case but not marked as a checkpoint.
    if (!resumeFrom.empty()) dropped = prepareResume(caseDir, resumeFrom, continuing.empty(), timing);
    if (!dropped.empty()) resumeFrom.clear();
    if (!continuing.empty() && resumeFrom.empty()) {
        result.failure = files::CaseResult::Failure::badCase;
        result.reason = !badRemoval.empty() ? badRemoval : "time " + continuing + " could not be continued: " + dropped;
        return result;  // nothing cleared, nothing written: the earlier result stands
    }
    if (!badRemoval.empty()) {
        // Nothing cleared and nothing written: a checkpoint of a killed run survives a case.json
        // that is put right later, and the manifest carries the reason.
        result.failure = files::CaseResult::Failure::badCase;
        result.reason = badRemoval;
        return result;
    }
    if (resumeFrom.empty()) clearRunArtefacts(caseDir);
    const std::string madeFor = caseJsonHash(caseDir);
    if (!resumeFrom.empty()) {
        // The steps a resumed case skips keep the seconds they took when they ran.
        try {
            const auto earlier = common::JsonFile::read(caseDir + "/" + kTimingFile).at("steps");
            for (const auto& step : spec.steps) {
                if (step.solver) break;
                if (earlier.contains(step.name) && earlier.at(step.name).is_number()) timing[step.name] = earlier.at(step.name);
            }
        } catch (const std::exception&) {
            // No record of them: the timings are those of this part only.
        }
    }

    auto finish = [&](files::CaseResult r) {
        std::map<std::string, double> seconds;
        for (const auto& [step, value] : timing.items())
            if (value.is_number()) seconds[step] = value.get<double>();
        r.timingS = seconds;
        r.provenance = files::Provenance::now();
        // The cells are draftCheckMesh's count of the mesh the solver saw (-1 before it ran).
        const fs::path checkPath = fs::path(caseDir) / files::MeshCheckFile::kFileName;
        std::optional<files::MeshCheckFile> check;
        std::string checkUnreadable;
        try {
            if (fs::exists(checkPath)) check = files::MeshCheckFile::read(checkPath.string());
        } catch (const std::exception& e) {
            checkUnreadable = e.what();  // the result still counts: only its mesh record is missing
        }
        files::CaseResult::Mesh mesh;
        mesh.cells = check ? check->cells : -1L;
        mesh.dimension = spec.dimension;
        mesh.level = spec.level;
        mesh.checkError = checkUnreadable;
        mesh.check = check;
        r.mesh = mesh;
        r.mpiRanks = ranks_;
        // The timings of a resumed case are those of its last part (the solver from the checkpoint).
        r.resumedFromCheckpoint = resumeFrom;
        r.checkpointDropped = dropped;
        if (!continuing.empty()) {
            // A continuation that failed writes nothing: the caller keeps the earlier result.
            if (!r.ok()) return r;
            r.continued = record;
        }
        common::JsonFile::writeAtomic(resultsPath, r.toJson());
        return r;
    };

    auto fail = [&](files::CaseResult::Failure kind, std::string why) {
        result.failure = kind;
        result.reason = std::move(why);
        return finish(result);
    };

    bool skipping = !resumeFrom.empty();  // a resumed case keeps its mesh: straight to the solver
    for (const auto& step : spec.steps) {
        const std::string& stepName = step.name;
        if (skipping && !step.solver) continue;
        skipping = false;
        if (step.isRemoval()) {
            // Housekeeping inside the case, no program. Checked again here: the steps before may
            // have changed the folders on the way.
            for (const auto& entry : step.remove) {
                if (const std::string problem = removalProblem(caseDir, step, entry); !problem.empty())
                    return fail(files::CaseResult::Failure::badCase, problem);
                fs::remove_all(fs::path(caseDir) / entry);
            }
            continue;
        }
        std::vector<std::string> argv = step.argv;
        argv[0] = tools_.application(argv[0]);
        const bool parallel = ranks_ > 1 && step.solver;
        auto env = tools_.foamEnvironment();
        if (parallel) {
            // One subdomain per rank. Debian's OpenFOAM ships scotch and metis only as stubs, so the
            // split is hierarchical along x: cells sorted by x and dealt out in equal numbers.
            // Only numbers go in: nothing from the user.
            meshes::FoamFile::write(caseDir + "/system/decomposeParDict",
                                    meshes::FoamDictionary()
                                        .entry("numberOfSubdomains", ranks_)
                                        .entry("method", "hierarchical")
                                        .entry("coeffs", meshes::FoamDictionary()
                                                             .entry("n", "(" + std::to_string(ranks_) + " 1 1)")
                                                             .entry("order", "xyz"))
                                        .file("decomposeParDict", "system"));
            // Open MPI refuses to start as root (CI, containers) unless told this is deliberate.
            env["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
            env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
            // The mesh is cut into one piece per rank first; a failed cut fails the case, unsolved.
            const auto cut = runTool({"decomposePar", "-force"}, caseDir, "decomposePar", timing, env);
            if (!cut.empty()) return fail(cut.kind, cut.reason);
            std::vector<std::string> mpi = {common::Process::which("mpirun"), "-np", std::to_string(ranks_)};
            if (oversubscribe_) mpi.push_back("--oversubscribe");
            argv.insert(argv.begin(), mpi.begin(), mpi.end());
            argv.push_back("-parallel");
        }
        const std::string log = caseDir + "/log." + stepName;
        fs::remove(log);
        const auto proc = common::Process::run(argv, caseDir, log, env, groupFile);
        timing[stepName] = proc.seconds;
        try {
            common::JsonFile::writeAtomic(caseDir + "/" + kTimingFile, {{"case", madeFor}, {"steps", timing}});
        } catch (const std::exception&) {
            // Only a resumed case's report of its mesh cost needs it.
        }
        if (!proc.started)
            return fail(files::CaseResult::Failure::couldNotStart,
                        stepName + ": could not start " + argv[0] + " (is OpenFOAM installed? run scripts/setup-deps.sh)");
        if (proc.exitCode != 0 && step.meshCheck) {
            // draftCheckMesh names the checks that failed; the mesh is never solved.
            result.failure = files::CaseResult::Failure::meshCheck;
            result.reason = "mesh fails checkMesh";
            const fs::path checkPath = fs::path(caseDir) / files::MeshCheckFile::kFileName;
            if (fs::exists(checkPath)) {
                const auto verdict = files::MeshCheckFile::read(checkPath.string());
                const auto shown = verdict.toJson();  // the numbers as the file has them
                result.reason += ": " + (verdict.failed.empty() ? std::string("?") : verdict.failed) +
                                 " (max non-orthogonality " + shown.at("max_non_orthogonality_deg").dump() +
                                 " deg, max skewness " + shown.at("max_skewness").dump() + "; see log." + stepName + ")";
            }
            return finish(result);
        }
        if (proc.exitCode != 0) {
            // The solver may have stopped itself with a reason (runnerDrag's divergence guard).
            if (step.solver && fs::exists(solverResults)) {
                auto own = files::CaseResult::fromJson(common::JsonFile::read(solverResults));
                if (!own.ok() && !own.reason.empty()) {
                    own.failure = files::CaseResult::Failure::solverStopped;
                    own.caseName = result.caseName;
                    own.parameters = result.parameters;
                    return finish(own);
                }
            }
            return fail(files::CaseResult::Failure::stepExited,
                        stepName + " exited with code " + std::to_string(proc.exitCode) + " (see log." + stepName + ")");
        }
        if (parallel) {
            // The flow-field export reads the whole case: put the final time back together.
            const auto joined = runTool({"reconstructPar", "-latestTime"}, caseDir, "reconstructPar", timing, env);
            if (!joined.empty()) return fail(joined.kind, joined.reason);
            for (const auto& rank : processorFolders(caseDir)) fs::remove_all(rank);
        }
    }

    if (!fs::exists(solverResults))
        return fail(files::CaseResult::Failure::noResults,
                    "the solver wrote no results.json (runnerDrag function object not loaded?)");
    if (!continuing.empty()) {
        // Only a result that says it resumed here is this continuation's.
        const auto written = files::CaseResult::fromJson(common::JsonFile::read(solverResults), solverResults);
        const double start = std::strtod(continuing.c_str(), nullptr);
        if (!written.resumedFrom || !(std::abs(*written.resumedFrom - start) <= 1e-6 * std::max(1.0, std::abs(start))))
            return fail(files::CaseResult::Failure::noResults, "the solver wrote no new results.json");
    }
    // The run is over: its checkpoints before the final time are not needed for a restart. (A
    // continuation keeps them until its result is committed: CaseContinuation.)
    if (continuing.empty()) keepOnlyFinalTime(caseDir);
    files::CaseResult solved = files::CaseResult::fromJson(common::JsonFile::read(solverResults));
    // A resumed solver's seconds are those of every part (runnerDrag counts them), not this one's.
    if (!resumeFrom.empty() && solved.solverWallS && std::isfinite(*solved.solverWallS))
        for (const auto& step : spec.steps)
            if (step.solver) timing[step.name] = *solved.solverWallS;
    solved.caseName = result.caseName;
    solved.parameters = result.parameters;
    // A result the solver itself marked failed (its settled stop found no finite force, ...).
    if (!solved.ok() && solved.failure == files::CaseResult::Failure::none) solved.failure = files::CaseResult::Failure::solverStopped;
    solved.checkPhysical();
    return finish(solved);
}

files::CaseResult CaseRunner::runWithRetries(const std::string& caseDir, int retries,
                                      const std::function<void(const std::string&, int)>& onRetry,
                                      const std::function<bool()>& stopped) const {
    files::CaseResult result;
    for (int attempt = 0; attempt <= retries; ++attempt) {
        bool resultWritten = false;  // run() returned, so results.json is this attempt's own
        try {
            result = run(caseDir);
            resultWritten = true;
        } catch (const std::exception& e) {
            result = files::CaseResult{};
            result.status = "failed";
            result.reason = e.what();
            result.failure = files::CaseResult::Failure::badCase;
        }
        if (result.ok() || !retryable(result.failure) || (stopped && stopped())) break;
        if (attempt < retries) {
            // The failed result is this attempt's own: it goes, so that a solver killed after a
            // checkpoint continues from it rather than from its mesh (checkpoint() ignores a case
            // with a result). An attempt that had itself continued from a checkpoint keeps its
            // failed result, so the next one starts from scratch instead of failing the same way.
            std::string from;
            if (resultWritten && result.resumedFromCheckpoint.empty()) {
                std::error_code ignored;  // not removable: the retry starts from scratch, as before
                fs::remove(fs::path(caseDir) / files::SweepLayout::kResults, ignored);
                try {
                    from = checkpoint(caseDir);
                } catch (const std::exception&) {
                    from.clear();  // run() decides again; this is only for the message
                }
            }
            if (onRetry)
                onRetry(from.empty() ? result.reason : result.reason + "; its checkpoint at time " + from + " is kept for the retry",
                        attempt + 1);
        } else if (retries > 0) {
            result.reason += " (after " + std::to_string(retries + 1) + " attempts)";
        }
    }
    return result;
}

bool CaseRunner::retryable(files::CaseResult::Failure kind) {
    return kind == files::CaseResult::Failure::stepExited || kind == files::CaseResult::Failure::couldNotStart;
}

}  // namespace drafting::cases::run
