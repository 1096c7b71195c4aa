#include "common/Error.hpp"

#include "common/Printable.hpp"

namespace drafting::common {

std::string ErrorSite::place() const {
    std::string out = label;
    // A path is shown whole up to a terminal line's length: cut at 100 bytes, a deep path would
    // lose its file name.
    if (file) out += (out.empty() ? "" : " ") + Printable::quote(*file, Printable::kMaxLineChars);
    if (line > 0 && !out.empty()) out += ", line " + std::to_string(line);
    return out;
}

std::string ErrorSite::describe(const std::string& why) const {
    std::string out = place();
    if (!field.empty()) {
        out += (out.empty() ? "" : ": ") + field;
        if (value) out += " = " + Printable::quote(*value);
    }
    return out + (out.empty() ? "" : ": ") + why;
}

InputError InputError::at(std::string label, std::optional<std::string> file, int line) const {
    ErrorSite site = this->site();
    site.label = std::move(label);
    site.file = std::move(file);
    site.line = line;
    return InputError(std::move(site), why());
}

}  // namespace drafting::common
