#include "postprocess/cli/RaceCommand.hpp"

#include "common/JsonFile.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PacingModel.hpp"
#include "postprocess/PostCli.hpp"
#include "postprocess/RaceReplay.hpp"
#include "postprocess/RaceSchedule.hpp"
#include "postprocess/cli/CommandLine.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>

namespace po = boost::program_options;

namespace drafting::post::cli {

int RaceCommand::run(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description desc;
    desc.add_options()("help,h", "")("schedule", po::value<std::string>())("sweep", po::value<std::string>())(
        "json", "")("output,o", po::value<std::string>());
    po::positional_options_description positional;
    positional.add("schedule", 1);
    const po::variables_map vm = CommandLine::parse(args, desc, positional);
    if (vm.count("help")) {
        out << PostCli::usage();
        return 0;
    }
    if (!vm.count("schedule")) throw PacingError("SCHEDULE: missing (see draft-post --help)");
    const std::string outShown = vm.count("output") ? CommandLine::checkOutputFolder(vm["output"].as<std::string>()) : "";
    const RaceSchedule schedule =
        RaceSchedule::load(vm["schedule"].as<std::string>(), vm.count("sweep") ? vm["sweep"].as<std::string>() : "");
    PacingInputs inputs;
    const auto segments = schedule.resolve(inputs);
    const PacingModel model(inputs);
    const RaceReplay::Result result = RaceReplay::run(model, segments, schedule.splitM);
    nlohmann::json j = result.toJson();
    j["cda_m2"] = model.cdaM2();
    j["sweep"] = schedule.sweepDir;
    if (vm.count("output")) {
        CommandLine::createOutputFolder(vm["output"].as<std::string>(), outShown);
        common::JsonFile::writeAtomic(vm["output"].as<std::string>() + "/race.json", j);
    }
    if (vm.count("json")) {
        out << j.dump(2) << '\n';
        return 0;
    }
    out << "alone " << formatRaceTime(result.baselineTimeS) << " (CdA " << CommandLine::fixed(model.cdaM2(), 3) << " m^2)\n";
    for (const auto& s : result.segments) {
        out << "  " << std::setw(7) << CommandLine::fixed(s["from_m"].get<double>(), 0) << "-" << std::setw(4) << std::left
            << CommandLine::fixed(s["to_m"].get<double>(), 0) << std::right << " m  " << std::setw(28) << std::left
            << s["formation"].get<std::string>() << std::right << " saving " << std::setw(5)
            << CommandLine::fixed(100.0 * s["drag_saving"].get<double>(), 1) << " %  " << CommandLine::fixed(s["speed_mps"].get<double>(), 3)
            << " m/s\n";
    }
    out << "splits:";
    for (const auto& s : result.splits) out << "  " << CommandLine::fixed(s.distanceM, 0) << " m " << formatRaceTime(s.timeS);
    out << "\npredicted time " << formatRaceTime(result.finalTimeS) << '\n';
    return 0;
}

}  // namespace drafting::post::cli
