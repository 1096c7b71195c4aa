#include "postprocess/TableText.hpp"

#include "common/Printable.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace drafting::post {

std::string TableText::csvNumber(const std::optional<double>& value, const char* format) {
    if (!value || !std::isfinite(*value)) return "";
    char buf[64];
    std::snprintf(buf, sizeof(buf), format, *value);
    return buf;
}

std::string TableText::csvField(const std::string& text) {
    // OWASP CSV injection: a spreadsheet runs a cell starting with one of these as a formula.
    const bool formula = !text.empty() && std::string("=+-@\t\r").find(text.front()) != std::string::npos;
    std::string cell = formula ? "'" : "";
    // Control characters (ESC, NUL, ...) would drive a terminal that shows the file: written as \xNN,
    // as common::Printable::quote shows them. Tab, CR and newline are RFC 4180 text, handled below.
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\x%02x", c);
            cell += buf;
        } else {
            cell += ch;
        }
    }
    if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string out = "\"";
    for (char ch : cell) out += (ch == '"') ? std::string("\"\"") : std::string(1, ch == '\n' ? ' ' : ch);
    return out + "\"";
}

std::string TableText::terminal(const std::string& text) {
    // common::Printable::quote, never cut, without its quotes: one escaping rule for every message.
    const std::string quoted = common::Printable::quote(text, 4 * text.size() + 2);
    return quoted.substr(1, quoted.size() - 2);
}

nlohmann::json TableText::jsonNumber(const std::optional<double>& value) {
    return value && std::isfinite(*value) ? nlohmann::json(*value) : nlohmann::json();
}

std::optional<double> TableText::finite(double value) {
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

std::string TableText::plain(double value) {
    // Six digits when they suffice, else as many as it takes to read back the same number:
    // 1.0000001 is never shown as 1, which would hide why it is out of [0, 1].
    char buf[40];
    for (int digits = 6; digits <= 17; ++digits) {
        std::snprintf(buf, sizeof(buf), "%.*g", digits, value);
        if (!std::isfinite(value) || std::strtod(buf, nullptr) == value) break;
    }
    return buf;
}

}  // namespace drafting::post
