#include "cases/cli/ReferenceCommand.hpp"

#include "common/Error.hpp"
#include "cases/reference/ReferenceCase.hpp"
#include "cases/config/SweepConfig.hpp"
#include "cases/files/ToolPaths.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace drafting::cases::cli {

int ReferenceCommand::list(const CommandLine& line, std::ostream& out) {
    if (line.has("target")) throw common::InputError("reference --list: takes no NAME");
    for (const auto& [name, value] : line.options())
        if (name != "list" && name != "command" && !value.defaulted())
            throw common::InputError("reference --list: takes no other option (--" + name + ")");
    if (!line.overrides().empty())
        throw common::InputError("reference --list: takes no config overrides (" +
                          common::Printable::quote(line.overrides().front(), 80) + ")");
    out << reference::ReferenceCase::listing();
    return 0;
}

int ReferenceCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err) {
    const std::string& target = line.target();
    common::SafeName::check("reference", target);
    reference::ReferenceCase::checkName(target);
    // A 3D reference is meshed by the runners' pipeline, so it has their levels and box keys
    // (checked by the config's own rules).
    static const std::vector<std::string> keys = {"level", "upstream", "downstream", "side", "above"};
    std::set<std::string> given;
    for (const auto& o : line.overrides()) {
        const auto eq = o.find('=');
        const std::string key = o.rfind("--mesh.", 0) == 0 && eq != std::string::npos ? o.substr(7, eq - 7) : "";
        if (reference::ReferenceCase::dimension(target) != 3 || std::find(keys.begin(), keys.end(), key) == keys.end())
            throw common::InputError("reference: takes no config overrides (" + common::Printable::quote(o, 80) +
                              "; a 3D reference takes --mesh.level, --mesh.upstream, --mesh.downstream, "
                              "--mesh.side, --mesh.above)");
        given.insert(key);
    }
    std::vector<std::string> asConfig = {"--mesh.dimension=3"};
    asConfig.insert(asConfig.end(), line.overrides().begin(), line.overrides().end());
    const config::SweepConfig checked = config::SweepConfig::parse("", asConfig);
    reference::ReferenceCase::Box box;
    if (given.count("upstream")) box.upstream = checked.domain.upstream;
    if (given.count("downstream")) box.downstream = checked.domain.downstream;
    if (given.count("side")) box.side = checked.domain.side;
    if (given.count("above")) box.above = checked.domain.above;
    // Not the config's default level: a reference runs at coarse (CI's level) unless told.
    const std::string dir = line.outputDir();
    const auto r = reference::ReferenceCase::run(target, dir, files::ToolPaths::discover(), line.jobs(),
                                      given.count("level") ? checked.level : "coarse", box);
    out << "reference " << target << ":\n";
    for (const auto& c : r["checks"]) {
        char text[256];
        const std::string value = c["value"].is_number() ? std::to_string(c["value"].get<double>()) : "missing";
        std::snprintf(text, sizeof(text), "  %-36s %-12s %s  (%s)\n", c["quantity"].get<std::string>().c_str(),
                      value.c_str(), c["pass"].get<bool>() ? "pass" : "FAIL", c["note"].get<std::string>().c_str());
        out << text;
    }
    for (const auto& [sub, a] : r["stock_forces"].items()) {
        if (a.contains("relative_difference"))
            out << "  runnerDrag vs stock forces (" << sub << "): relative difference "
                << a["relative_difference"].get<double>() << '\n';
    }
    if (!r["pass"].get<bool>()) {
        err << "draft-cases: reference " << target << " did not pass (see " << dir << "/results.json)\n";
        return 3;
    }
    return 0;
}

}  // namespace drafting::cases::cli
