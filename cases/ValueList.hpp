#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace drafting::cases {

/// A sweep axis written as a list ("1.0, 1.3") or an inclusive range ("start:stop:step").
class ValueList {
public:
    /// Parses `text` for config key `field`; throws ConfigError naming the key and the text.
    /// A range includes `stop` when it falls on the grid (to 1e-9 of a step).
    static std::vector<double> parse(const std::string& field, const std::string& text,
                                     std::size_t maxCount = 1000);

    /// Shortest text that round-trips: 1.3 → "1.3", 2 → "2".
    static std::string format(double value);
};

}  // namespace drafting::cases
