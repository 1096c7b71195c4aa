#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace drafting::cases::reference {

/// Compares a reference case's results with the expected values stored beside it
/// (cases/reference/NAME/expected.json). Each check names a quantity by its dotted path in the
/// results ("bodies.cylinder.cd") and one of:
///   value + rel_tol        |x − value| ≤ rel_tol · |value|
///   value + abs_tol        |x − value| ≤ abs_tol
///   min and/or max         min ≤ x ≤ max; with rel_tol, the range widened by that fraction
/// A missing, null or non-numeric quantity fails its check.
class ReferenceCheck {
public:
    /// Returns {"pass": bool, "checks": [{quantity, value, low, high, pass, note}]}.
    static nlohmann::json evaluate(const nlohmann::json& expected, const nlohmann::json& results);

    /// The value at a dotted path, or null.
    static nlohmann::json lookup(const nlohmann::json& root, const std::string& path);
};

}  // namespace drafting::cases::reference
