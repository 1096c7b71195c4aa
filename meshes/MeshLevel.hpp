#pragma once
#include <string>

namespace drafting::meshes {

/// A mesh resolution: coarse, medium or fine. Each level shrinks every cell by the same ratio
/// √2 (background, surface and region cells alike, since snappyHexMesh's levels are relative to
/// the background cell), so three levels form a Richardson / GCI family with a constant
/// refinement ratio.
class MeshLevel {
public:
    enum class Name { coarse = 0, medium = 1, fine = 2 };

    /// "coarse" | "medium" | "fine"; throws GeometryError naming mesh.level otherwise.
    static MeshLevel from(const std::string& name);

    explicit MeshLevel(Name name) : name_(name) {}

    Name name() const { return name_; }
    std::string text() const;
    /// 0, 1, 2 from coarse to fine.
    int index() const { return static_cast<int>(name_); }
    /// Cell size relative to the coarse level: ratio^-index.
    double cellScale() const;

    static constexpr double kRatio = 1.4142135623730951;  // √2, Roache's GCI wants > 1.3

private:
    Name name_;
};

}  // namespace drafting::meshes
