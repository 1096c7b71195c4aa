#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::cases::files {

/// The contract of a case's case.json: what the case was written from (CaseWriter for a sweep's
/// case, ReferenceCase for a reference flow) and the steps that run it. Every writer and reader
/// of the file goes through it: the case runner, the Allrun it writes (CaseScripts), generate's
/// check of a folder it may replace (SweepTransaction), continuation, the convergence study and
/// the savings table.
struct CaseFile {
    /// One step: a program run in the case folder and logged to log.<name>, or a list of paths
    /// inside the case to remove (`remove`, no program). Whether a step may run (its name, words
    /// and program) is CaseRunner::stepProblem's to say, not the reader's.
    struct Step {
        std::string name;
        std::vector<std::string> argv;    // empty for a removal
        std::vector<std::string> remove;  // paths relative to the case
        bool solver = false;     // the solver: run with MPI, resumed from a checkpoint
        bool meshCheck = false;  // draftCheckMesh: its failure is the mesh's verdict
        bool isRemoval() const { return argv.empty(); }

        /// A program step, as every writer makes one.
        static Step program(const std::string& name, const std::vector<std::string>& argv, bool solver = false);
        /// The mesh check: draftCheckMesh writing MeshCheckFile::kFileName.
        static Step meshCheckStep();
        /// A removal step.
        static Step removal(const std::string& name, const std::vector<std::string>& paths);

        nlohmann::json toJson() const;
    };

    std::string name;
    /// The sweep case's fingerprint (generate keeps a folder whose fingerprint matches); a
    /// reference case has none.
    std::optional<std::string> fingerprint;
    /// CaseWriter::kTemplateVersion when written; a reference case's 2D meshes have none.
    std::optional<std::string> templateVersion;
    int dimension = 2;
    std::string level;  // mesh.level, or "reference" for a 2D reference's fixed mesh
    /// What the case was written with (speed, gaps, areas, inflow, box, ...): shown, never parsed
    /// back into settings, and copied into results.json.
    nlohmann::json parameters = nlohmann::json::object();
    std::optional<long> cellsPlanned;  // a 2D reference's blockMesh count
    std::vector<Step> steps;
    /// Every file the writer made, relative to the case (SweepTransaction adds it after
    /// generate): a folder holding others is not draft-cases' to delete. Absent in cases written
    /// before the list existed.
    std::optional<std::vector<std::string>> files;

    /// Whether the case is transient (its parameters carry the time window).
    bool transient() const;

    nlohmann::json toJson() const;
    /// Reads what toJson wrote. Throws common::RunError of one line naming `origin`, the field and
    /// the value when a key is missing (name, parameters, steps) or of the wrong type.
    static CaseFile fromJson(const nlohmann::json& j, const std::string& origin);
    /// fromJson of the file at `path`; a file that is not JSON, a link or too large is a common::RunError too.
    static CaseFile read(const std::string& path);
    /// Written atomically (tmp + rename).
    void write(const std::string& path) const;

    /// A CaseFile's own name for a step's fields in messages: "case.json: steps['NAME']".
    static std::string stepField(const std::string& stepName);
};

}  // namespace drafting::cases::files
