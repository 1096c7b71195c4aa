#include "cases/Manifest.hpp"

#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "cases/SafeName.hpp"

namespace drafting::cases {

Manifest Manifest::read(const std::string& sweepDir) {
    const auto j = JsonFile::read(sweepDir + "/" + kFileName);
    Manifest m;
    try {
        m.sweepName = j.at("name").get<std::string>();
        m.config = j.at("config");
        for (const auto& c : j.at("cases")) {
            Entry e;
            e.name = c.at("name").get<std::string>();
            // The manifest names folders: never trust it to stay inside the sweep directory.
            if (!SafeName::isSafe(e.name)) throw RunError("manifest: unsafe case name '" + e.name + "'");
            e.parameters = c.at("parameters");
            e.status = c.value("status", "pending");
            e.reason = c.value("reason", "");
            m.cases.push_back(std::move(e));
        }
    } catch (const nlohmann::json::exception& ex) {
        throw RunError(sweepDir + "/" + kFileName + ": " + ex.what());
    }
    return m;
}

nlohmann::json Manifest::toJson() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : cases)
        list.push_back({{"name", e.name}, {"parameters", e.parameters}, {"status", e.status}, {"reason", e.reason}});
    return {{"name", sweepName}, {"config", config}, {"cases", list}};
}

void Manifest::write(const std::string& sweepDir) const { JsonFile::writeAtomic(sweepDir + "/" + kFileName, toJson()); }

}  // namespace drafting::cases
