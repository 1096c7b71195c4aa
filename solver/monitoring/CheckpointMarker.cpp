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
    if (!j.is_object()) fields.refuse("marker", j, "not an object");
    if (fields.text(j, "producer") != "runnerDrag")
        fields.refuse("producer", j.value("producer", nlohmann::json()), "not runnerDrag");
    CheckpointMarker m;
    m.time = fields.number(j, "time");
    if (!std::isfinite(m.time)) fields.refuse("time", j.value("time", nlohmann::json()), "not a time");
    const auto samples = fields.count(j, "samples");
    if (!samples) fields.refuse("samples", j.value("samples", nlohmann::json()), "not a count");
    m.samples = *samples;
    return m;
}

CheckpointMarker CheckpointMarker::read(const std::string& path) { return fromJson(common::JsonFile::read(path), path); }

bool CheckpointMarker::marks(double folderTime) const {
    // runnerDrag writes the time in full; OpenFOAM names the folder with timePrecision significant
    // digits (6 by default: a relative rounding of at most 5e-6), and two checkpoints are always
    // far more than that apart.
    return std::abs(time - folderTime) <= 1e-5 * std::abs(folderTime) + 1e-12;
}

}  // namespace drafting::solver::monitoring
