#pragma once
#include <stdexcept>
#include <string>

namespace drafting::post {

/// A pacing-model input out of range: the message names the field and the value.
class PacingError : public std::runtime_error {
public:
    explicit PacingError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace drafting::post
