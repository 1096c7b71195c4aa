#include "cases/files/Manifest.hpp"

#include "common/Error.hpp"
#include "common/JsonFields.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"

#include <map>

namespace drafting::cases::files {

Manifest Manifest::read(const std::string& sweepDir) {
    const std::string path = sweepDir + "/" + kFileName;
    // common::JsonFile: common::RunError when it cannot be read (the machine), common::InputError when it is not JSON.
    const nlohmann::json j = common::JsonFile::read(path);
    // The manifest is the user's to edit: what is wrong in it is bad input (exit 1).
    const common::JsonFields fields(path, common::JsonFields::Source::input);
    if (!j.is_object()) fields.refuse("the top level", "not a JSON object");
    Manifest m;
    m.sweepName = fields.requiredText(j, "name");
    m.config = config::SweepConfig::fromJson(fields.required(j, "config"), path);
    const auto& list = fields.required(j, "cases");
    if (!list.is_array()) fields.refuse("cases", list, "not a list");
    std::map<std::string, std::size_t> firstIndex;  // case name -> its first entry
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& c = list[i];
        const std::string field = "cases[" + std::to_string(i) + "]";
        if (!c.is_object()) fields.refuse(field, c, "not an object");
        Entry e;
        e.name = fields.requiredText(c, "name", field);
        // The manifest names folders: never trust it to stay inside the sweep directory.
        if (!common::SafeName::isSafe(e.name)) fields.refuse(field + ".name", c.at("name"), "not a safe case name");
        // Two entries for one folder: one case counted twice, its results reduced twice.
        if (const auto seen = firstIndex.find(e.name); seen != firstIndex.end())
            fields.refuse(field + ".name", c.at("name"),
                          "a duplicate case name (also cases[" + std::to_string(seen->second) + "])");
        firstIndex.emplace(e.name, i);
        e.parameters = fields.required(c, "parameters", field);
        if (!e.parameters.is_object()) fields.refuse(field + ".parameters", e.parameters, "not an object");
        e.status = common::JsonFields::present(c, "status") ? fields.text(c, "status", field) : "pending";
        e.reason = fields.text(c, "reason", field);
        m.cases.push_back(std::move(e));
    }
    m.schema = 1;  // written before the field existed
    if (j.contains("schema")) {
        const auto& v = j.at("schema");
        if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > kSchema)
            fields.refuse("schema", v, "not a manifest schema this tool reads (1 to " + std::to_string(kSchema) + ")");
        m.schema = v.get<int>();
    }
    if (j.contains("study")) {
        const auto& study = j.at("study");
        if (!study.is_object()) fields.refuse("study", study, "not an object");
        m.studyLevel = fields.requiredText(study, "level", "study");
        if (!common::SafeName::isSafe(m.studyLevel)) fields.refuse("study.level", study.at("level"), "not a level name");
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

}  // namespace drafting::cases::files
