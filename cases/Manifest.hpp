#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drafting::cases {

/// manifest.json of a sweep directory: the config it came from and every case with its
/// parameters and status ("pending" | "ok" | "failed").
struct Manifest {
    struct Entry {
        std::string name;
        nlohmann::json parameters;
        std::string status = "pending";
        std::string reason;
    };

    std::string sweepName;
    nlohmann::json config;
    std::vector<Entry> cases;

    static constexpr const char* kFileName = "manifest.json";

    static Manifest read(const std::string& sweepDir);
    void write(const std::string& sweepDir) const;
    nlohmann::json toJson() const;
};

}  // namespace drafting::cases
