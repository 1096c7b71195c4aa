#include "cases/Printable.hpp"

#include "meshes/MessageText.hpp"

namespace drafting::cases {

// One implementation for every folder: meshes/ sits below cases/ and has it.
std::string Printable::quote(const std::string& value, std::size_t maxChars) {
    return meshes::MessageText::quote(value, maxChars);
}

}  // namespace drafting::cases
