#include "cases/files/ForceHistoryFile.hpp"

#include "common/Error.hpp"
#include "common/TimeFolder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;

namespace drafting::cases::files {

namespace {

// One runnerDrag.dat: its x column's name, its runners and their samples.
struct SingleFile {
    std::string xName;
    std::vector<double> x;
    std::vector<ForceHistoryFile::Body> bodies;
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

// The runners a column header "x  <runner>_drag <runner>_side <runner>_lift ..." names.
std::vector<ForceHistoryFile::Body> runnersOf(const std::vector<std::string>& header, const std::string& where) {
    if (header.size() < 4 || (header.size() - 1) % 3 != 0)
        throw common::RunError(where + "no column header naming each runner's _drag, _side and _lift before the data");
    std::vector<ForceHistoryFile::Body> bodies;
    for (std::size_t c = 1; c < header.size(); c += 3) {
        const std::string name = header[c].substr(0, header[c].size() - 5);
        if (!endsWith(header[c], "_drag") || header[c + 1] != name + "_side" || header[c + 2] != name + "_lift")
            throw common::RunError(where + "column header '" + header[c] + " " + header[c + 1] + " " + header[c + 2] +
                           "' is not <runner>_drag <runner>_side <runner>_lift");
        bodies.push_back({name, {}, {}, {}});
    }
    return bodies;
}

// `superseded`: a later file continues the run (a restart), so a line this one was cut short in
// is dropped rather than refused: the restart writes that sample again from its checkpoint on.
SingleFile parseFile(const std::string& path, bool superseded) {
    std::ifstream in(path);
    if (!in) throw common::RunError("cannot read force history " + path);
    SingleFile file;
    std::vector<std::string> header;
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
        const auto where = [&] { return path + ":" + std::to_string(lineNo) + ": "; };
        // Blank as the tokens' >> sees it, so that a line that is not blank has a first token.
        const auto first = line.find_first_not_of(" \t\n\v\f\r");
        if (first == std::string::npos) continue;
        if (line[first] == '#') {
            // The last comment line before the data names the columns.
            if (file.x.empty()) header = tokens(line.substr(first + 1));
            continue;
        }
        const auto cells = tokens(line);
        // runnerDrag ends every line it writes: a last line without its end was cut short while
        // being written, and its last number may be cut short too (2.0e+01 read as 2.0).
        if (in.eof() && superseded) break;
        if (in.eof())
            throw common::RunError(where() + "'" + cells.back() +
                           "' ends the file without an end of line: the run stopped while writing this line");
        if (file.x.empty()) {
            file.bodies = runnersOf(header, where());
            file.xName = header[0];
        }
        if (cells.size() != header.size())
            throw common::RunError(where() + std::to_string(cells.size()) + " columns ending '" + cells.back() +
                           "', the header names " + std::to_string(header.size()));
        std::vector<double> row(cells.size());
        for (std::size_t c = 0; c < cells.size(); ++c)
            if (!parseNumber(cells[c], row[c])) throw common::RunError(where() + "'" + cells[c] + "' is not a number");
        if (!std::isfinite(row[0]) || (!file.x.empty() && !(row[0] > file.x.back())))
            throw common::RunError(where() + file.xName + " " + cells[0] + " does not follow " +
                           (file.x.empty() ? std::string("(first line)") : std::to_string(file.x.back())));
        file.x.push_back(row[0]);
        for (std::size_t b = 0; b < file.bodies.size(); ++b) {
            file.bodies[b].drag.push_back(row[1 + 3 * b]);
            file.bodies[b].side.push_back(row[2 + 3 * b]);
            file.bodies[b].lift.push_back(row[3 + 3 * b]);
        }
    }
    return file;
}

bool sameRunners(const std::vector<ForceHistoryFile::Body>& a, const std::vector<ForceHistoryFile::Body>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const ForceHistoryFile::Body& x, const ForceHistoryFile::Body& y) { return x.name == y.name; });
}

// `joined` keeps its first `keep` values, then `later` follows.
void join(std::vector<double>& joined, std::size_t keep, const std::vector<double>& later) {
    joined.resize(keep);
    joined.insert(joined.end(), later.begin(), later.end());
}

}  // namespace

bool ForceHistoryFile::exists(const std::string& caseDir) {
    return fs::is_directory(fs::path(caseDir) / "postProcessing" / "runnerDrag");
}

ForceHistoryFile ForceHistoryFile::read(const std::string& caseDir) {
    const fs::path root = fs::path(caseDir) / "postProcessing" / "runnerDrag";
    // (start time, 0 for runnerDrag.dat / 1 for runnerDrag_<time>.dat, path)
    std::vector<std::tuple<double, int, std::string>> found;
    for (const auto& folder : common::TimeFolder::in(root)) {
        std::error_code ec;
        for (const auto& f : fs::directory_iterator(folder.path, ec)) {
            const std::string name = f.path().filename().string();
            if (name == "runnerDrag.dat") {
                found.emplace_back(folder.time, 0, f.path().string());
            } else if (name.rfind("runnerDrag_", 0) == 0 && endsWith(name, ".dat")) {
                if (const auto later = common::TimeFolder::timeOf(name.substr(11, name.size() - 15)))
                    found.emplace_back(*later, 1, f.path().string());
            }
        }
    }
    if (found.empty())
        throw common::RunError("no force history " + (root / "<startTime>" / "runnerDrag.dat").string() +
                       " (the runnerDrag function object writes it while the case runs)");
    std::sort(found.begin(), found.end());

    ForceHistoryFile history;
    std::string firstWithSamples;
    for (std::size_t i = 0; i < found.size(); ++i) {
        const std::string& path = std::get<2>(found[i]);
        const SingleFile file = parseFile(path, i + 1 < found.size());
        history.files_.push_back(path);
        if (file.x.empty()) continue;  // header only: the run stopped before its first sample
        // The latest file names x: a run restarted by a newer runnerDrag says "Time" where its first
        // part said "Iteration".
        history.xName_ = file.xName;
        if (firstWithSamples.empty()) {
            firstWithSamples = path;
            for (const auto& b : file.bodies) history.bodies_.push_back({b.name, {}, {}, {}});
        } else if (!sameRunners(file.bodies, history.bodies_)) {
            throw common::RunError(path + ": its runners differ from those of " + firstWithSamples);
        }
        // A restart rewrites from its start on: drop what earlier files wrote from there.
        const auto keep = static_cast<std::size_t>(
            std::lower_bound(history.x_.begin(), history.x_.end(), file.x.front()) - history.x_.begin());
        join(history.x_, keep, file.x);
        for (std::size_t b = 0; b < file.bodies.size(); ++b) {
            join(history.bodies_[b].drag, keep, file.bodies[b].drag);
            join(history.bodies_[b].side, keep, file.bodies[b].side);
            join(history.bodies_[b].lift, keep, file.bodies[b].lift);
        }
    }
    if (history.x_.empty()) throw common::RunError(history.files_.back() + ": no samples, only the header");
    return history;
}

}  // namespace drafting::cases::files
