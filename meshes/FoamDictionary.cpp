#include "meshes/FoamDictionary.hpp"

#include "common/Error.hpp"
#include "meshes/FoamFile.hpp"

#include <algorithm>

namespace drafting::meshes {

namespace {

// OpenFOAM's files put a value at column 16: keys are padded to 15 characters and a space.
constexpr std::size_t kValueColumn = 16;

std::string indent(int depth) { return std::string(4 * static_cast<std::size_t>(depth), ' '); }

}  // namespace

void FoamDictionary::check(const std::string& key, const std::string& text, bool allowEmpty) {
    const auto refuse = [&](const std::string& why) {
        throw FoamFileError(common::ErrorSite::of("dictionary entry " + key, text), why);
    };
    if (text.empty() && !allowEmpty) refuse("empty");
    for (const char c : text)
        if (c == ';' || c == '{' || c == '}' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            refuse("a ';', '{', '}' or control character would end the entry early");
    if (std::count(text.begin(), text.end(), '"') % 2 != 0) refuse("an unpaired '\"'");
}

FoamDictionary& FoamDictionary::entry(const std::string& key, const std::string& value) {
    check(key, key, false);
    check(key, value, false);
    entries_.push_back({key, value, nullptr, false});
    return *this;
}

FoamDictionary& FoamDictionary::entry(const std::string& key, double value) {
    return entry(key, FoamFile::number(value));
}

FoamDictionary& FoamDictionary::entry(const std::string& key, int value) { return entry(key, std::to_string(value)); }

FoamDictionary& FoamDictionary::entry(const std::string& key, long value) { return entry(key, std::to_string(value)); }

FoamDictionary& FoamDictionary::entry(const std::string& key, const FoamDictionary& sub) {
    check(key, key, false);
    entries_.push_back({key, "", std::make_shared<const FoamDictionary>(sub), false});
    return *this;
}

FoamDictionary& FoamDictionary::macro(const std::string& name) {
    check("$" + name, name, false);
    entries_.push_back({"$" + name, "", nullptr, true});
    return *this;
}

FoamDictionary FoamDictionary::condition(const std::string& type,
                                         const std::vector<std::pair<std::string, std::string>>& values) {
    FoamDictionary d;
    d.entry("type", type);
    for (const auto& [key, value] : values) d.entry(key, value);
    return d;
}

std::string FoamDictionary::list(const std::vector<std::string>& words) {
    std::string out = "(";
    for (const auto& w : words) out += ' ' + w;
    return out + " )";
}

std::string FoamDictionary::text(int depth) const {
    std::string out;
    const std::string pad = indent(depth);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        if (e.sub) {
            // At the top level a sub-dictionary stands apart, as in OpenFOAM's tutorials.
            if (depth == 0 && i > 0 && !entries_[i - 1].sub) out += '\n';
            out += pad + e.key + '\n' + pad + "{\n" + e.sub->text(depth + 1) + pad + "}\n";
            if (depth == 0 && i + 1 < entries_.size()) out += '\n';
        } else if (e.isMacro) {
            out += pad + e.key + ";\n";
        } else {
            const std::size_t gap = e.key.size() + 1 < kValueColumn ? kValueColumn - e.key.size() : 1;
            out += pad + e.key + std::string(gap, ' ') + e.value + ";\n";
        }
    }
    return out;
}

std::string FoamDictionary::file(const std::string& object, const std::string& location, const std::string& cls) const {
    return FoamFile::header(object, cls, location) + text();
}

}  // namespace drafting::meshes
