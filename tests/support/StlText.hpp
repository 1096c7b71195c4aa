#pragma once
// Reading back what an ASCII STL holds, for the tests of the surfaces the meshers write.
#include <algorithm>
#include <sstream>
#include <string>
#include <utility>

namespace drafting::test {

/// The lowest and highest z of the vertices of an ASCII STL (1e300 and -1e300 when it has none).
inline std::pair<double, double> vertexHeights(const std::string& stl) {
    double lowest = 1e300, highest = -1e300;
    std::istringstream in(stl);
    std::string word;
    while (in >> word)
        if (word == "vertex") {
            double x, y, z;
            in >> x >> y >> z;
            lowest = std::min(lowest, z);
            highest = std::max(highest, z);
        }
    return {lowest, highest};
}

inline double lowestVertex(const std::string& stl) { return vertexHeights(stl).first; }
inline double highestVertex(const std::string& stl) { return vertexHeights(stl).second; }

}  // namespace drafting::test
