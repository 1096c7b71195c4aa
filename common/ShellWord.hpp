#pragma once
#include <string>

namespace drafting::common {

/// One word for a POSIX shell, whatever its bytes: written into a generated script or shown as a
/// command to paste back, it is read back as exactly that word.
class ShellWord {
public:
    /// As it is when made only of letters, digits and `-_.,/=:+@%`; otherwise in single quotes, a
    /// single quote inside as '\''.
    static std::string quote(const std::string& word);
};

}  // namespace drafting::common
