#include "cases/study/ConvergenceFile.hpp"

#include "common/JsonFile.hpp"
#include "common/Printable.hpp"
#include "meshes/MeshLevel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace drafting::cases::study {

namespace {

using nlohmann::json;
using common::JsonFields;
using Scale = GridConvergence::Scale;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

json numberOrNull(double v) { return std::isfinite(v) ? json(v) : json(); }

json tripletJson(const ConvergenceFile::Triplet& t) { return json::array({t[0], t[1], t[2]}); }

// The JSON key of a quantity's values, by its scale.
const char* valueKey(Scale scale) { return scale == Scale::relative ? "drag_N" : "saving_pct"; }

json levelGciJson(const ConvergenceFile::LevelGci& g, Scale scale, bool withOthers) {
    json j = {{"triplet", tripletJson(g.triplet)},
              {"role", g.role},
              {"behaviour", g.behaviour},
              {"order", numberOrNull(g.order)},
              {"ratio_below_minimum", g.ratioBelowMinimum}};
    j[scale == Scale::relative ? "gci" : "gci_abs"] = numberOrNull(g.gci);
    j[scale == Scale::relative ? "gci_bounded" : "gci_bounded_abs"] = numberOrNull(g.gciBounded);
    if (withOthers) {
        j["others"] = json::array();
        for (const auto& o : g.others) j["others"].push_back(levelGciJson(o, scale, false));
    }
    return j;
}

json quantityJson(const ConvergenceFile::Quantity& q, Scale scale) {
    json j = {{valueKey(scale), json::object()}, {"triplets", json::array()}, {"at_level", json::object()}};
    for (const auto& [level, v] : q.values) j[valueKey(scale)][level] = v;
    for (const auto& t : q.triplets)
        j["triplets"].push_back(
            {{"triplet", tripletJson(t.triplet)},
             {"estimate", t.estimate ? t.estimate->toJson(scale)
                                     : json{{"behaviour", "undefined"}, {"reason", t.undefinedReason}}}});
    for (const auto& [level, g] : q.atLevel) j["at_level"][level] = levelGciJson(g, scale, true);
    return j;
}

// Field-by-field reads of one study, each fault naming the field ("cases[1].savings.lead...").
class Reader {
public:
    Reader(std::string origin, JsonFields::Source source) : fields_(std::move(origin), source) {}

