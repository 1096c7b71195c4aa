#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::post {

/// How draft-post's tables write values: empty CSV cells and JSON nulls for what is missing or
/// not finite, RFC 4180 quoting, text cells that cannot run as formulas, and numbers in error
/// messages as the user would type them.
struct TableText {
    /// A CSV cell: "" when missing or not finite, else printf `format` (default %.6g).
    static std::string csvNumber(const std::optional<double>& value, const char* format = "%.6g");
    /// A TEXT cell (names, reasons, notes), RFC 4180: a field holding a comma, quote, CR or newline
    /// is quoted (newlines become spaces). Text starting with '=', '+', '-', '@', tab or CR gets a
    /// leading ' so no spreadsheet runs it as a formula (OWASP). Other control characters (ESC, NUL,
    /// DEL, ...) are written as \xNN, as common::Printable::quote shows them, so a cell cannot drive
    /// the terminal that prints the file. Numbers go through csvNumber.
    static std::string csvField(const std::string& text);
    /// A JSON number, or null when missing or not finite.
    static nlohmann::json jsonNumber(const std::optional<double>& value);
    /// A finite value, or nothing.
    static std::optional<double> finite(double value);
    /// Text from a file (a case's reason) as shown on a terminal, unquoted and whole: control
    /// characters escaped as common::Printable::quote escapes them (\n, \t, \xNN).
    static std::string terminal(const std::string& text);
    /// The shortest plain form of a number, for messages (1.5, 0.721, 1e-05).
    static std::string plain(double value);
};

}  // namespace drafting::post
