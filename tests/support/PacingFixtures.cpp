#include "support/PacingFixtures.hpp"

#include "cases/files/Manifest.hpp"
#include "common/JsonFile.hpp"

#include <cmath>
#include <filesystem>

namespace drafting::test {

post::PacingInputs kipyegon(double baseline) {
    post::PacingInputs in;
    in.massKg = 42.0;
    in.heightM = 1.57;
    in.baselineTimeS = baseline;
    return in;
}

void writeCase(const std::string& dir, const std::string& name, double lead, double pacer) {
    std::filesystem::create_directories(dir + "/" + name);
    auto body = [](double d) {
        return nlohmann::json{{"drag_N", d}, {"side_N", 0.0}, {"lift_N", 0.0}, {"drag_std_N", 0.01},
                              {"drag_ci95_N", 0.02}, {"cda_m2", d / 26.5}, {"cd", d / 9.5},
                              {"reference_area_m2", 0.357}};
    };
    nlohmann::json bodies = {{"lead", body(lead)}};
    if (pacer > 0) bodies["pacer1"] = body(pacer);
    common::JsonFile::writeAtomic(dir + "/" + name + "/results.json",
                                 {{"case", name}, {"status", "ok"}, {"reason", ""}, {"iterations", 300},
                                  {"converged", true}, {"bodies", bodies}});
}

std::string exactSweep(const TempDir& dir) {
    cases::files::Manifest m;
    m.sweepName = "fit";
    m.config = cases::config::SweepConfig::parse("[athlete]\nheight = 1.57\nmass = 42\n[run]\nspeed = 6.7056\nair_density = 1.18\n"
                                         "[pacing]\nbaseline_time = 4:07.64\n");
    m.cases.push_back({"solo", {{"formation", "solo"}}, "ok", ""});
    writeCase(dir.path(), "solo", 7.0);
    for (double g : {0.8, 1.0, 1.3, 1.6, 2.0}) {
        const std::string name = "ahead-f" + std::to_string(g);
        m.cases.push_back({name, {{"formation", "ahead"}, {"front_gap_m", g}, {"lateral_m", 0.0}}, "ok", ""});
        writeCase(dir.path(), name, 7.0 * (1.0 - std::exp(-std::pow(g / 2.3, 1.7))), 6.8);
    }
    m.write(dir.path());
    return dir.path();
}

}  // namespace drafting::test