    const json& object(const json& parent, const char* key, const std::string& where) const {
        const json& v = fields_.required(parent, key, where);
        if (!v.is_object()) fields_.refuse(JsonFields::field(where, key), v, "not an object");
        return v;
    }
    const json& array(const json& parent, const char* key, const std::string& where) const {
        const json& v = fields_.required(parent, key, where);
        if (!v.is_array()) fields_.refuse(JsonFields::field(where, key), v, "not a list");
        return v;
    }
    std::string text(const json& parent, const char* key, const std::string& where) const {
        return fields_.requiredText(parent, key, where);
    }
    // A number the writer puts null for when it has none: NaN.
    double number(const json& parent, const char* key, const std::string& where) const {
        fields_.required(parent, key, where);
        return fields_.number(parent, key, where);
    }
    bool flag(const json& parent, const char* key, const std::string& where) const {
        const json& v = fields_.required(parent, key, where);
        if (!v.is_boolean()) fields_.refuse(JsonFields::field(where, key), v, "not true or false");
        return v.get<bool>();
    }
    // A count the writer always writes (never null).
    int count(const json& parent, const char* key, const std::string& where) const {
        const json& v = fields_.required(parent, key, where);
        const auto n = fields_.count(parent, key, where);
        if (!n || *n > std::numeric_limits<int>::max()) fields_.refuse(JsonFields::field(where, key), v, "not a count");
        return static_cast<int>(*n);
    }
    // The object holds only the keys the writer writes: a misspelt key would otherwise read as
    // a value that is not there.
    void onlyKeys(const json& object, const std::string& where, std::initializer_list<const char*> keys) const {
        for (const auto& [key, value] : object.items())
            if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }))
                fields_.refuse(where.empty() ? key : where + "." + key, value, "not a key of a convergence.json");
    }
    // One of the study's levels.
    std::string level(const json& v, const std::string& where, const std::vector<std::string>& levels) const {
        if (!v.is_string() || std::find(levels.begin(), levels.end(), v.get<std::string>()) == levels.end())
            fields_.refuse(where, v, "not one of the study's levels");
        return v.get<std::string>();
    }
    ConvergenceFile::Triplet triplet(const json& parent, const std::string& where,
                                     const std::vector<std::string>& levels) const {
        const json& t = array(parent, "triplet", where);
        const std::string field = JsonFields::field(where, "triplet");
        if (t.size() != 3) fields_.refuse(field, t, "not three levels");
        return {level(t[0], field, levels), level(t[1], field, levels), level(t[2], field, levels)};
    }
    GridConvergence::Behaviour behaviour(const json& parent, const std::string& where) const {
        const std::string name = text(parent, "behaviour", where);
        for (auto b : {GridConvergence::Behaviour::monotonic, GridConvergence::Behaviour::oscillatory,
                       GridConvergence::Behaviour::divergent, GridConvergence::Behaviour::converged})
            if (GridConvergence::name(b) == name) return b;
        fields_.refuse(JsonFields::field(where, "behaviour"), parent.at("behaviour"), "not a convergence behaviour");
    }

    GridConvergence::Estimate estimate(const json& e, Scale scale, const std::string& where) const {
        if (scale == Scale::relative)
            onlyKeys(e, where, {"behaviour", "r21", "r32", "ratio_below_minimum", "order", "order_solved",
                                "order_iterations", "extrapolated", "bounded_order", "bounded_safety_factor", "gci_fine",
                                "gci_medium", "gci_fine_bounded", "gci_medium_bounded", "asymptotic_ratio", "note"});
        else
            onlyKeys(e, where, {"behaviour", "r21", "r32", "ratio_below_minimum", "order", "order_solved",
                                "order_iterations", "extrapolated", "bounded_order", "bounded_safety_factor",
                                "gci_fine_abs", "gci_medium_abs", "gci_fine_bounded_abs", "gci_medium_bounded_abs",
                                "asymptotic_ratio", "note"});
        GridConvergence::Estimate out;
        out.behaviour = behaviour(e, where);
        out.r21 = number(e, "r21", where);
        out.r32 = number(e, "r32", where);
        out.ratioBelowMinimum = flag(e, "ratio_below_minimum", where);
        out.order = number(e, "order", where);
        out.orderSolved = flag(e, "order_solved", where);
        out.orderIterations = count(e, "order_iterations", where);
        out.extrapolated = number(e, "extrapolated", where);
        out.boundedOrder = number(e, "bounded_order", where);
        out.boundedSafetyFactor = number(e, "bounded_safety_factor", where);
        if (scale == Scale::relative) {
            out.gciFine = number(e, "gci_fine", where);
            out.gciMedium = number(e, "gci_medium", where);
            out.gciFineBounded = number(e, "gci_fine_bounded", where);
            out.gciMediumBounded = number(e, "gci_medium_bounded", where);
            out.asymptoticRatio = number(e, "asymptotic_ratio", where);
        } else {
            out.gciFineAbs = number(e, "gci_fine_abs", where);
            out.gciMediumAbs = number(e, "gci_medium_abs", where);
            out.gciFineBoundedAbs = number(e, "gci_fine_bounded_abs", where);
            out.gciMediumBoundedAbs = number(e, "gci_medium_bounded_abs", where);
            out.asymptoticRatioAbs = number(e, "asymptotic_ratio", where);
        }
        out.note = fields_.text(e, "note", where);
        return out;
    }

    ConvergenceFile::LevelGci levelGci(const json& g, Scale scale, const std::string& where,
                                       const std::vector<std::string>& levels, const std::string& level,
                                       bool withOthers) const {
        const char* gci = scale == Scale::relative ? "gci" : "gci_abs";
        const char* bounded = scale == Scale::relative ? "gci_bounded" : "gci_bounded_abs";
        if (withOthers)
            onlyKeys(g, where, {"triplet", "role", "behaviour", "order", "ratio_below_minimum", gci, bounded, "others"});
        else
            onlyKeys(g, where, {"triplet", "role", "behaviour", "order", "ratio_below_minimum", gci, bounded});
        ConvergenceFile::LevelGci out;
        out.triplet = triplet(g, where, levels);
        out.role = text(g, "role", where);
        // The level is the triplet's middle grid (its GCI_medium) or its finest (its GCI_fine).
        if (!((out.role == "medium" && out.triplet[1] == level) || (out.role == "fine" && out.triplet[2] == level)))
            fields_.refuse(JsonFields::field(where, "role"), g.at("role"),
                           "not the place of level " + level + " in the triplet (medium: its middle, fine: its finest)");
        out.behaviour = GridConvergence::name(behaviour(g, where));
        out.order = number(g, "order", where);
        out.ratioBelowMinimum = flag(g, "ratio_below_minimum", where);
        out.gci = number(g, gci, where);
        out.gciBounded = number(g, bounded, where);
        if (withOthers) {
            const json& others = array(g, "others", where);
            for (std::size_t k = 0; k < others.size(); ++k)
                out.others.push_back(levelGci(others[k], scale,
                                              JsonFields::field(where, "others") + "[" + std::to_string(k) + "]",
                                              levels, level, false));
        }
        return out;
    }

    ConvergenceFile::Quantity quantity(const json& q, Scale scale, const std::string& where,
                                       const std::vector<std::string>& levels) const {
        onlyKeys(q, where, {valueKey(scale), "triplets", "at_level"});
        ConvergenceFile::Quantity out;
        const std::string valuesField = JsonFields::field(where, valueKey(scale));
        for (const auto& [level, v] : object(q, valueKey(scale), where).items()) {
            this->level(json(level), valuesField, levels);
            if (!v.is_number() || !std::isfinite(v.get<double>()))
                fields_.refuse(valuesField + "." + level, v, "not a finite number");
            out.values[level] = v.get<double>();
        }
        const json& triplets = array(q, "triplets", where);
        for (std::size_t k = 0; k < triplets.size(); ++k) {
            const std::string at = JsonFields::field(where, "triplets") + "[" + std::to_string(k) + "]";
            ConvergenceFile::TripletEstimate t;
            onlyKeys(triplets[k], at, {"triplet", "estimate"});
            t.triplet = triplet(triplets[k], at, levels);
            const json& e = object(triplets[k], "estimate", at);
            if (fields_.text(e, "behaviour", at + ".estimate") == "undefined") {
                onlyKeys(e, at + ".estimate", {"behaviour", "reason"});
                t.undefinedReason = text(e, "reason", at + ".estimate");
            } else {
                t.estimate = estimate(e, scale, at + ".estimate");
            }
            out.triplets.push_back(std::move(t));
        }
        const std::string atField = JsonFields::field(where, "at_level");
        for (const auto& [level, g] : object(q, "at_level", where).items()) {
            this->level(json(level), atField, levels);
            if (!g.is_object()) fields_.refuse(atField + "." + level, g, "not an object");
            out.atLevel[level] = levelGci(g, scale, atField + "." + level, levels, level, true);
        }
        return out;
    }

    std::map<std::string, ConvergenceFile::Quantity> quantities(const json& parent, const char* key, Scale scale,
                                                                const std::string& where,
                                                                const std::vector<std::string>& levels) const {
        std::map<std::string, ConvergenceFile::Quantity> out;
        for (const auto& [body, q] : object(parent, key, where).items()) {
            const std::string at = JsonFields::field(where, key) + "." + body;
            if (!q.is_object()) fields_.refuse(at, q, "not an object");
            out[body] = quantity(q, scale, at, levels);
        }
        return out;
    }

    const JsonFields& fields() const { return fields_; }

