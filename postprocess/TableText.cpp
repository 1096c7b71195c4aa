#include "postprocess/TableText.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace drafting::post {

std::string TableText::csvNumber(const std::optional<double>& value, const char* format) {
    if (!value || !std::isfinite(*value)) return "";
    char buf[64];
    std::snprintf(buf, sizeof(buf), format, *value);
    return buf;
}

std::string TableText::csvField(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char ch : text) out += (ch == '"') ? std::string("\"\"") : std::string(1, ch == '\n' ? ' ' : ch);
    return out + "\"";
}

nlohmann::json TableText::jsonNumber(const std::optional<double>& value) {
    return value && std::isfinite(*value) ? nlohmann::json(*value) : nlohmann::json();
}

std::optional<double> TableText::finite(double value) {
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

std::string TableText::plain(double value) {
    std::ostringstream s;
    s << value;
    return s.str();
}

}  // namespace drafting::post
