#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace drafting::cases::files {

/// The names of what draft-cases and draft-post keep in a sweep folder, in one place, so the
/// writers, the generate transaction and the clean-up agree on what is ours.
struct SweepLayout {
    static constexpr const char* kManifest = "manifest.json";
    /// The sweep's config as a file draft-cases reads back (SweepConfig::toText), beside the manifest.
    static constexpr const char* kConfigEcho = "draft-cases.cfg";
    /// A convergence study's reduction, beside its level folders (ConvergenceStudy).
    static constexpr const char* kConvergence = "convergence.json";

    /// In each case folder: what the writer puts there (CaseWriter, ReferenceCase)...
    static constexpr const char* kCaseFile = "case.json";
    static constexpr const char* kCaseFoam = "case.foam";  // ParaView's handle on the case
    static constexpr const char* kRunner = "runner.json";  // 3D bodies and formation
    static constexpr const char* kAllrun = "Allrun";       // the steps, for a run without draft-cases
    static constexpr const char* kAllclean = "Allclean";   // removes what a run made (CaseScripts)
    /// ...and what a run adds (runnerDrag, draftCheckMesh, CaseRunner).
    static constexpr const char* kResults = "results.json";
    /// While `run --continue` runs a case on (CaseContinuation): runnerDrag's results of the
    /// continued run (results.json keeps the earlier result until the new one is committed), and
    /// the journal that undoes a continuation cut off before it.
    static constexpr const char* kContinuedResults = "results.continued.json";
    static constexpr const char* kContinueJournal = "continue.json";
    static constexpr const char* kMeshCheck = "meshCheck.json";
    static constexpr const char* kTiming = "timing.json";
    static constexpr const char* kRunningPgid = "running.pgid";  // the process group of a run in progress
    static constexpr const char* kLock = ".draft-cases.lock";
    /// A generate in progress: the new cases and manifest are built here, then moved in.
    static constexpr const char* kStaging = ".draft-generate";
    /// Inside the staging folder: written once the staging is complete (the commit point).
    static constexpr const char* kJournal = "journal.json";
    static constexpr const char* kSlurmDir = "slurm";

    /// Files and folders draft-post writes beside the cases (postprocess/PostCli.cpp): they
    /// describe the sweep's cases, so they go when the cases change.
    static const std::vector<std::string>& postOutputs();

    /// What a case folder of ours holds at its top: the writer's files (0, constant, system,
    /// case.json, case.foam, runner.json) and the runner's (logs, times, results). Anything
    /// else in it was put there by someone else, and generate will not delete the folder.
    static bool isCaseEntry(const std::string& name, bool isDirectory);

    /// An MPI rank's folder of a decomposed case: "processor" and the rank's number (processor0).
    static bool isProcessorFolder(const std::string& name);

    /// Whether a file at `relative` (inside a case folder) is one a run makes: logs and results
    /// at the top, solution times, processor folders, postProcessing, the mesh in
    /// constant/polyMesh, MPI's decomposeParDict, temporaries of atomic writes. With the writer's
    /// own list in case.json ("files"), that is everything a case folder of ours may hold.
    static bool isRunOutput(const std::filesystem::path& relative);

    /// Whether the symbolic link at `relative` (inside a case folder), leading to `target`, is
    /// one a run makes: decomposePar of a restart links processorN/<time>/uniform to
    /// ../../<time>/uniform. Any other link in a case folder is not ours.
    static bool isRunLink(const std::filesystem::path& relative, const std::filesystem::path& target);

    /// Whether `caseDir` holds a results.json that says ok (readable, of a finished case). The
    /// manifest's "ok" is trusted only with it.
    static bool hasFinishedResults(const std::string& caseDir);
};

}  // namespace drafting::cases::files
