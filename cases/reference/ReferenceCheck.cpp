#include "cases/reference/ReferenceCheck.hpp"

#include "common/Error.hpp"

#include <cmath>
#include <limits>
#include <sstream>

namespace drafting::cases::reference {

nlohmann::json ReferenceCheck::lookup(const nlohmann::json& root, const std::string& path) {
    const nlohmann::json* node = &root;
    std::size_t begin = 0;
    while (begin <= path.size()) {
        const std::size_t dot = path.find('.', begin);
        const std::string key = path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
        if (!node->is_object() || !node->contains(key)) return nullptr;
        node = &node->at(key);
        if (dot == std::string::npos) break;
        begin = dot + 1;
    }
    return *node;
}

nlohmann::json ReferenceCheck::evaluate(const nlohmann::json& expected, const nlohmann::json& results) {
    if (!expected.contains("checks") || !expected["checks"].is_array())
        throw common::RunError("expected.json: no 'checks' list");
    const double inf = std::numeric_limits<double>::infinity();
    nlohmann::json out = {{"pass", true}, {"checks", nlohmann::json::array()}};
    for (const auto& c : expected["checks"]) {
        const std::string quantity = c.at("quantity").get<std::string>();
        double low = -inf, high = inf;
        std::ostringstream note;
        if (c.contains("value")) {
            const double v = c["value"].get<double>();
            const double tol = c.contains("rel_tol") ? c["rel_tol"].get<double>() * std::fabs(v)
                                                     : c.value("abs_tol", 0.0);
            low = v - tol;
            high = v + tol;
            note << "expected " << v << (c.contains("rel_tol") ? " within " : " ± ")
                 << (c.contains("rel_tol") ? std::to_string(100 * c["rel_tol"].get<double>()) + "%"
                                           : std::to_string(tol));
        } else {
            const double widen = c.value("rel_tol", 0.0);
            if (c.contains("min")) low = c["min"].get<double>() - widen * std::fabs(c["min"].get<double>());
            if (c.contains("max")) high = c["max"].get<double>() + widen * std::fabs(c["max"].get<double>());
            note << "expected in [" << (c.contains("min") ? std::to_string(c["min"].get<double>()) : "-inf") << ", "
                 << (c.contains("max") ? std::to_string(c["max"].get<double>()) : "inf") << "]";
            if (widen > 0) note << " within " << 100 * widen << "%";
        }
        const nlohmann::json got = lookup(results, quantity);
        const bool numeric = got.is_number() && std::isfinite(got.get<double>());
        const bool pass = numeric && got.get<double>() >= low && got.get<double>() <= high;
        nlohmann::json row = {{"quantity", quantity}, {"value", numeric ? got : nlohmann::json()}, {"pass", pass},
                              {"note", numeric ? note.str() : "missing or not a number"}};
        row["low"] = std::isfinite(low) ? nlohmann::json(low) : nlohmann::json();
        row["high"] = std::isfinite(high) ? nlohmann::json(high) : nlohmann::json();
        if (!pass) out["pass"] = false;
        out["checks"].push_back(row);
    }
    return out;
}

}  // namespace drafting::cases::reference
