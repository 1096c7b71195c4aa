#pragma once
#include <string>

namespace drafting::common {

/// Names that end up in file names, OpenFOAM dictionaries and job scripts: letters, digits,
/// '_', '-', '.', at most 64 characters, starting with a letter or digit, no "..". That rules
/// out path separators, '#' (#include, #codeStream), '$', quotes, ';' and newlines.
class SafeName {
public:
    /// Returns `value` if safe, else throws InputError naming `field` and the value.
    static const std::string& check(const std::string& field, const std::string& value);
    static bool isSafe(const std::string& value);
};

}  // namespace drafting::common
