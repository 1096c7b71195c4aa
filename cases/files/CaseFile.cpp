#include "cases/files/CaseFile.hpp"

#include "cases/files/MeshCheckFile.hpp"
#include "common/Error.hpp"
#include "common/JsonFields.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"

namespace drafting::cases::files {

namespace {

[[noreturn]] void wrong(const std::string& origin, const std::string& field, const nlohmann::json& value,
                        const std::string& why) {
    common::JsonFields(origin).refuse(field, value, why);
}

// A list of strings (case.json "files").
std::vector<std::string> paths(const nlohmann::json& list, const std::string& origin, const std::string& field) {
    if (!list.is_array()) wrong(origin, field, list, "not a list");
    std::vector<std::string> out;
    for (const auto& p : list) {
        if (!p.is_string()) wrong(origin, field, p, "not a path");
        out.push_back(p.get<std::string>());
    }
    return out;
}

// A step as case.json has it. The messages name the step as the case runner's do
// ("case.json: steps['NAME']"), since they become the reason a case failed.
CaseFile::Step stepFromJson(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("name") || !j.at("name").is_string())
        throw common::RunError("case.json: a step without a name");
    CaseFile::Step s;
    s.name = j.at("name").get<std::string>();
    const std::string field = CaseFile::stepField(s.name);
    if (j.contains("remove")) {
        if (!j.at("remove").is_array()) throw common::RunError(field + ".remove: not a list");
        for (const auto& entry : j.at("remove")) {
            if (!entry.is_string())
                throw common::RunError(field + ".remove entry " + common::Printable::quote(entry.dump()) + ": not a path");
            s.remove.push_back(entry.get<std::string>());
        }
        return s;
    }
    if (!j.contains("argv") || !j.at("argv").is_array() || j.at("argv").empty())
        throw common::RunError(field + ".argv: not a list of words");
    for (const auto& w : j.at("argv")) {
        if (!w.is_string())
            throw common::RunError(field + ".argv " + common::Printable::quote(w.dump()) +
                                   ": not an option or a plain file name");
        s.argv.push_back(w.get<std::string>());
    }
    for (const auto& [key, flag] : {std::pair<const char*, bool*>{"solver", &s.solver}, {"meshCheck", &s.meshCheck}}) {
        if (!j.contains(key)) continue;
        if (!j.at(key).is_boolean())
            throw common::RunError(common::ErrorSite::of(field + "." + key, j.at(key).dump()), "not true or false");
        *flag = j.at(key).get<bool>();
    }
    return s;
}

}  // namespace

CaseFile::Step CaseFile::Step::program(const std::string& name, const std::vector<std::string>& argv, bool solver) {
    Step s;
    s.name = name;
    s.argv = argv;
    s.solver = solver;
    return s;
}

CaseFile::Step CaseFile::Step::meshCheckStep() {
    Step s = program("checkMesh", {"draftCheckMesh", "-output", MeshCheckFile::kFileName});
    s.meshCheck = true;
    return s;
}

CaseFile::Step CaseFile::Step::removal(const std::string& name, const std::vector<std::string>& paths) {
    Step s;
    s.name = name;
    s.remove = paths;
    return s;
}

nlohmann::json CaseFile::Step::toJson() const {
    if (isRemoval()) return {{"name", name}, {"remove", remove}};
    nlohmann::json j = {{"name", name}, {"argv", argv}, {"solver", solver}};
    if (meshCheck) j["meshCheck"] = true;
    return j;
}

std::string CaseFile::stepField(const std::string& stepName) {
    return "case.json: steps[" + common::Printable::quote(stepName) + "]";
}

bool CaseFile::transient() const { return parameters.is_object() && parameters.contains("transient"); }

nlohmann::json CaseFile::toJson() const {
    nlohmann::json j = {{"name", name}, {"dimension", dimension}, {"level", level}, {"parameters", parameters}};
    if (fingerprint) j["fingerprint"] = *fingerprint;
    if (templateVersion) j["template"] = *templateVersion;
    if (cellsPlanned) j["cells_planned"] = *cellsPlanned;
    j["steps"] = nlohmann::json::array();
    for (const auto& s : steps) j["steps"].push_back(s.toJson());
    if (files) j["files"] = *files;
    return j;
}

CaseFile CaseFile::fromJson(const nlohmann::json& j, const std::string& origin) {
    if (!j.is_object()) throw common::RunError(common::ErrorSite::inFile(origin), "not a case.json written by draft-cases (not an object)");
    CaseFile c;
    auto need = [&](const char* key) -> const nlohmann::json& {
        if (!j.contains(key)) common::JsonFields(origin).refuse(key, "missing");
        return j.at(key);
    };
    auto text = [&](const char* key) {
        const auto& v = j.at(key);
        if (!v.is_string()) wrong(origin, key, v, "not a string");
        return v.get<std::string>();
    };
    need("name");
    c.name = text("name");
    c.parameters = need("parameters");
    if (!c.parameters.is_object()) wrong(origin, "parameters", c.parameters, "not an object");
    const auto& steps = need("steps");
    if (!steps.is_array()) wrong(origin, "steps", steps, "not a list");
    for (const auto& s : steps) c.steps.push_back(stepFromJson(s));
    if (j.contains("fingerprint")) c.fingerprint = text("fingerprint");
    if (j.contains("template")) c.templateVersion = text("template");
    if (j.contains("level")) c.level = text("level");
    if (j.contains("dimension")) {
        const auto& d = j.at("dimension");
        if (!d.is_number_integer() || (d.get<long>() != 2 && d.get<long>() != 3)) wrong(origin, "dimension", d, "not 2 or 3");
        c.dimension = d.get<int>();
    }
    if (j.contains("cells_planned")) {
        const auto& n = j.at("cells_planned");
        if (!n.is_number_integer() || n.get<long>() < 0) wrong(origin, "cells_planned", n, "not a count");
        c.cellsPlanned = n.get<long>();
    }
    if (j.contains("files")) c.files = paths(j.at("files"), origin, "files");
    return c;
}

CaseFile CaseFile::read(const std::string& path) {
    nlohmann::json j;
    try {
        j = common::JsonFile::read(path);
    } catch (const common::InputError& e) {
        throw common::RunError(e.site(), e.why());  // not JSON, a link, too big: a damaged file a run needs
    }
    return fromJson(j, path);
}

void CaseFile::write(const std::string& path) const { common::JsonFile::writeAtomic(path, toJson()); }

}  // namespace drafting::cases::files
