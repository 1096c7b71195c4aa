#include "common/Printable.hpp"

#include "common/MessageText.hpp"

namespace drafting::common {

// One implementation for every folder: meshes/ sits below cases/ and has it.
std::string Printable::quote(const std::string& value, std::size_t maxChars) {
    return common::MessageText::quote(value, maxChars);
}

}  // namespace drafting::common
