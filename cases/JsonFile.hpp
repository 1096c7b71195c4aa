#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::cases {

/// JSON files written atomically (temporary file + rename), so a reader or a resumed run
/// never sees half a file.
class JsonFile {
public:
    /// Throws RunError if the file is missing or not valid JSON.
    static nlohmann::json read(const std::string& path);
    static void writeAtomic(const std::string& path, const nlohmann::json& value);
};

}  // namespace drafting::cases
