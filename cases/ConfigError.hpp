#pragma once
#include <stdexcept>
#include <string>

namespace drafting::cases {

/// Bad user input: the message is one line naming the key and the offending value.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(const std::string& what) : std::runtime_error(what) {}
};

/// A case or sweep that could not be run (tool missing, I/O failure).
class RunError : public std::runtime_error {
public:
    explicit RunError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace drafting::cases
