#include "cases/cli/PlanCommand.hpp"

#include "cases/files/Manifest.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/config/SweepPlan.hpp"
#include "common/ValueList.hpp"

#include <cmath>

namespace drafting::cases::cli {

int PlanCommand::run(const CommandLine& line, std::ostream& out, std::ostream&) {
    const config::SweepConfig config = config::SweepConfig::load(line.target(), line.overrides());
    const auto plan = config::SweepPlan::expand(config, static_cast<std::size_t>(line.maxCases()));
    if (line.has("json")) {
        // What generate would write as manifest.json, before any case exists.
        files::Manifest m;
        m.sweepName = config.name;
        m.config = config;
        for (const auto& spec : plan) m.cases.push_back({spec.name, spec.parametersJson(), "pending", ""});
        out << m.toJson().dump(2) << '\n';
        return 0;
    }
    out << "sweep " << config.name << ": " << plan.size() << " case(s)\n";
    // To the millimetre: a clearance gap adds the body's depth, which has many digits.
    const auto mm = [](double v) { return common::ValueList::format(std::round(v * 1000.0) / 1000.0); };
    for (const auto& spec : plan) {
        out << "  " << spec.name << ":";
        for (const auto& r : spec.runners) {
            out << " " << r.name << "(" << mm(r.x) << ", " << mm(r.y);
            // A runner of its own size says so; the others are the athlete.
            if (r.size) out << "; " << mm(r.size->heightM) << " m, " << common::ValueList::format(std::round(r.size->massKg * 10.0) / 10.0) << " kg";
            if (r.size && spec.namesProportions(*r.size)) out << ", " << r.size->proportions << " proportions";
            // Likewise a runner out of her step.
            if (r.stridePhase) out << "; stride phase " << common::ValueList::format(*r.stridePhase);
            out << ")";
        }
        out << '\n';
    }
    return 0;
}

}  // namespace drafting::cases::cli
