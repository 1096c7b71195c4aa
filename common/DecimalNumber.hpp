#pragma once
#include <optional>
#include <string>

namespace drafting::common {

/// The one grammar for numbers in configs, options and schedules: an optional sign, decimal
/// digits with an optional fraction and exponent ("1.3", "-0.5", "2e-3"), surrounding blanks
/// allowed. strtod's extras (hex "0x1p3", "inf", "nan") are refused; so is anything not finite.
class DecimalNumber {
public:
    static std::optional<double> parse(const std::string& text);
};

}  // namespace drafting::common
