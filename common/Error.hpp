#pragma once
#include <optional>
#include <stdexcept>
#include <string>

/// The tools' one error route: every error the project's code raises on purpose is one of these
/// two kinds, and common::runMain turns the kind into the exit status, the same in every tool
/// (anything else, from the standard library or nlohmann, is an unexpected error: exit 2).
namespace drafting::common {

/// Where bad data sits, for programs (tests, a caller deciding what to do) as well as for the
/// message: the source, the field in it and the value as given. Each part may be unknown (empty).
struct ErrorSite {
    /// What kind of source, shown before the file: "config file", or "command line" (no file).
    std::string label;
    /// The file's path as given (shown quoted, an empty path as ''); none for the command line or
    /// when not known.
    std::optional<std::string> file;
    /// The 1-based line in a line-oriented file (a sweep config); 0 when not one.
    int line = 0;
    /// "section.key", "parent.key", "--option".
    std::string field;
    /// The value as the source has it (shown quoted and cut by Printable).
    std::optional<std::string> value;

    /// FIELD = 'VALUE' of a source the caller names (InputError::at).
    static ErrorSite of(std::string field, std::optional<std::string> value = std::nullopt) {
        return {"", std::nullopt, 0, std::move(field), std::move(value)};
    }
    /// FIELD = 'VALUE' in the file FILE; a field "" for the file as a whole.
    static ErrorSite inFile(std::string file, std::string field = "",
                            std::optional<std::string> value = std::nullopt) {
        return {"", std::move(file), 0, std::move(field), std::move(value)};
    }

    /// "config file 'a.cfg', line 3", "'results.json'", "command line"; "" when nothing is known.
    std::string place() const;
    /// The one message form: "PLACE: FIELD = 'VALUE': WHY", leaving out the parts not known.
    std::string describe(const std::string& why) const;
};

/// What both kinds share: the message and, when the thrower knew it, the site.
class Error : public std::runtime_error {
public:
    /// A message that is not about one field of one source (a missing tool, a lock held).
    explicit Error(const std::string& what) : std::runtime_error(what), why_(what) {}
    Error(ErrorSite site, const std::string& why)
        : std::runtime_error(site.describe(why)), site_(std::move(site)), why_(why) {}

    const ErrorSite& site() const { return site_; }
    /// The reason alone, without the site.
    const std::string& why() const { return why_; }

private:
    ErrorSite site_;
    std::string why_;
};

/// Bad input the user can fix (a config key, an option, a file's field): one line naming the
/// file, field and value; exit 1. Commands check their input before they write, so one found
/// up front changes nothing on disk.
class InputError : public Error {
public:
    using Error::Error;
    /// The same error found in `label`/`file`/`line`: a checker that knows the field and the value
    /// (common::ValueList, common::SafeName) is told the source by its caller.
    InputError at(std::string label, std::optional<std::string> file, int line = 0) const;
};

/// A run that could not be completed (a tool missing, I/O, a damaged file a run wrote): exit 2.
class RunError : public Error {
public:
    using Error::Error;
};

}  // namespace drafting::common
