#include "cases/ForceAgreement.hpp"

#include "cases/ConfigError.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace drafting::cases {

namespace {

std::string lastDataLine(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw RunError("cannot read " + path);
    std::string line, last;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != '#') last = line;
    }
    if (last.empty()) throw RunError(path + ": no data");
    return last;
}

// The newest of ROOT/<start time>/NAME: a restarted run writes its samples under its own start
// time, so the final sample is in the folder of the latest start.
std::string latestOf(const std::string& root, const std::string& name) {
    std::string best;
    double bestStart = -1.0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
        const std::string start = entry.path().filename().string();
        if (!entry.is_directory() || start.empty() || start.find_first_not_of("0123456789.e-+") != std::string::npos)
            continue;
        char* end = nullptr;
        const double value = std::strtod(start.c_str(), &end);
        if (end != start.c_str() + start.size() || !std::filesystem::is_regular_file(entry.path() / name)) continue;
        if (value > bestStart) {
            bestStart = value;
            best = (entry.path() / name).string();
        }
    }
    if (best.empty()) throw RunError("no " + root + "/<start time>/" + name);
    return best;
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
    const std::string rdPath = latestOf(caseDir + "/postProcessing/runnerDrag", "runnerDrag.dat");
    const std::string stPath = latestOf(caseDir + "/postProcessing/" + stockName, "force.dat");
    const auto rd = numbers(lastDataLine(rdPath));
    const auto st = numbers(lastDataLine(stPath));
    if (rd.size() < 4 || (rd.size() - 1) % 3 != 0) throw RunError(rdPath + ": unexpected columns");
    if (st.size() < 4) throw RunError(stPath + ": unexpected columns");
    // Both the same sample, or the comparison means nothing.
    if (std::fabs(rd[0] - st[0]) > 1e-9 * std::max(1.0, std::fabs(rd[0])))
        throw RunError(rdPath + " ends at " + std::to_string(rd[0]) + ", " + stPath + " at " + std::to_string(st[0]));

    // runnerDrag writes (drag, side, lift) along d, s = l × d, l.
    const std::array<double, 3> s = {l[1] * d[2] - l[2] * d[1], l[2] * d[0] - l[0] * d[2], l[0] * d[1] - l[1] * d[0]};
    Comparison c;
    for (std::size_t b = 1; b + 2 < rd.size(); b += 3) {
        for (int k = 0; k < 3; ++k) c.runnerDrag[k] += rd[b] * d[k] + rd[b + 1] * s[k] + rd[b + 2] * l[k];
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

}  // namespace drafting::cases
