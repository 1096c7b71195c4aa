#include "postprocess/PostCli.hpp"

#include "cases/ConfigError.hpp"
#include "cases/JsonFile.hpp"
#include "postprocess/OffscreenDisplay.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SavingsPlot.hpp"
#include "postprocess/SavingsTable.hpp"

#include <boost/program_options.hpp>

#include <cstdio>
#include <filesystem>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace drafting::post {

std::string PostCli::usage() {
    return "usage: draft-post SWEEPDIR [-o OUT] [--no-plot]\n"
           "Reduces a sweep to savings.csv / savings.json (lead runner's drag against solo)\n"
           "and plots saving vs front gap as savings.png / savings.svg.\n"
           "  -o, --output OUT   where to write (default: SWEEPDIR)\n"
           "  --no-plot          tables only\n";
}

int PostCli::run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    po::options_description desc;
    desc.add_options()("help,h", "")("output,o", po::value<std::string>())("no-plot", "")(
        "sweep", po::value<std::string>());
    po::positional_options_description positional;
    positional.add("sweep", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(std::vector<std::string>(argv.begin() + 1, argv.end()))
                      .options(desc)
                      .positional(positional)
                      .run(),
                  vm);
    } catch (const po::too_many_positional_options_error&) {
        throw cases::ConfigError("too many arguments (see draft-post --help)");
    } catch (const po::error& e) {
        throw cases::ConfigError(std::string("command line: ") + e.what());
    }
    if (vm.count("help")) {
        out << usage();
        return 0;
    }
    if (!vm.count("sweep")) {
        err << usage();
        return 1;
    }
    const std::string sweep = vm["sweep"].as<std::string>();
    if (!fs::exists(sweep + "/manifest.json"))
        throw cases::ConfigError("SWEEPDIR = '" + sweep + "': not a sweep directory (no manifest.json)");
    const std::string outDir = vm.count("output") ? vm["output"].as<std::string>() : sweep;

    // Read everything first: a sweep that cannot be reduced writes nothing.
    const SavingsTable table = SavingsTable::fromSweep(sweep);
    bool plot = vm.count("no-plot") == 0;
    if (plot && !OffscreenDisplay::ensure(argv)) {
        err << "draft-post: warning: no X display and no xvfb-run; plots skipped (install xvfb)\n";
        plot = false;
    }

    fs::create_directories(outDir);
    table.writeCsv(outDir + "/savings.csv");
    cases::JsonFile::writeAtomic(outDir + "/savings.json", table.toJson());

    int ok = 0, failed = 0;
    for (const auto& r : table.rows()) (r.status == "ok" ? ok : failed)++;
    char solo[64];
    std::snprintf(solo, sizeof(solo), "%.3f N", table.soloDrag());
    out << "reduced " << table.rows().size() << " case(s): " << ok << " ok, " << failed << " failed; solo drag "
        << solo << '\n';
    for (const auto& r : table.rows()) {
        if (r.status != "ok") out << "  failed: " << r.caseName << ": " << r.reason << '\n';
    }
    std::string unsettled;
    for (const auto& r : table.rows()) {
        if (r.status == "ok" && !r.converged) unsettled += (unsettled.empty() ? "" : ", ") + r.caseName;
    }
    if (!unsettled.empty()) {
        err << "draft-post: warning: not converged (drag is a mean over the final iterations, see drag_std_N in "
               "results.json): "
            << unsettled << '\n';
    }
    out << "  " << outDir << "/savings.csv\n";
    if (plot) {
        const int series = SavingsPlot::write(table, outDir + "/savings.png", outDir + "/savings.svg",
                                              "Drag saving of the lead runner (solo " + std::string(solo) + ")");
        if (series > 0) out << "  " << outDir << "/savings.png (" << series << " series)\n";
    }
    return 0;
}

}  // namespace drafting::post
