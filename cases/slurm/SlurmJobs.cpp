#include "cases/slurm/SlurmJobs.hpp"

#include "common/JsonFile.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"
#include "cases/slurm/SlurmValue.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace drafting::cases::slurm {

namespace {

// Far above any real record (a few hundred case names): a larger file is not ours.
constexpr std::uintmax_t kMaxBytes = 16u << 20;

[[noreturn]] void refuse(const std::string& file, const std::string& what) {
    throw common::InputError(common::Printable::quote(file, 300) + ": " + what);
}

// The JSON value as it may appear in a message: strings quoted and escaped, the rest dumped and cut.
std::string shown(const nlohmann::json& value) {
    return common::Printable::quote(value.is_string() ? value.get<std::string>() : value.dump());
}

// "array_job_id" and "reduce_job_id": a job id as a string of digits, or null when nothing was submitted.
std::string jobId(const nlohmann::json& record, const char* key, const std::string& file) {
    if (!record.contains(key)) refuse(file, std::string(key) + ": missing");
    const auto& id = record[key];
    if (id.is_null()) return "";
    if (!id.is_string())
        refuse(file, std::string(key) + " = " + shown(id) + ": expected a job id as a string of digits, or null");
    return SlurmValue::jobId(common::Printable::quote(file, 300) + ": " + key, id.get<std::string>());
}

}  // namespace

SlurmJobs SlurmJobs::fromJson(const nlohmann::json& record, const std::string& file) {
    if (!record.is_object()) refuse(file, "expected a JSON object, found " + std::string(record.type_name()));
    SlurmJobs jobs;
    jobs.arrayJobId = jobId(record, "array_job_id", file);
    jobs.reduceJobId = jobId(record, "reduce_job_id", file);
    if (jobs.arrayJobId.empty() != jobs.reduceJobId.empty())
        refuse(file, "array_job_id and reduce_job_id: both job ids or both null");
    if (!record.contains("cases")) refuse(file, "cases: missing");
    const auto& cases = record["cases"];
    if (!cases.is_array()) refuse(file, "cases = " + shown(cases) + ": expected a list of case names");
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string field = "cases[" + std::to_string(i) + "]";
        if (!cases[i].is_string()) refuse(file, field + " = " + shown(cases[i]) + ": expected a case name");
        const std::string name = cases[i].get<std::string>();
        if (!common::SafeName::isSafe(name))
            refuse(file, field + " = " + common::Printable::quote(name) + ": not a case name (letters, digits, '_', '-', '.')");
        jobs.cases.push_back(name);
    }
    // The record of what was submitted: read when it is there and of its type (a file an older
    // build wrote has it too); nothing reaches Slurm from it.
    const auto text = [&](const char* key) {
        return record.contains(key) && record[key].is_string() ? record[key].get<std::string>() : std::string();
    };
    const auto count = [&](const char* key, int fallback) {
        return record.contains(key) && record[key].is_number_integer() ? record[key].get<int>() : fallback;
    };
    jobs.arrayScript = text("array_script");
    jobs.reduceScript = text("reduce_script");
    jobs.throttle = count("throttle", 0);
    jobs.ntasks = count("ntasks", 1);
    jobs.dryRun = record.contains("dry_run") && record["dry_run"].is_boolean() && record["dry_run"].get<bool>();
    return jobs;
}

nlohmann::json SlurmJobs::toJson() const {
    const auto id = [](const std::string& v) { return v.empty() ? nlohmann::json() : nlohmann::json(v); };
    return {{"array_job_id", id(arrayJobId)}, {"reduce_job_id", id(reduceJobId)}, {"cases", cases},
            {"array_script", arrayScript},     {"reduce_script", reduceScript},   {"throttle", throttle},
            {"ntasks", ntasks},                {"dry_run", dryRun}};
}

std::optional<SlurmJobs> SlurmJobs::read(const std::string& sweepDir) {
    const std::string file = sweepDir + "/" + kFile;
    if (!fs::exists(fs::symlink_status(file))) return std::nullopt;
    // common::JsonFile: no symlinks, regular files only, size and depth limits, one line naming the file.
    const nlohmann::json record = common::JsonFile::read(file);
    return fromJson(record, file);
}

}  // namespace drafting::cases::slurm