private:
    JsonFields fields_;
};

}  // namespace

json ConvergenceFile::toJson() const {
    json triplets = json::array();
    for (std::size_t j = 0; j + 2 < levels.size(); ++j)
        triplets.push_back(json::array({levels[j], levels[j + 1], levels[j + 2]}));
    json rows = json::array();
    for (const auto& c : cases) {
        json row = {{"case", c.name},
                    {"formation", c.formation},
                    {"parameters", c.parameters},
                    {"levels", json::object()},
                    {"triplets", json::array()},
                    {"status", c.status},
                    {"reason", c.reason},
                    {"bodies", json::object()}};
        for (const auto& [level, l] : c.levels)
            row["levels"][level] = {{"status", l.status},
                                    {"reason", l.reason},
                                    {"cells", l.cells ? json(*l.cells) : json()},
                                    {"dimension", l.dimension ? json(*l.dimension) : json()},
                                    {"template", l.templateVersion ? json(*l.templateVersion) : json()}};
        for (const auto& t : c.triplets) {
            json tj = {{"triplet", tripletJson(t.triplet)}};
            if (t.reason.empty()) {
                tj["r21"] = t.r21;
                tj["r32"] = t.r32;
                tj["ratio_below_minimum"] = t.ratioBelowMinimum;
            } else {
                tj["reason"] = t.reason;
            }
            row["triplets"].push_back(tj);
        }
        for (const auto& [body, q] : c.bodies) row["bodies"][body] = quantityJson(q, Scale::relative);
        if (c.savings) {
            row["savings"] = json::object();
            for (const auto& [body, q] : *c.savings) row["savings"][body] = quantityJson(q, Scale::absolute);
        }
        rows.push_back(row);
    }
    return {
        {"format", kFormat},
        {"method", "Richardson extrapolation and GCI with non-constant ratios, Celik et al. (2008) J Fluids Eng "
                   "130:078001; Roache (1998)"},
        {"levels", levels},
        {"triplets", triplets},
        {"ratio_from", "cells of each case: r = (N_finer / N_coarser)^(1/dimension), meshCheck.json"},
        {"nominal_ratio", meshes::MeshLevel::kRatio},
        {"min_ratio", GridConvergence::kMinRatio},
        {"safety_factor", GridConvergence::kSafetyFactor},
        {"formal_order", GridConvergence::kFormalOrder},
        {"bounded", "p limited to the formal order 2; Fs 3 unless |p - 2| <= 0.2, then 1.25"},
        {"at_level", "the finest reduced triplet holding the level: its GCI_medium (GCI32) where the level is the "
                     "middle grid, its GCI_fine where it is the finest; the other triplet under 'others'"},
        {"quantities",
         {{"drag_N", "each body's drag; GCIs relative (fractions of the drag at that level)"},
          {"saving_pct", "each body's saving 100 (1 - D / D_solo) against the solo case at the same level; GCIs "
                         "absolute (_abs), in points of saving"}}},
        {"template", templateVersion ? json(*templateVersion) : json()},
        {"templates", templates},
        {"tool_template", toolTemplate},
        {"solo_case", soloCase ? json(*soloCase) : json()},
        {"cases", rows}};
}

