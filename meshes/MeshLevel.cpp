#include "meshes/MeshLevel.hpp"

#include "meshes/GeometryError.hpp"

#include <cmath>

namespace drafting::meshes {

MeshLevel MeshLevel::from(const std::string& name) {
    if (name == "coarse") return MeshLevel(Name::coarse);
    if (name == "medium") return MeshLevel(Name::medium);
    if (name == "fine") return MeshLevel(Name::fine);
    throw GeometryError("mesh.level = '" + name + "': expected coarse|medium|fine");
}

std::string MeshLevel::text() const {
    switch (name_) {
        case Name::coarse: return "coarse";
        case Name::medium: return "medium";
        case Name::fine: return "fine";
    }
    return "coarse";
}

double MeshLevel::cellScale() const { return std::pow(kRatio, -index()); }

}  // namespace drafting::meshes
