#pragma once
#include <stdexcept>
#include <string>

namespace drafting::meshes {

/// Geometry that cannot be built (sizes out of range, runners that overlap). The message
/// names the field and the offending value.
class GeometryError : public std::runtime_error {
public:
    explicit GeometryError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace drafting::meshes
