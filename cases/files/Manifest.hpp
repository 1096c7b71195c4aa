#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/files/Provenance.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/files/SweepLayout.hpp"

namespace drafting::cases::files {

/// manifest.json of a sweep directory: the config it came from and every case with its
/// parameters and status ("pending" | "ok" | "failed"); for a level folder of a convergence
/// study, the level it is (docs/results.md "manifest.json").
struct Manifest {
    struct Entry {
        std::string name;
        nlohmann::json parameters;
        std::string status = "pending";
        std::string reason;
    };

    std::string sweepName;
    /// The settings the cases were generated with (SweepConfig::fromJson reads them back).
    config::SweepConfig config;
    std::vector<Entry> cases;
    /// "study": {"level": NAME}: this sweep is level NAME of the convergence study in the parent
    /// folder (draft-cases convergence writes it); "" for a sweep of its own.
    std::string studyLevel;
    /// 1: written before the study mark existed (absent in the file); 2: carries it when it
    /// applies, so its absence means "not a study level".
    int schema = kSchema;
    /// The generate that wrote these cases (absent in manifests older than the field). Not part
    /// of what makes two sweeps the same.
    std::optional<Provenance> provenance;

    static constexpr int kSchema = 2;

    static constexpr const char* kFileName = SweepLayout::kManifest;

    static Manifest read(const std::string& sweepDir);
    void write(const std::string& sweepDir) const;
    nlohmann::json toJson() const;
};

}  // namespace drafting::cases::files
