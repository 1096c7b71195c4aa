#include "common/SafeName.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"

#include <regex>

namespace drafting::common {

bool SafeName::isSafe(const std::string& value) {
    static const std::regex allowed("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    return std::regex_match(value, allowed) && value.find("..") == std::string::npos;
}

const std::string& SafeName::check(const std::string& field, const std::string& value) {
    if (!isSafe(value)) {
        throw InputError(ErrorSite::of(field, value),
                         "use letters, digits, '_', '-', '.' (at most 64, no '..', no path separators)");
    }
    return value;
}

}  // namespace drafting::common
