#pragma once
#include <stdexcept>
#include <string>

namespace drafting::post {

/// A sweep that cannot be reduced (no manifest, no solo baseline, unreadable results).
class PostError : public std::runtime_error {
public:
    explicit PostError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace drafting::post
