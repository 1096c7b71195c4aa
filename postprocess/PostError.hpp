#pragma once
#include <string>

#include "common/Error.hpp"

namespace drafting::post {

/// A sweep that cannot be reduced (no manifest, no solo baseline, unreadable results).
class PostError : public common::RunError {
public:
    using common::RunError::RunError;
};

}  // namespace drafting::post
