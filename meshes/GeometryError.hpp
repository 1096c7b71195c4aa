#pragma once
#include <string>

#include "common/Error.hpp"

namespace drafting::meshes {

/// Geometry that cannot be built (sizes out of range, runners that overlap). The message
/// names the field and the offending value.
class GeometryError : public common::InputError {
public:
    using common::InputError::InputError;
};

}  // namespace drafting::meshes
