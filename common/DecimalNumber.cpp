#include "common/DecimalNumber.hpp"

#include <cmath>
#include <cstdlib>
#include <regex>

namespace drafting::common {

std::optional<double> DecimalNumber::parse(const std::string& text) {
    static const std::regex form(R"(\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?)\s*)");
    std::smatch m;
    if (text.size() > 64 || !std::regex_match(text, m, form)) return std::nullopt;
    const double value = std::strtod(m[1].str().c_str(), nullptr);
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace drafting::common
