#include "common/ValueList.hpp"

#include "common/Error.hpp"
#include "common/DecimalNumber.hpp"
#include "common/Printable.hpp"

#include <boost/algorithm/string.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace drafting::common {

namespace {

[[noreturn]] void fail(const std::string& field, const std::string& text, const std::string& why) {
    throw InputError(ErrorSite::of(field, text), why);
}

// One value of the list: DecimalNumber's grammar (no hex, inf, nan, nor overflow to infinity).
double parseNumber(const std::string& field, const std::string& whole, std::string token) {
    boost::algorithm::trim(token);
    if (token.empty()) fail(field, whole, "empty value");
    const auto value = DecimalNumber::parse(token);
    if (!value) fail(field, whole, Printable::quote(token, 30) + ": not a number (decimal, finite, e.g. 1.3 or 2e-3)");
    return *value;
}

}  // namespace

std::vector<double> ValueList::parse(const std::string& field, const std::string& text,
                                     std::size_t maxCount) {
    std::string trimmed = boost::algorithm::trim_copy(text);
    if (trimmed.empty()) fail(field, text, "empty list");
    std::vector<double> values;

    if (trimmed.find(':') != std::string::npos) {
        std::vector<std::string> parts;
        boost::algorithm::split(parts, trimmed, boost::is_any_of(":"));
        if (parts.size() != 3) fail(field, text, "a range is start:stop:step");
        const double start = parseNumber(field, text, parts[0]);
        const double stop = parseNumber(field, text, parts[1]);
        const double step = parseNumber(field, text, parts[2]);
        if (step == 0.0) fail(field, text, "step must not be 0");
        if ((stop - start) / step < -1e-9) fail(field, text, "step goes away from stop (empty range)");
        const double count = std::floor((stop - start) / step + 1e-9) + 1.0;
        if (count > static_cast<double>(maxCount))
            fail(field, text, "more than " + std::to_string(maxCount) + " values");
        for (long i = 0; i < static_cast<long>(count); ++i) {
            // Round to 1e-9 so 0.8 + 3 × 0.1 prints as 1.1, not 1.0999999999999999.
            values.push_back(std::round((start + static_cast<double>(i) * step) * 1e9) / 1e9);
        }
    } else {
        std::vector<std::string> parts;
        boost::algorithm::split(parts, trimmed, boost::is_any_of(","));
        if (parts.size() > maxCount) fail(field, text, "more than " + std::to_string(maxCount) + " values");
        for (const auto& part : parts) values.push_back(parseNumber(field, text, part));
    }
    return values;
}

std::string ValueList::format(double value) {
    // Fixed notation, never an exponent: the text becomes part of case names, and "1e+01" has a
    // '+' no case name may hold. The fewest decimals that read back as the same value: 17 past
    // the first significant digit, so a small value (1.234567e-12) needs up to 340 and is still
    // exact (a sweep's draft-cases.cfg and manifest must read back to the same settings).
    char buf[800];  // at most 309 integer digits, the point and 340 decimals
    for (int decimals = 0; decimals <= 340; ++decimals) {
        std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
        if (std::strtod(buf, nullptr) == value) break;
    }
    std::string text = buf;
    if (text == "-0") text = "0";
    return text;
}

}  // namespace drafting::common
