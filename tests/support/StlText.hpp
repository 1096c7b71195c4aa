#pragma once
// Reading back what an ASCII STL holds, for the tests of the surfaces the meshers write.
#include <algorithm>
#include <array>
#include <sstream>
#include <string>

namespace drafting::test {

/// The box of the vertices of an ASCII STL: lowest and highest x, y, z (1e300 and -1e300 when it has none).
struct VertexBox {
    std::array<double, 3> lo{1e300, 1e300, 1e300}, hi{-1e300, -1e300, -1e300};
};

inline VertexBox vertexBox(const std::string& stl) {
    VertexBox box;
    std::istringstream in(stl);
    std::string word;
    while (in >> word)
        if (word == "vertex") {
            std::array<double, 3> p{};
            in >> p[0] >> p[1] >> p[2];
            for (int i = 0; i < 3; ++i) {
                box.lo[i] = std::min(box.lo[i], p[i]);
                box.hi[i] = std::max(box.hi[i], p[i]);
            }
        }
    return box;
}

inline double lowestVertex(const std::string& stl) { return vertexBox(stl).lo[2]; }
inline double highestVertex(const std::string& stl) { return vertexBox(stl).hi[2]; }

}  // namespace drafting::test
