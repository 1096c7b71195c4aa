#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace drafting::common {

/// A sweep axis written as a list ("1.0, 1.3") or an inclusive range ("start:stop:step").
class ValueList {
public:
    /// Parses `text` for config key `field`; throws InputError naming the key and the text.
    /// A range includes `stop` when it falls on the grid (to 1e-9 of a step).
    static std::vector<double> parse(const std::string& field, const std::string& text,
                                     std::size_t maxCount = 1000);

    /// Shortest fixed-point text that round-trips, never an exponent: 1.3 → "1.3", 10 → "10",
    /// 1e-7 → "0.0000001" (case names are made of it).
    static std::string format(double value);
};

}  // namespace drafting::common
