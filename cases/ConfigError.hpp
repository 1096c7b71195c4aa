#pragma once
#include <string>

#include "common/Error.hpp"

namespace drafting::cases {

/// Bad user input: the message is one line naming the key and the offending value.
class ConfigError : public common::InputError {
public:
    explicit ConfigError(const std::string& what) : common::InputError(what) {}
};

/// A case or sweep that could not be run (tool missing, I/O failure).
class RunError : public common::RunError {
public:
    explicit RunError(const std::string& what) : common::RunError(what) {}
};

}  // namespace drafting::cases
