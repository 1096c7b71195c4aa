#include "postprocess/cli/PaceCommand.hpp"

#include "postprocess/PacingError.hpp"
#include "postprocess/PacingModel.hpp"
#include "postprocess/PostCli.hpp"
#include "postprocess/RaceReplay.hpp"
#include "postprocess/cli/CommandLine.hpp"

#include <nlohmann/json.hpp>

namespace po = boost::program_options;

namespace drafting::post::cli {

int PaceCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description desc;
    desc.add_options()("help,h", "")("mass", po::value<std::string>())("height", po::value<std::string>())(
        "baseline-time", po::value<std::string>())("drag-saving", po::value<std::string>())(
        "cda", po::value<std::string>())("air-density", po::value<std::string>())("distance", po::value<std::string>())(
        "json", "");
    const po::variables_map vm = CommandLine::parse(args, desc, {});
    if (vm.count("help")) {
        out << PostCli::usage();
        return 0;
    }
    for (const char* key : {"mass", "height", "baseline-time", "drag-saving"})
        if (!vm.count(key)) throw PacingError(std::string("--") + key + ": missing (see draft-post --help)");
    PacingInputs in;
    in.massKg = CommandLine::number(vm, "mass");
    in.heightM = CommandLine::number(vm, "height");
    in.baselineTimeS = parseRaceTime("--baseline-time", vm["baseline-time"].as<std::string>());
    if (vm.count("cda")) in.cdaM2 = CommandLine::number(vm, "cda");
    if (vm.count("air-density")) in.airDensity = CommandLine::number(vm, "air-density");
    if (vm.count("distance")) in.distanceM = CommandLine::number(vm, "distance");
    const double saving = CommandLine::number(vm, "drag-saving");
    const PacingModel model(in);
    const PacingPrediction p = model.predict(saving);
    if (vm.count("json")) {
        nlohmann::json j = p.toJson();
        j["inputs"] = {{"mass_kg", in.massKg},
                       {"height_m", in.heightM},
                       {"baseline_time_s", in.baselineTimeS},
                       {"distance_m", in.distanceM},
                       {"air_density_kg_m3", in.airDensity},
                       {"cda_m2", model.cdaM2()},
                       {"cda_source", in.cdaM2 ? "--cda" : "Pugh frontal area x 0.75"}};
        out << j.dump(2) << '\n';
        return 0;
    }
    out << "alone:           " << formatRaceTime(in.baselineTimeS) << " (" << CommandLine::fixed(p.baselineSpeedMps, 3)
        << " m/s), drag " << CommandLine::fixed(p.soloDragN, 2) << " N = " << CommandLine::fixed(p.dragForceBwPct, 2) << " % of body weight\n"
        << "air share:       " << CommandLine::fixed(p.airSharePct, 2) << " % of metabolic power (CdA " << CommandLine::fixed(model.cdaM2(), 3)
        << " m^2)\n"
        << "drag saving:     " << CommandLine::fixed(100.0 * saving, 1) << " %\n"
        << "metabolic:       " << CommandLine::fixed(p.metabolicSavingPct, 2) << " % saved (" << CommandLine::fixed(p.metabolicPowerSavedW, 1)
        << " W of " << CommandLine::fixed(p.metabolicPowerW, 0) << " W)\n"
        << "speed:           +" << CommandLine::fixed(p.speedGainPct, 2) << " % (" << CommandLine::fixed(p.speedMps, 3) << " m/s)\n"
        << "predicted time:  " << formatRaceTime(p.timeS) << '\n';
    return 0;
}

}  // namespace drafting::post::cli
