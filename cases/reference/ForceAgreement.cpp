#include "cases/reference/ForceAgreement.hpp"

#include "common/Error.hpp"
#include "cases/files/ForceHistoryFile.hpp"
#include "common/TimeFolder.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace drafting::cases::reference {

namespace {

std::string lastDataLine(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw common::RunError("cannot read " + path);
    std::string line, last;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != '#') last = line;
    }
    if (last.empty()) throw common::RunError(path + ": no data");
    return last;
}

// The newest of ROOT/<start time>/NAME: a restarted run writes its samples under its own start
// time, so the final sample is in the folder of the latest start.
std::string latestOf(const std::string& root, const std::string& name) {
    const auto folders = common::TimeFolder::in(root);
    for (auto folder = folders.rbegin(); folder != folders.rend(); ++folder)
        if (std::filesystem::is_regular_file(folder->path / name)) return (folder->path / name).string();
    throw common::RunError("no " + root + "/<start time>/" + name);
}

std::vector<double> numbers(std::string line) {
    for (char& c : line)
        if (c == '(' || c == ')') c = ' ';
    std::istringstream in(line);
    std::vector<double> v;
    double x;
    while (in >> x) v.push_back(x);
    return v;
}

}  // namespace

ForceAgreement::Comparison ForceAgreement::compare(const std::string& caseDir, const std::string& stockName,
                                                   const std::array<double, 3>& d, const std::array<double, 3>& l) {
    const auto history = files::ForceHistoryFile::read(caseDir);
    const std::string& rdPath = history.files().back();
    const std::string stPath = latestOf(caseDir + "/postProcessing/" + stockName, "force.dat");
    const auto st = numbers(lastDataLine(stPath));
    if (st.size() < 4) throw common::RunError(stPath + ": unexpected columns");
    // Both the same sample, or the comparison means nothing.
    const double end = history.x().back();
    if (std::fabs(end - st[0]) > 1e-9 * std::max(1.0, std::fabs(end)))
        throw common::RunError(rdPath + " ends at " + std::to_string(end) + ", " + stPath + " at " + std::to_string(st[0]));

    // runnerDrag writes (drag, side, lift) along d, s = l × d, l.
    const std::array<double, 3> s = {l[1] * d[2] - l[2] * d[1], l[2] * d[0] - l[0] * d[2], l[0] * d[1] - l[1] * d[0]};
    Comparison c;
    for (const auto& body : history.bodies()) {
        const double drag = body.drag.back(), side = body.side.back(), lift = body.lift.back();
        // A diverged run's nan would give a relative difference of nan, which results.json holds as null.
        if (!std::isfinite(drag) || !std::isfinite(side) || !std::isfinite(lift))
            throw common::RunError(rdPath + ": the force on " + body.name + " at " + std::to_string(end) + " is not finite");
        for (int k = 0; k < 3; ++k) c.runnerDrag[k] += drag * d[k] + side * s[k] + lift * l[k];
    }
    c.stock = {st[1], st[2], st[3]};
    double diff = 0.0, norm = 0.0;
    for (int k = 0; k < 3; ++k) {
        diff += (c.runnerDrag[k] - c.stock[k]) * (c.runnerDrag[k] - c.stock[k]);
        norm += c.stock[k] * c.stock[k];
    }
    c.relativeDifference = norm > 0.0 ? std::sqrt(diff / norm) : std::sqrt(diff);
    return c;
}

}  // namespace drafting::cases::reference
