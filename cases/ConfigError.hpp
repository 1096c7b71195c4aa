#pragma once
#include "common/Error.hpp"

namespace drafting::cases {

/// Bad user input (common::InputError: exit 1): the message is one line naming the key and the
/// offending value. The same type as common's, so a reader in common (JsonFile, ValueList,
/// SafeName) and one in cases are caught alike.
using ConfigError = common::InputError;

/// A case or sweep that could not be run (tool missing, I/O failure): common::RunError, exit 2.
using RunError = common::RunError;

}  // namespace drafting::cases
