#include "cases/ForceAgreement.hpp"

#include "cases/ConfigError.hpp"

#include <cmath>
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
    const std::string rdPath = caseDir + "/postProcessing/runnerDrag/0/runnerDrag.dat";
    const std::string stPath = caseDir + "/postProcessing/" + stockName + "/0/force.dat";
    const auto rd = numbers(lastDataLine(rdPath));
    const auto st = numbers(lastDataLine(stPath));
    if (rd.size() < 4 || (rd.size() - 1) % 3 != 0) throw RunError(rdPath + ": unexpected columns");
    if (st.size() < 4) throw RunError(stPath + ": unexpected columns");

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
