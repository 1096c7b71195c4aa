#pragma once
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace drafting::post::cli {

/// What draft-post's commands share to read their command line and check where they write:
/// every refusal one line naming the option and the value as given (common::InputError, exit 1).
class CommandLine {
public:
    /// Parses `args` (after the program and command names); an unknown option or one too many
    /// arguments is a common::InputError.
    static boost::program_options::variables_map parse(const std::vector<std::string>& args,
                                                       const boost::program_options::options_description& desc,
                                                       const boost::program_options::positional_options_description& positional);

    /// A number option's value: a finite decimal number, else a PacingError naming `--key` and
    /// the text (hex, inf and nan are refused).
    static double number(const boost::program_options::variables_map& vm, const char* key);

    /// -o OUT, checked before anything is computed or written: empty, a file, a path through a
    /// file or a dangling link, or a folder we may not write in is bad input (one line naming
    /// `option`), never a filesystem_error after the reduction. Returns what names it in messages.
    static std::string checkOutputFolder(const std::string& outDir, const char* option = "-o");

    /// Creates the checked -o folder; a failure (permission denied, a race with a file) is bad input.
    static void createOutputFolder(const std::string& outDir, const std::string& shown);

    /// printf("%.*f"): the fixed decimals of the terminal summaries.
    static std::string fixed(double v, int digits);
};

}  // namespace drafting::post::cli
