#pragma once
// Golden-file comparisons: text compared whole, a difference shown as its first differing line.
// DRAFTING_UPDATE_GOLDENS=1 lets a golden test rewrite its goldens from the current code.
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace drafting::test {

inline std::vector<std::string> textLines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

/// Empty when equal; else the first line that differs, with its number and both versions.
inline std::string firstDifference(const std::string& actual, const std::string& expected) {
    if (actual == expected) return "";
    const auto a = textLines(actual), e = textLines(expected);
    std::size_t i = 0;
    while (i < a.size() && i < e.size() && a[i] == e[i]) ++i;
    std::ostringstream why;
    why << "first difference at line " << i + 1 << " (of " << a.size() << " written, " << e.size() << " expected)\n"
        << "  written:  " << (i < a.size() ? a[i] : "<end of file>") << "\n"
        << "  expected: " << (i < e.size() ? e[i] : "<end of file>");
    if (i == a.size() && i == e.size()) why << "\n  (the lines agree: the files differ in a final newline)";
    return why.str();
}

/// True when the goldens are to be rewritten (DRAFTING_UPDATE_GOLDENS=1), on purpose only.
inline bool updatingGoldens() {
    const char* update = std::getenv("DRAFTING_UPDATE_GOLDENS");
    return update && std::string(update) == "1";
}

}  // namespace drafting::test
