#include "cases/Manifest.hpp"

#include "cases/ConfigError.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"

#include <map>

namespace drafting::cases {

namespace {

// A manifest field that is missing or of the wrong type: bad input, one line naming the file and field.
ConfigError badField(const std::string& path, const std::string& field, const nlohmann::json* value,
                     const std::string& why) {
    return ConfigError(common::Printable::quote(path) + ": " + field + (value ? " = " + common::Printable::quote(value->dump()) : std::string()) +
                       ": " + why);
}

const nlohmann::json& member(const nlohmann::json& j, const char* key, const std::string& path,
                             const std::string& field) {
    if (!j.contains(key)) throw badField(path, field, nullptr, "missing");
    return j.at(key);
}

std::string text(const nlohmann::json& j, const char* key, const std::string& path, const std::string& field) {
    const auto& v = member(j, key, path, field);
    if (!v.is_string()) throw badField(path, field, &v, "not a string");
    return v.get<std::string>();
}

std::string optionalText(const nlohmann::json& j, const char* key, const std::string& fallback,
                         const std::string& path, const std::string& field) {
    return j.contains(key) && !j.at(key).is_null() ? text(j, key, path, field) : fallback;
}

}  // namespace

Manifest Manifest::read(const std::string& sweepDir) {
    const std::string path = sweepDir + "/" + kFileName;
    // common::JsonFile: RunError when it cannot be read (the machine), ConfigError when it is not JSON.
    const nlohmann::json j = common::JsonFile::read(path);
    if (!j.is_object()) throw badField(path, "the top level", nullptr, "not a JSON object");
    Manifest m;
    m.sweepName = text(j, "name", path, "name");
    m.config = SweepConfig::fromJson(member(j, "config", path, "config"), path);
    const auto& list = member(j, "cases", path, "cases");
    if (!list.is_array()) throw badField(path, "cases", &list, "not a list");
    std::map<std::string, std::size_t> firstIndex;  // case name -> its first entry
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& c = list[i];
        const std::string field = "cases[" + std::to_string(i) + "]";
        if (!c.is_object()) throw badField(path, field, &c, "not an object");
        Entry e;
        e.name = text(c, "name", path, field + ".name");
        // The manifest names folders: never trust it to stay inside the sweep directory.
        if (!common::SafeName::isSafe(e.name))
            throw badField(path, field + ".name", &c.at("name"), "not a safe case name");
        // Two entries for one folder: one case counted twice, its results reduced twice.
        if (const auto seen = firstIndex.find(e.name); seen != firstIndex.end())
            throw badField(path, field + ".name", &c.at("name"),
                           "a duplicate case name (also cases[" + std::to_string(seen->second) + "])");
        firstIndex.emplace(e.name, i);
        e.parameters = member(c, "parameters", path, field + ".parameters");
        if (!e.parameters.is_object()) throw badField(path, field + ".parameters", &e.parameters, "not an object");
        e.status = optionalText(c, "status", "pending", path, field + ".status");
        e.reason = optionalText(c, "reason", "", path, field + ".reason");
        m.cases.push_back(std::move(e));
    }
    m.schema = 1;  // written before the field existed
    if (j.contains("schema")) {
        const auto& v = j.at("schema");
        if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > kSchema)
            throw badField(path, "schema", &v, "not a manifest schema this tool reads (1 to " + std::to_string(kSchema) + ")");
        m.schema = v.get<int>();
    }
    if (j.contains("study")) {
        const auto& study = j.at("study");
        if (!study.is_object()) throw badField(path, "study", &study, "not an object");
        m.studyLevel = text(study, "level", path, "study.level");
        if (!common::SafeName::isSafe(m.studyLevel)) throw badField(path, "study.level", &study.at("level"), "not a level name");
    }
    if (j.contains("provenance") && !j.at("provenance").is_null())
        m.provenance = Provenance::fromJson(j.at("provenance"), path, "provenance");
    return m;
}

nlohmann::json Manifest::toJson() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : cases)
        list.push_back({{"name", e.name}, {"parameters", e.parameters}, {"status", e.status}, {"reason", e.reason}});
    nlohmann::json j = {{"schema", schema}, {"name", sweepName}, {"config", config.toJson()}, {"cases", list}};
    if (!studyLevel.empty()) j["study"] = {{"level", studyLevel}};
    if (provenance) j["provenance"] = provenance->toJson();
    return j;
}

void Manifest::write(const std::string& sweepDir) const { common::JsonFile::writeAtomic(sweepDir + "/" + kFileName, toJson()); }

}  // namespace drafting::cases