ConvergenceFile ConvergenceFile::fromJson(const json& study, const std::string& origin, JsonFields::Source source) {
    const Reader read(origin, source);
    const JsonFields& fields = read.fields();
    if (!study.is_object()) fields.refuse("(top level)", study, "not a JSON object: not a convergence.json");
    const std::string again = std::string("not a convergence.json of '") + kFormat +
                              "' (reduce an older study again: draft-cases convergence CONFIG -o DIR --reduce-only)";
    if (!study.contains("format")) fields.refuse("format", "missing: " + again);
    const json& format = study.at("format");
    if (format != kFormat)
        fields.refuse("format", format, again);
    read.onlyKeys(study, "", {"format", "method", "levels", "triplets", "ratio_from", "nominal_ratio", "min_ratio",
                              "safety_factor", "formal_order", "bounded", "at_level", "quantities", "template",
                              "templates", "tool_template", "solo_case", "cases"});
    ConvergenceFile out;
    const json& levels = read.array(study, "levels", "");
    const auto& known = meshes::MeshLevel::names();
    std::size_t previous = 0;
    for (std::size_t k = 0; k < levels.size(); ++k) {
        const auto it = levels[k].is_string() ? std::find(known.begin(), known.end(), levels[k].get<std::string>())
                                              : known.end();
        const std::size_t index = static_cast<std::size_t>(it - known.begin());
        if (it == known.end() || (k > 0 && index != previous + 1))
            fields.refuse("levels", levels, "not a list of three or more consecutive mesh levels, coarsest first");
        previous = index;
        out.levels.push_back(*it);
    }
    if (out.levels.size() < 3)
        fields.refuse("levels", levels, "not a list of three or more consecutive mesh levels, coarsest first");
    // The method's constants are this build's (toJson writes them so): numbers reduced with others
    // would be read under the wrong labels.
    ConvergenceFile method;
    method.levels = out.levels;
    const json expected = method.toJson();
    for (const char* key : {"triplets", "nominal_ratio", "min_ratio", "safety_factor", "formal_order"}) {
        const json& given = fields.required(study, key);
        if (given != expected.at(key))
            fields.refuse(key, given, "not what this build reduces with (" + expected.at(key).dump() +
                                          "): reduce the study again (draft-cases convergence CONFIG -o DIR --reduce-only)");
    }
    if (JsonFields::present(study, "template")) out.templateVersion = read.text(study, "template", "");
    for (const auto& t : read.array(study, "templates", "")) {
        if (!t.is_string()) fields.refuse("templates", t, "not a template version");
        out.templates.push_back(t.get<std::string>());
    }
    out.toolTemplate = read.text(study, "tool_template", "");
    if (JsonFields::present(study, "solo_case")) out.soloCase = read.text(study, "solo_case", "");

    const json& cases = read.array(study, "cases", "");
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string where = "cases[" + std::to_string(i) + "]";
        const json& c = cases[i];
        if (!c.is_object()) fields.refuse(where, c, "not an object");
        read.onlyKeys(c, where, {"case", "formation", "parameters", "levels", "triplets", "status", "reason", "bodies",
                                 "savings"});
        Case row;
        row.name = read.text(c, "case", where);
        row.formation = read.text(c, "formation", where);
        row.parameters = fields.required(c, "parameters", where);
        for (const auto& [level, l] : read.object(c, "levels", where).items()) {
            const std::string at = where + ".levels." + level;
            read.level(json(level), where + ".levels", out.levels);
            if (!l.is_object()) fields.refuse(at, l, "not an object");
            read.onlyKeys(l, at, {"status", "reason", "cells", "dimension", "template"});
            CaseLevel cl;
            cl.status = read.text(l, "status", at);
            cl.reason = read.text(l, "reason", at);
            fields.required(l, "cells", at);
            cl.cells = fields.count(l, "cells", at);
            fields.required(l, "dimension", at);
            if (const auto d = fields.integer(l, "dimension", at)) {
                if (*d != 2 && *d != 3) fields.refuse(at + ".dimension", l.at("dimension"), "not 2 or 3");
                cl.dimension = static_cast<int>(*d);
            }
            fields.required(l, "template", at);
            if (JsonFields::present(l, "template")) cl.templateVersion = read.text(l, "template", at);
            row.levels[level] = cl;
        }
        const json& triplets = read.array(c, "triplets", where);
        for (std::size_t k = 0; k < triplets.size(); ++k) {
            const std::string at = where + ".triplets[" + std::to_string(k) + "]";
            CaseTriplet t;
            if (!triplets[k].is_object()) fields.refuse(at, triplets[k], "not an object");
            t.triplet = read.triplet(triplets[k], at, out.levels);
            if (JsonFields::present(triplets[k], "reason")) {
                read.onlyKeys(triplets[k], at, {"triplet", "reason"});
                t.reason = read.text(triplets[k], "reason", at);
                if (t.reason.empty()) fields.refuse(at + ".reason", triplets[k].at("reason"), "empty: a triplet without ratios says why");
                t.r21 = t.r32 = kNaN;
            } else {
                read.onlyKeys(triplets[k], at, {"triplet", "r21", "r32", "ratio_below_minimum"});
                t.r21 = read.number(triplets[k], "r21", at);
                t.r32 = read.number(triplets[k], "r32", at);
                t.ratioBelowMinimum = read.flag(triplets[k], "ratio_below_minimum", at);
            }
            row.triplets.push_back(t);
        }
        row.status = read.text(c, "status", where);
        row.reason = read.text(c, "reason", where);
        row.bodies = read.quantities(c, "bodies", Scale::relative, where, out.levels);
        // Every case but the solo one has its savings against the solo case.
        if (row.formation != "solo") row.savings = read.quantities(c, "savings", Scale::absolute, where, out.levels);
        else if (c.contains("savings")) fields.refuse(where + ".savings", "the solo case has no saving of its own");
        out.cases.push_back(std::move(row));
    }
    return out;
}

ConvergenceFile ConvergenceFile::read(const std::string& path, const std::string& option) {
    return fromJson(common::JsonFile::readOption(path, option), path, JsonFields::Source::input);
}

const ConvergenceFile::Case* ConvergenceFile::find(const std::string& name, const std::string& formation) const {
    for (const auto& c : cases)
        if (c.name == name && c.formation == formation) return &c;
    return nullptr;
}

}  // namespace drafting::cases::study
