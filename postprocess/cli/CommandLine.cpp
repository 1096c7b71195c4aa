#include "postprocess/cli/CommandLine.hpp"

#include "common/Error.hpp"
#include "common/DecimalNumber.hpp"
#include "common/Printable.hpp"
#include "postprocess/PacingError.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include <unistd.h>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace drafting::post::cli {

po::variables_map CommandLine::parse(const std::vector<std::string>& args, const po::options_description& desc,
                        const po::positional_options_description& positional) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    } catch (const po::too_many_positional_options_error&) {
        throw common::InputError("too many arguments (see draft-post --help)");
    } catch (const po::error& e) {
        throw common::InputError(std::string("command line: ") + e.what());
    }
    return vm;
}

// A number option: one line naming the option and the text as given when it is not a finite
// decimal number (hex, inf and nan are refused).
double CommandLine::number(const po::variables_map& vm, const char* key) {
    const std::string text = vm[key].as<std::string>();
    if (const auto v = common::DecimalNumber::parse(text)) return *v;
    throw PacingError(common::ErrorSite::of(std::string("--") + key, text), "not a number");
}

// -o OUT, checked before anything is computed or written: empty, a file, a path through a file
// or a dangling link, or a folder we may not write in is bad input (one line naming -o), never a
// filesystem_error after the reduction. Returns what names it in messages.
std::string CommandLine::checkOutputFolder(const std::string& outDir, const char* option) {
    const std::string shown = option + (" = " + common::Printable::quote(outDir));
    if (outDir.empty()) throw common::InputError(shown + ": empty, not a folder");
    fs::path prefix, existing;
    bool whole = true;
    for (const auto& part : fs::path(outDir)) {
        if (part.empty()) continue;  // a trailing separator
        prefix /= part;
        std::error_code ec;
        const fs::file_status link = fs::symlink_status(prefix, ec);
        if (link.type() == fs::file_type::not_found || ec) {
            whole = false;
            break;  // created below, or create_directories names the reason
        }
        const std::string what = prefix == fs::path(outDir) ? std::string() : common::Printable::quote(prefix.string()) + " ";
        const fs::file_status target = fs::status(prefix, ec);
        if (fs::is_symlink(link) && target.type() == fs::file_type::not_found)
            throw common::InputError(shown + ": " + what + "is a link to nothing");
        if (!fs::is_directory(target)) throw common::InputError(shown + ": " + what + "is not a folder");
        existing = prefix;
    }
    // Where the first file or folder will be made: ours to write in? (root passes regardless.)
    const fs::path writable = whole ? fs::path(outDir) : (existing.empty() ? fs::path(".") : existing);
    if (::access(writable.c_str(), W_OK | X_OK) != 0)
        throw common::InputError(shown + ": cannot write in " + common::Printable::quote(writable.string()) + ": " +
                                 std::generic_category().message(errno));
    return shown;
}

// fs::create_directories for -o: a failure (permission denied, a race with a file) is bad input.
void CommandLine::createOutputFolder(const std::string& outDir, const std::string& shown) {
    try {
        fs::create_directories(outDir);
    } catch (const fs::filesystem_error& e) {
        throw common::InputError(shown + ": cannot create the folder: " + e.code().message());
    }
}

std::string CommandLine::fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", digits, v);
    return buf;
}

}  // namespace drafting::post::cli
