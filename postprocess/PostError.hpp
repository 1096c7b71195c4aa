#pragma once
#include <string>

#include "common/Error.hpp"

namespace drafting::post {

/// A sweep that cannot be reduced (no manifest, no solo baseline, unreadable results).
class PostError : public common::RunError {
public:
    explicit PostError(const std::string& what) : common::RunError(what) {}
};

}  // namespace drafting::post
