#pragma once
#include <cstddef>
#include <string>

namespace drafting::common {

/// A value as it may appear in a one-line error message of meshes/: quoted, control and escape
/// characters shown as \n, \t, \xNN, at most `maxChars` bytes. common::Printable::quote is this
/// same function: it lives here because meshes/ sits below cases/ and must not include it.
class MessageText {
public:
    static constexpr std::size_t kMaxChars = 100;

    /// 'value', escaped and cut: 'aaaa...' (+N bytes).
    static std::string quote(const std::string& value, std::size_t maxChars = kMaxChars);
};

}  // namespace drafting::common
