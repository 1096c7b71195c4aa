#include "common/Printable.hpp"

#include <cstdio>

namespace drafting::common {

std::string Printable::quote(const std::string& value, std::size_t maxChars) {
    std::string shown = "'";
    std::size_t used = 0;
    for (; used < value.size() && shown.size() < maxChars + 1; ++used) {
        const auto c = static_cast<unsigned char>(value[used]);
        if (c == '\n') shown += "\\n";
        else if (c == '\r') shown += "\\r";
        else if (c == '\t') shown += "\\t";
        else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\x%02x", c);
            shown += buf;
        } else {
            shown += static_cast<char>(c);
        }
    }
    shown += "'";
    if (used < value.size()) shown += "... (+" + std::to_string(value.size() - used) + " bytes)";
    return shown;
}

}  // namespace drafting::common
