#pragma once
#include <cstddef>
#include <string>

namespace drafting::common {

/// A value from a file or the command line as it may appear in a one-line message: quoted,
/// control and escape characters shown as \n, \t, \xNN, and at most `maxChars` bytes of it, so a
/// hostile value can neither break the line, drive the terminal nor flood the log.
class Printable {
public:
    static constexpr std::size_t kMaxChars = 100;

    /// 'value', escaped and cut: 'aaaa…' (+N bytes).
    static std::string quote(const std::string& value, std::size_t maxChars = kMaxChars);

    /// A message that carries text from a file (a result's reason) as one line on a terminal:
    /// escaped and cut as quote() does, without the quotes.
    static std::string line(const std::string& value, std::size_t maxChars = kMaxLineChars);
    static constexpr std::size_t kMaxLineChars = 400;
};

}  // namespace drafting::common
