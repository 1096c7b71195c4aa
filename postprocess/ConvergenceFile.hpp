#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::post {

/// A convergence study's convergence.json (draft-cases convergence, cases::ConvergenceStudy) as
/// draft-post reads it for the GCI of the savings: a study directory's own, or a committed copy
/// given with --discretisation (docs/studies/).
class ConvergenceFile {
public:
    /// What makes `study` unusable, as "field = 'value': why" (one line), or nothing. Only the
    /// current format carries the savings' GCIs: an older study must be reduced again.
    static std::optional<std::string> problem(const nlohmann::json& study);

    /// Reads FILE for `option` (--discretisation). Throws ConfigError, one line naming the file,
    /// the field and the value, when it is missing or not a convergence.json.
    static nlohmann::json read(const std::string& path, const std::string& option);
};

}  // namespace drafting::post
