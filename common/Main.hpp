#pragma once
#include <exception>
#include <ostream>
#include <string>

#include "common/Error.hpp"

namespace drafting::common {

/// Runs a tool's body and maps what it throws to the exit status every tool shares: bad input
/// (InputError) 1, a failed run (RunError) 2, anything else 2 as an unexpected error. Each is
/// one line on `err`, prefixed with the tool's name.
template <typename Body>
int runMain(const std::string& tool, std::ostream& err, Body&& body) {
    try {
        return body();
    } catch (const InputError& e) {
        err << tool << ": error: " << e.what() << '\n';
        return 1;
    } catch (const RunError& e) {
        err << tool << ": run failed: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        err << tool << ": unexpected error: " << e.what() << '\n';
        return 2;
    }
}

}  // namespace drafting::common
