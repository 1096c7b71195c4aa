#include "common/TimeFolder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <tuple>

namespace drafting::common {

std::optional<double> TimeFolder::timeOf(const std::string& name) {
    // The character check refuses what strtod would also take: blanks, hex, "inf" and "nan".
    if (name.empty() || name.find_first_not_of("0123456789.e-+") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(name.c_str(), &end);
    if (end != name.c_str() + name.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::vector<TimeFolder> TimeFolder::in(const std::filesystem::path& parent) {
    std::vector<TimeFolder> folders;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(parent, ec))
        if (const auto time = timeOf(entry.path().filename().string()); time && entry.is_directory())
            folders.push_back({*time, entry.path()});
    // "1" and "1.0" name the same time: the path decides, so that the order never depends on the disk's.
    std::sort(folders.begin(), folders.end(), [](const TimeFolder& a, const TimeFolder& b) {
        return std::tie(a.time, a.path) < std::tie(b.time, b.path);
    });
    return folders;
}

}  // namespace drafting::common
