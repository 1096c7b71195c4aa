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
    entries_.push_back({Kind::value, key, value, nullptr, {}, {}});
    return *this;
}

FoamDictionary& FoamDictionary::entry(const std::string& key, double value) {
    return entry(key, FoamFile::number(value));
}

FoamDictionary& FoamDictionary::entry(const std::string& key, int value) { return entry(key, std::to_string(value)); }

FoamDictionary& FoamDictionary::entry(const std::string& key, long value) { return entry(key, std::to_string(value)); }

FoamDictionary& FoamDictionary::entry(const std::string& key, const FoamDictionary& sub) {
    check(key, key, false);
    entries_.push_back({Kind::dictionary, key, "", std::make_shared<const FoamDictionary>(sub), {}, {}});
    return *this;
}

FoamDictionary& FoamDictionary::macro(const std::string& name) {
    check("$" + name, name, false);
    entries_.push_back({Kind::macro, "$" + name, "", nullptr, {}, {}});
    return *this;
}

FoamDictionary& FoamDictionary::entry(const std::string& key,
                                      const std::vector<std::pair<std::string, FoamDictionary>>& dictionaries) {
    check(key, key, false);
    for (const auto& named : dictionaries) check(key, named.first, false);
    entries_.push_back({Kind::dictionaries, key, "", nullptr, dictionaries, {}});
    return *this;
}

FoamDictionary& FoamDictionary::listEntry(const std::string& key, const std::vector<std::string>& items) {
    check(key, key, false);
    for (const auto& item : items) check(key, item, false);
    entries_.push_back({Kind::items, key, "", nullptr, {}, items});
    return *this;
}

FoamDictionary& FoamDictionary::comment(const std::string& text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            throw FoamFileError(common::ErrorSite::of("dictionary comment", text), "a control character would end the comment early");
    entries_.push_back({Kind::comment, "", text, nullptr, {}, {}});
    return *this;
}

FoamDictionary& FoamDictionary::merge(const FoamDictionary& other) {
    entries_.insert(entries_.end(), other.entries_.begin(), other.entries_.end());
    return *this;
}

std::string FoamDictionary::vector(double x, double y, double z) {
    return "(" + FoamFile::number(x) + ' ' + FoamFile::number(y) + ' ' + FoamFile::number(z) + ")";
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
    const std::string pad = indent(depth), inner = indent(depth + 1);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const Entry& e = entries_[i];
        // At the top level a sub-dictionary or a list stands apart, as in OpenFOAM's tutorials
        // (a comment stays with what follows it).
        if (e.isBlock() && depth == 0 && i > 0 && !entries_[i - 1].isBlock() && entries_[i - 1].kind != Kind::comment)
            out += '\n';
        switch (e.kind) {
        case Kind::value: {
            const std::size_t gap = e.key.size() + 1 < kValueColumn ? kValueColumn - e.key.size() : 1;
            out += pad + e.key + std::string(gap, ' ') + e.value + ";\n";
            break;
        }
        case Kind::dictionary:
            out += pad + e.key + '\n' + pad + "{\n" + e.sub->text(depth + 1) + pad + "}\n";
            break;
        case Kind::macro:
            out += pad + e.key + ";\n";
            break;
        case Kind::comment:
            out += pad + "// " + e.value + '\n';
            break;
        case Kind::dictionaries:
            out += pad + e.key + '\n' + pad + "(\n";
            for (const auto& [name, dict] : e.list) out += inner + name + '\n' + inner + "{\n" + dict.text(depth + 2) + inner + "}\n";
            out += pad + ");\n";
            break;
        case Kind::items:
            out += pad + e.key + '\n' + pad + "(\n";
            for (const auto& item : e.items) out += inner + item + '\n';
            out += pad + ");\n";
            break;
        }
        if (e.isBlock() && depth == 0 && i + 1 < entries_.size()) out += '\n';
    }
    return out;
}

std::string FoamDictionary::file(const std::string& object, const std::string& location, const std::string& cls) const {
    return FoamFile::header(object, cls, location) + text();
}

}  // namespace drafting::meshes
