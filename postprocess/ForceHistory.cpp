#include "postprocess/ForceHistory.hpp"

#include "postprocess/PostError.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;

namespace drafting::post {

namespace {

// One runnerDrag.dat: x, and per runner three columns (drag, side, lift).
struct DatFile {
    std::string path;
    std::string xName;
    std::vector<std::string> bodies;
    std::vector<double> x;
    std::vector<std::vector<double>> columns;  // 3 per body, each as long as x
};

std::vector<std::string> tokens(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string t; in >> t;) out.push_back(t);
    return out;
}

// strtod, but the whole token must be the number; nan and inf are kept (a diverging solver
// writes them, and the case is then failed, not unreadable).
bool parseNumber(const std::string& token, double& value) {
    char* end = nullptr;
    value = std::strtod(token.c_str(), &end);
    return end != token.c_str() && *end == '\0';
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

DatFile parseDat(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw PostError("cannot read force history " + path);
    DatFile dat;
    dat.path = path;
    std::vector<std::string> header;
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
        const auto where = [&] { return path + ":" + std::to_string(lineNo) + ": "; };
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        if (line[first] == '#') {
            // The last comment line before the data names the columns.
            if (dat.x.empty()) header = tokens(line.substr(first + 1));
            continue;
        }
        if (dat.bodies.empty()) {
            if (header.size() < 4 || (header.size() - 1) % 3 != 0)
                throw PostError(where() + "no column header naming each runner's _drag, _side and _lift before the data");
            dat.xName = header[0];
            for (std::size_t c = 1; c < header.size(); c += 3) {
                const std::string name = header[c].substr(0, header[c].size() - 5);
                if (!endsWith(header[c], "_drag") || header[c + 1] != name + "_side" || header[c + 2] != name + "_lift")
                    throw PostError(where() + "column header '" + header[c] + " " + header[c + 1] + " " +
                                    header[c + 2] + "' is not <runner>_drag <runner>_side <runner>_lift");
                dat.bodies.push_back(name);
            }
            dat.columns.resize(header.size() - 1);
        }
        const auto cells = tokens(line);
        if (cells.size() != header.size())
            throw PostError(where() + std::to_string(cells.size()) + " columns, the header names " +
                            std::to_string(header.size()));
        std::vector<double> row(cells.size());
        for (std::size_t c = 0; c < cells.size(); ++c)
            if (!parseNumber(cells[c], row[c])) throw PostError(where() + "'" + cells[c] + "' is not a number");
        if (!std::isfinite(row[0]) || (!dat.x.empty() && !(row[0] > dat.x.back())))
            throw PostError(where() + dat.xName + " " + cells[0] + " does not follow " +
                            (dat.x.empty() ? std::string("(first line)") : std::to_string(dat.x.back())));
        dat.x.push_back(row[0]);
        for (std::size_t c = 1; c < row.size(); ++c) dat.columns[c - 1].push_back(row[c]);
    }
    return dat;
}

// A time directory name ("0", "273", "0.5"), as OpenFOAM writes it.
bool timeName(const std::string& name, double& t) { return parseNumber(name, t) && std::isfinite(t); }

// The header always says "Iteration" (the function object writes the same header in both
// modes), so a transient case is told by its ddt scheme.
bool transientSchemes(const std::string& caseDir) {
    std::ifstream in(caseDir + "/system/fvSchemes");
    if (!in) return false;
    std::stringstream text;
    text << in.rdbuf();
    static const std::regex ddt(R"(ddtSchemes\s*\{[^}]*?default\s+([A-Za-z]+))");
    std::smatch m;
    const std::string s = text.str();
    return std::regex_search(s, m, ddt) && m[1] != "steadyState";
}

}  // namespace

bool ForceHistory::exists(const std::string& caseDir) {
    return fs::is_directory(fs::path(caseDir) / "postProcessing" / "runnerDrag");
}

ForceHistory ForceHistory::read(const std::string& caseDir) {
    const fs::path root = fs::path(caseDir) / "postProcessing" / "runnerDrag";
    // (start time, 0 for runnerDrag.dat / 1 for runnerDrag_<time>.dat, path)
    std::vector<std::tuple<double, int, std::string>> found;
    std::error_code ec;
    for (const auto& dir : fs::directory_iterator(root, ec)) {
        double start = 0.0;
        if (!dir.is_directory() || !timeName(dir.path().filename().string(), start)) continue;
        for (const auto& f : fs::directory_iterator(dir.path(), ec)) {
            const std::string name = f.path().filename().string();
            double later = 0.0;
            if (name == "runnerDrag.dat")
                found.emplace_back(start, 0, f.path().string());
            else if (name.rfind("runnerDrag_", 0) == 0 && endsWith(name, ".dat") &&
                     timeName(name.substr(11, name.size() - 15), later))
                found.emplace_back(later, 1, f.path().string());
        }
    }
    if (found.empty())
        throw PostError("no force history " + (root / "<startTime>" / "runnerDrag.dat").string() +
                        " (the runnerDrag function object writes it while the case runs)");
    std::sort(found.begin(), found.end());

    ForceHistory h;
    std::vector<std::vector<double>> columns;
    std::string firstPath, xName;
    for (const auto& [start, kind, path] : found) {
        DatFile dat = parseDat(path);
        h.files_.push_back(path);
        if (dat.bodies.empty()) continue;  // header only: the run stopped before its first sample
        if (firstPath.empty()) {
            firstPath = path;
            xName = dat.xName;
            for (const auto& b : dat.bodies) h.bodies_.push_back({b, {}, {}, {}});
            columns.resize(dat.columns.size());
        } else if (dat.bodies.size() != h.bodies_.size() ||
                   !std::equal(dat.bodies.begin(), dat.bodies.end(), h.bodies_.begin(),
                               [](const std::string& a, const Body& b) { return a == b.name; })) {
            throw PostError(path + ": its runners differ from those of " + firstPath);
        }
        // A restart rewrites from its start on: drop what earlier files wrote from there.
        const auto keep = static_cast<std::size_t>(std::lower_bound(h.x_.begin(), h.x_.end(), dat.x.front()) - h.x_.begin());
        h.x_.resize(keep);
        h.x_.insert(h.x_.end(), dat.x.begin(), dat.x.end());
        for (std::size_t c = 0; c < columns.size(); ++c) {
            columns[c].resize(keep);
            columns[c].insert(columns[c].end(), dat.columns[c].begin(), dat.columns[c].end());
        }
    }
    if (h.x_.empty()) throw PostError(h.files_.back() + ": no samples, only the header");
    for (std::size_t b = 0; b < h.bodies_.size(); ++b) {
        h.bodies_[b].drag = std::move(columns[3 * b]);
        h.bodies_[b].side = std::move(columns[3 * b + 1]);
        h.bodies_[b].lift = std::move(columns[3 * b + 2]);
    }
    const bool fractional =
        std::any_of(h.x_.begin(), h.x_.end(), [](double v) { return v != std::floor(v); });
    std::string lower = xName;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    h.isTime_ = lower == "time" || fractional || transientSchemes(caseDir);
    return h;
}

const ForceHistory::Body& ForceHistory::body(const std::string& name) const {
    for (const auto& b : bodies_)
        if (b.name == name) return b;
    throw PostError("force history " + (files_.empty() ? std::string() : files_.front()) + " has no runner '" +
                    name + "'");
}

}  // namespace drafting::post
