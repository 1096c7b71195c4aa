#include "common/Printable.hpp"

#include <cstdio>

namespace drafting::common {

namespace {

// `value` escaped until the text shown reaches maxChars bytes, and the part of it that was cut.
std::string escaped(const std::string& value, std::size_t maxChars, std::string& cutNote) {
    std::string shown;
    std::size_t used = 0;
    for (; used < value.size() && shown.size() < maxChars; ++used) {
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
    cutNote = used < value.size() ? "... (+" + std::to_string(value.size() - used) + " bytes)" : "";
    return shown;
}

}  // namespace

std::string Printable::quote(const std::string& value, std::size_t maxChars) {
    std::string cut;
    const std::string shown = escaped(value, maxChars, cut);
    return "'" + shown + "'" + cut;
}

std::string Printable::line(const std::string& value, std::size_t maxChars) {
    std::string cut;
    const std::string shown = escaped(value, maxChars, cut);
    return shown + cut;
}

}  // namespace drafting::common
