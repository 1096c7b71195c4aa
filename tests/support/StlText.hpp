#pragma once
// Reading back what an ASCII STL holds, for the tests of the surfaces the meshers write.
#include <algorithm>
#include <sstream>
#include <string>

namespace drafting::test {

/// The lowest z of the vertices of an ASCII STL (1e300 when it has none).
inline double lowestVertex(const std::string& stl) {
    double lowest = 1e300;
    std::istringstream in(stl);
    std::string word;
    while (in >> word)
        if (word == "vertex") {
            double x, y, z;
            in >> x >> y >> z;
            lowest = std::min(lowest, z);
        }
    return lowest;
}

}  // namespace drafting::test
