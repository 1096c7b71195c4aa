#include "CheckpointMarker.hpp"

#include "common/Error.hpp"
#include "common/JsonFields.hpp"
#include "common/JsonFile.hpp"

#include <algorithm>
#include <cmath>

namespace drafting::solver::monitoring {

std::string CheckpointMarker::toText() const {
    return nlohmann::json{{"producer", "runnerDrag"}, {"time", time}, {"samples", samples}}.dump() + "\n";
}

CheckpointMarker CheckpointMarker::fromJson(const nlohmann::json& j, const std::string& origin) {
    const common::JsonFields fields(origin);
    if (!j.is_object()) throw fields.wrong("marker", j, "not an object");
    if (fields.text(j, "producer") != "runnerDrag")
        throw fields.wrong("producer", j.value("producer", nlohmann::json()), "not runnerDrag");
    CheckpointMarker m;
    m.time = fields.number(j, "time");
    if (!std::isfinite(m.time)) throw fields.wrong("time", j.value("time", nlohmann::json()), "not a time");
    const auto samples = fields.count(j, "samples");
    if (!samples) throw fields.wrong("samples", j.value("samples", nlohmann::json()), "not a count");
    m.samples = *samples;
    return m;
}

CheckpointMarker CheckpointMarker::read(const std::string& path) { return fromJson(common::JsonFile::read(path), path); }

bool CheckpointMarker::marks(double folderTime) const {
    // runnerDrag writes the time in full; OpenFOAM names the folder with timePrecision digits.
    return std::abs(time - folderTime) <= 1e-6 * std::max(1.0, std::abs(folderTime));
}

}  // namespace drafting::solver::monitoring
