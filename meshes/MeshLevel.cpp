#include "meshes/MeshLevel.hpp"

#include "meshes/GeometryError.hpp"

#include <cmath>

namespace drafting::meshes {

const std::vector<std::string>& MeshLevel::names() {
    static const std::vector<std::string> all{"coarse", "medium", "fine", "extra-fine"};
    return all;
}

MeshLevel MeshLevel::from(const std::string& name) {
    const auto& all = names();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (name == all[i]) return MeshLevel(static_cast<Name>(i));
    throw GeometryError(common::ErrorSite::of("mesh.level", name), "expected coarse|medium|fine|extra-fine");
}

std::string MeshLevel::text() const { return names().at(static_cast<std::size_t>(index())); }

double MeshLevel::cellScale() const { return std::pow(kRatio, -index()); }

}  // namespace drafting::meshes
