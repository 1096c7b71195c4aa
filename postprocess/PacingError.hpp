#pragma once
#include <string>

#include "common/Error.hpp"

namespace drafting::post {

/// A pacing-model input out of range: the message names the field and the value.
class PacingError : public common::InputError {
public:
    using common::InputError::InputError;
};

}  // namespace drafting::post
