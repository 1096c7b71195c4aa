#pragma once
#include <stdexcept>
#include <string>

/// The tools' one error route: every error the project's code raises on purpose is one of these
/// two kinds, and common::runMain turns the kind into the exit status, the same in every tool
/// (anything else, from the standard library or nlohmann, is an unexpected error: exit 2).
namespace drafting::common {

/// Bad input the user can fix (a config key, an option, a file's field): one line naming the
/// file, field and value; exit 1. Commands check their input before they write, so one found
/// up front changes nothing on disk.
class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

/// A run that could not be completed (a tool missing, I/O, a damaged file a run wrote): exit 2.
class RunError : public std::runtime_error {
public:
    explicit RunError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace drafting::common
