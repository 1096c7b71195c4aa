#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace drafting::common {

/// A folder named by an OpenFOAM time ("0", "139", "0.025", "1e-05"): a solution time, or one of
/// the postProcessing/<object>/<startTime>/ folders a function object writes under, one per start
/// of the run (a resumed run starts a new one).
struct TimeFolder {
    double time = 0.0;
    std::filesystem::path path;

    /// The time a name stands for: decimal digits, point, exponent and sign only, the whole name
    /// one finite number; nothing for any other name.
    static std::optional<double> timeOf(const std::string& name);

    /// The time folders in `parent`, earliest first (numeric order: 4 before 10); none when
    /// `parent` is not a folder.
    static std::vector<TimeFolder> in(const std::filesystem::path& parent);
};

}  // namespace drafting::common
