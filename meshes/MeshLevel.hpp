#pragma once
#include <string>
#include <vector>

namespace drafting::meshes {

/// A mesh resolution: coarse, medium, fine or extra-fine. Each level shrinks every cell by the
/// same nominal ratio √2 (background, surface and region cells alike, since snappyHexMesh's
/// levels are relative to the background cell). The ratio the meshes actually reach is less
/// (snapping and layers do not scale; 3D cell counts give 1.32–1.34), so the grid-convergence
/// study takes r from each case's cell counts (cases::study::GridConvergence), never from kRatio.
class MeshLevel {
public:
    enum class Name { coarse = 0, medium = 1, fine = 2, extraFine = 3 };

    /// "coarse" | "medium" | "fine" | "extra-fine"; throws GeometryError naming mesh.level otherwise.
    static MeshLevel from(const std::string& name);
    /// Every level's name, coarsest first: the order of index().
    static const std::vector<std::string>& names();

    explicit MeshLevel(Name name) : name_(name) {}

    Name name() const { return name_; }
    std::string text() const;
    /// 0, 1, 2, 3 from coarse to extra-fine.
    int index() const { return static_cast<int>(name_); }
    /// Cell size relative to the coarse level: ratio^-index.
    double cellScale() const;

    static constexpr double kRatio = 1.4142135623730951;  // √2 nominal; Roache's GCI wants > 1.3

private:
    Name name_;
};

}  // namespace drafting::meshes
