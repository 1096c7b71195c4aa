#include "postprocess/PostCli.hpp"

#include "cases/ConfigError.hpp"
#include "common/DecimalNumber.hpp"
#include "common/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "common/Printable.hpp"
#include "cases/SweepLayout.hpp"
#include "common/Units.hpp"
#include "common/Version.hpp"
#include "meshes/MeshLevel.hpp"
#include "postprocess/ConvergenceFile.hpp"
#include "postprocess/ModelFormFile.hpp"
#include "postprocess/FlowFieldExport.hpp"
#include "postprocess/HistoryPlot.hpp"
#include "postprocess/PacerDragPlot.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PacingModel.hpp"
#include "postprocess/PacingTable.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/RaceReplay.hpp"
#include "postprocess/ReportPage.hpp"
#include "postprocess/RaceSchedule.hpp"
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsPlot.hpp"
#include "postprocess/SavingsTable.hpp"
#include "postprocess/SweepReport.hpp"
#include "postprocess/TableText.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include <unistd.h>
#include <iomanip>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace drafting::post {

namespace {

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& desc,
                        const po::positional_options_description& positional) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
    } catch (const po::too_many_positional_options_error&) {
        throw cases::ConfigError("too many arguments (see draft-post --help)");
    } catch (const po::error& e) {
        throw cases::ConfigError(std::string("command line: ") + e.what());
    }
    return vm;
}

// A number option: one line naming the option and the text as given when it is not a finite
// decimal number (hex, inf and nan are refused).
double numberOption(const po::variables_map& vm, const char* key) {
    const std::string text = vm[key].as<std::string>();
    if (const auto v = common::DecimalNumber::parse(text)) return *v;
    throw PacingError(std::string("--") + key + " = " + common::Printable::quote(text) + ": not a number");
}

// -o OUT, checked before anything is computed or written: empty, a file, a path through a file
// or a dangling link, or a folder we may not write in is bad input (one line naming -o), never a
// filesystem_error after the reduction. Returns what names it in messages.
std::string checkOutputFolder(const std::string& outDir, const char* option = "-o") {
    const std::string shown = option + (" = " + common::Printable::quote(outDir));
    if (outDir.empty()) throw cases::ConfigError(shown + ": empty, not a folder");
    fs::path prefix, existing;
    bool whole = true;
    for (const auto& part : fs::path(outDir)) {
        if (part.empty()) continue;  // a trailing separator
        prefix /= part;
        std::error_code ec;
        const fs::file_status link = fs::symlink_status(prefix, ec);
        if (link.type() == fs::file_type::not_found || ec) {
            whole = false;
            break;  // created below, or create_directories names the reason
        }
        const std::string what = prefix == fs::path(outDir) ? std::string() : common::Printable::quote(prefix.string()) + " ";
        const fs::file_status target = fs::status(prefix, ec);
        if (fs::is_symlink(link) && target.type() == fs::file_type::not_found)
            throw cases::ConfigError(shown + ": " + what + "is a link to nothing");
        if (!fs::is_directory(target)) throw cases::ConfigError(shown + ": " + what + "is not a folder");
        existing = prefix;
    }
    // Where the first file or folder will be made: ours to write in? (root passes regardless.)
    const fs::path writable = whole ? fs::path(outDir) : (existing.empty() ? fs::path(".") : existing);
    if (::access(writable.c_str(), W_OK | X_OK) != 0)
        throw cases::ConfigError(shown + ": cannot write in " + common::Printable::quote(writable.string()) + ": " +
                                 std::generic_category().message(errno));
    return shown;
}

// fs::create_directories for -o: a failure (permission denied, a race with a file) is bad input.
void createOutputFolder(const std::string& outDir, const std::string& shown) {
    try {
        fs::create_directories(outDir);
    } catch (const fs::filesystem_error& e) {
        throw cases::ConfigError(shown + ": cannot create the folder: " + e.code().message());
    }
}

// Whether the sweep is a level folder of the convergence study above it: its manifest says so
// (schema 2); a manifest written before the mark existed (schema 1) is one when its folder is
// named like a mesh level. A manifest that cannot be read is not judged here: the reduction
// reports it.
bool isStudyLevel(const std::string& sweep) {
    cases::Manifest manifest;
    try {
        manifest = cases::Manifest::read(sweep);
    } catch (const std::runtime_error&) {
        return false;
    }
    if (!manifest.studyLevel.empty()) return true;
    if (manifest.schema >= 2) return false;
    fs::path folder = fs::path(sweep).lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path();  // "DIR/medium/"
    const auto& levels = meshes::MeshLevel::names();
    return std::find(levels.begin(), levels.end(), folder.filename().string()) != levels.end();
}

std::string fixed(double v, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", digits, v);
    return buf;
}

}  // namespace

std::string PostCli::usage() {
    return "usage: draft-post SWEEPDIR [-o OUT] [--no-plot] [--no-flow] [--race SCHEDULE] [--discretisation FILE]\n"
           "                        [--model-form FILE]\n"
           "       draft-post --version (the version, git commit and OpenFOAM version it was built with)\n"
           "       draft-post pace --mass KG --height M --baseline-time M:SS.ss --drag-saving F\n"
           "                       [--cda M2] [--air-density RHO] [--distance M] [--json]\n"
           "       draft-post race SCHEDULE [--sweep SWEEPDIR] [--json] [-o OUT]\n"
           "\n"
           "draft-post SWEEPDIR reduces a sweep (or a convergence study's directory) to\n"
           "  savings.csv/.json  the lead runner's drag saving against solo, with error bars\n"
           "  bodies.csv         every runner's drag and saving (lead and each pacer)\n"
           "  fit.json           saving vs front gap fitted per rear gap: s = 100 exp(-(g/L)^n)\n"
           "  pacing.csv/.json   each formation's predicted mile time (docs/pacing-model.md)\n"
           "  savings.png/.svg   saving vs front gap with error bars and fitted curves\n"
           "  pacers.png/.svg    the pacers' own saving; history.png/.svg the lead's drag histories\n"
           "  flow/              per case a chest-height slice (.vtp), the runners (.vtm) and speed.png;\n"
           "                     flow/FORMATION.pvd steps through its gaps in ParaView;\n"
           "                     flow/open-in-paraview.py opens one ready to look at\n"
           "  report.html        one self-contained page with all of it\n"
           "  -o, --output OUT   where to write (default: SWEEPDIR)\n"
           "  --no-plot          no images and no flow fields: tables, fit, pacing and report only\n"
           "  --no-flow          no flow fields\n"
           "  --race SCHEDULE    also replay a race from this sweep's savings (race.json, in the report)\n"
           "  --discretisation FILE\n"
           "                     a convergence study's convergence.json (e.g. docs/studies/mesh-NAME.json):\n"
           "                     saving_gci_pct is the bounded GCI of each saving at the sweep's level,\n"
           "                     where the study has that level, formation and case template\n"
           "                     (saving_gci_source says which case, or why none). Without it, a level\n"
           "                     folder of a study (DIR/medium) uses DIR/convergence.json\n"
           "  --model-form FILE  a model-form study (docs/studies/model-form-LEVEL.json, scripts/study.sh\n"
           "                     model-form): saving_model_pct is the spread of each saving over its\n"
           "                     models, for the cases the study ran at the sweep's level and case\n"
           "                     template (saving_model_source says which moves, or why none);\n"
           "                     saving_all_pct = iterative + GCI + model form in quadrature\n"
           "\n"
           "draft-post pace predicts one saving: drag saving F (0-1) of the athlete's solo drag\n"
           "  -> metabolic saving (Soares da Silva et al. 2022) -> speed (Kipp et al. 2019).\n"
           "  --cda M2           solo drag area (default: Pugh's frontal area x 0.75)\n"
           "  --air-density RHO  kg/m^3 (default " + TableText::plain(common::kAirDensity) + ")\n"
           "  --distance M       race distance (default " + TableText::plain(common::kMileMetres) + ", a mile)\n"
           "  --json             print JSON (mile_time_s, speed_gain_pct, metabolic_saving_pct, air_share_pct, ...)\n"
           "\n"
           "draft-post race replays a race with formation changes from a schedule file\n"
           "  (cases/examples/breaking4-race.cfg): predicted splits and final time.\n";
}

int PostCli::run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
                 const std::function<bool()>& ensureDisplay) {
    if (argv.size() >= 2 && argv[1] == "pace") return runPace(argv, out);
    if (argv.size() >= 2 && argv[1] == "race") return runRace(argv, out);

    po::options_description desc;
    desc.add_options()("help,h", "")("version", "")("output,o", po::value<std::string>())("no-plot", "")("no-flow", "")(
        "race", po::value<std::string>())("sweep", po::value<std::string>())("discretisation", po::value<std::string>())(
        "model-form", po::value<std::string>());
    po::positional_options_description positional;
    positional.add("sweep", 1);
    const po::variables_map vm = parse(std::vector<std::string>(argv.begin() + 1, argv.end()), desc, positional);
    if (vm.count("version")) {
        out << common::versionLine("draft-post") << '\n';
        return 0;
    }
    if (vm.count("help")) {
        out << usage();
        return 0;
    }
    if (!vm.count("sweep")) {
        err << usage();
        return 1;
    }
    std::string sweep = vm["sweep"].as<std::string>();
    const std::string outDir = vm.count("output") ? vm["output"].as<std::string>() : sweep;

    // The discretisation error of the savings: a study file given, else the study whose level
    // folder this sweep is; a study's own directory reduces its fine level.
    std::optional<nlohmann::json> convergence;
    std::string studyName;
    if (vm.count("discretisation")) {
        studyName = vm["discretisation"].as<std::string>();
        convergence = ConvergenceFile::read(studyName, "--discretisation");
    }
    // The model-form uncertainty of the savings: only from a study file given.
    std::optional<ModelFormFile> modelForm;
    const std::string modelFormName = vm.count("model-form") ? vm["model-form"].as<std::string>() : "";
    if (vm.count("model-form")) modelForm = ModelFormFile::read(modelFormName, "--model-form");
    using Layout = cases::SweepLayout;
    if (!fs::exists(fs::path(sweep) / Layout::kManifest) && fs::exists(fs::path(sweep) / Layout::kConvergence)) {
        if (!convergence) convergence = common::JsonFile::read(sweep + "/" + Layout::kConvergence), studyName = sweep;
        sweep += "/fine";
    } else if (!convergence && fs::exists(fs::path(sweep) / ".." / Layout::kConvergence) &&
               isStudyLevel(sweep)) {
        fs::path folder = fs::path(sweep).lexically_normal();
        if (folder.filename().empty()) folder = folder.parent_path();  // "DIR/medium/"
        convergence = common::JsonFile::read((fs::path(sweep) / ".." / Layout::kConvergence).string());
        studyName = folder.has_parent_path() ? folder.parent_path().string() : std::string(".");
    }
    if (!fs::exists(fs::path(sweep) / Layout::kManifest))
        throw cases::ConfigError("SWEEPDIR = " + common::Printable::quote(vm["sweep"].as<std::string>()) +
                                 ": not a sweep directory (no manifest.json)");
    const std::string outShown = checkOutputFolder(outDir, vm.count("output") ? "-o" : "SWEEPDIR (the output folder)");

    // Read and compute everything first: a sweep that cannot be reduced writes nothing.
    SavingsTable table = SavingsTable::fromSweep(sweep);
    const int gciAttached = convergence ? table.attachGci(*convergence, studyName) : 0;
    const int modelAttached = modelForm ? table.attachModelForm(*modelForm, modelFormName) : 0;
    const auto curves = SavingsFit::fit(table);
    const cases::Manifest manifest = cases::Manifest::read(sweep);
    std::optional<PacingTable> pacing;
    std::string pacingWarning;
    try {
        pacing = PacingTable::build(table, manifest.config);
    } catch (const PacingError& e) {
        pacingWarning = std::string("no pacing prediction: ") + e.what();
    }
    std::optional<nlohmann::json> race;
    if (vm.count("race")) {
        const RaceSchedule schedule = RaceSchedule::load(vm["race"].as<std::string>(), sweep);
        PacingInputs inputs;
        const auto segments = schedule.resolve(inputs);
        const PacingModel model(inputs);
        race = RaceReplay::run(model, segments, schedule.splitM).toJson();
        (*race)["cda_m2"] = model.cdaM2();
    }
    bool plot = vm.count("no-plot") == 0;
    const auto displayThere = [&] {
        if (ensureDisplay) return ensureDisplay();
        const char* display = std::getenv("DISPLAY");
        return display != nullptr && *display != '\0';
    };
    if (plot && !displayThere()) {
        err << "draft-post: warning: no X display and no xvfb-run; plots skipped (install xvfb)\n";
        plot = false;
    }

    createOutputFolder(outDir, outShown);
    table.writeCsv(outDir + "/savings.csv");
    table.writeBodiesCsv(outDir + "/bodies.csv");
    common::JsonFile::writeAtomic(outDir + "/savings.json", table.toJson());
    common::JsonFile::writeAtomic(outDir + "/fit.json", SavingsFit::toJson(curves));
    if (pacing) {
        pacing->writeCsv(outDir + "/pacing.csv");
        common::JsonFile::writeAtomic(outDir + "/pacing.json", pacing->toJson());
    }
    if (race) common::JsonFile::writeAtomic(outDir + "/race.json", *race);

    int ok = 0, failed = 0;
    for (const auto& r : table.rows()) (r.status == "ok" ? ok : failed)++;
    char solo[64];
    std::snprintf(solo, sizeof(solo), "%.3f N", table.soloDrag());
    out << "reduced " << table.rows().size() << " case(s): " << ok << " ok, " << failed << " failed; solo drag "
        << solo << '\n';
    for (const auto& r : table.rows()) {
        if (r.status != "ok")
            out << "  failed: " << TableText::terminal(r.caseName) << ": " << TableText::terminal(r.reason) << '\n';
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
    if (!pacingWarning.empty()) err << "draft-post: warning: " << pacingWarning << '\n';
    for (const auto& c : curves) {
        if (c.status == "fitted" || c.status == "exact") {
            out << "  fit " << c.label << ": L " << fixed(c.decayLength, 2) << " m, n " << fixed(c.shape, 2)
                << ", half saving at " << fixed(c.halfSavingGap(), 2) << " m, rmse " << fixed(c.rmse, 2)
                << " points (" << c.gaps.size() << " gaps)" << (c.note.empty() ? "" : "; " + c.note) << '\n';
        }
    }
    if (pacing) {
        for (const auto& r : pacing->rows()) {
            if (r.prediction && r.formation != "solo")
                out << "  pace " << r.caseName << ": saving " << fixed(100.0 * r.prediction->dragSaving, 1)
                    << " % -> mile " << formatRaceTime(r.prediction->timeS) << " (alone "
                    << formatRaceTime(pacing->inputs().baselineTimeS) << ")\n";
        }
    }
    out << "  " << outDir << "/savings.csv, bodies.csv, fit.json" << (pacing ? ", pacing.csv" : "") << '\n';

    SweepReport report;
    report.sweepName = manifest.sweepName;
    report.sweepDir = sweep;
    report.config = manifest.config;
    report.casesMadeBy = manifest.provenance;
    if (const fs::path echo = fs::path(sweep) / cases::SweepLayout::kConfigEcho; fs::is_regular_file(echo))
        report.configFile = fs::relative(echo, outDir).generic_string();
    report.table = &table;
    report.curves = &curves;
    report.pacing = pacing ? &*pacing : nullptr;
    if (convergence) report.gciStudy = studyName, report.gciAttached = gciAttached;
    if (modelForm) report.modelFormStudy = modelFormName, report.modelFormAttached = modelAttached;
    report.race = race;
    if (race) out << "  race replay: " << (*race)["final_time"].get<std::string>() << " (" << outDir << "/race.json)\n";
    if (!pacingWarning.empty()) report.warnings.push_back(pacingWarning);
    FlowSweepExport flow;
    if (plot) {
        auto figure = [&](const std::string& name, int series, const std::string& title, const std::string& caption) {
            if (series <= 0) return;
            report.figures.push_back({{"title", title}, {"path", name + ".png"}, {"caption", caption}});
            out << "  " << outDir << "/" << name << ".png (" << series << " series)\n";
        };
        figure("savings",
               SavingsPlot::write(table, outDir + "/savings.png", outDir + "/savings.svg",
                                  "Drag saving of the lead runner (solo " + std::string(solo) + ")", curves),
               "Lead runner's saving vs front gap",
               convergence ? "Markers: cases, with error bars of the iterative uncertainty and the saving's GCI in "
                             "quadrature (saving_total_pct; iterative alone where the GCI is unknown); dashed: the "
                             "fit of fit.json."
                           : "Markers: cases, with error bars of the iterative uncertainty (95 % interval and "
                             "drift; no convergence study given); dashed: the fit of fit.json.");
        figure("pacers",
               PacerDragPlot::write(table, outDir + "/pacers.png", outDir + "/pacers.svg", "The pacers' own drag saving"),
               "The pacers' own saving", "Each pacer's drag against the same solo runner (bodies.csv).");
        figure("history",
               HistoryPlot::writeSweep(table, sweep, outDir + "/history.png", outDir + "/history.svg",
                                       "Convergence: the lead runner's drag"),
               "Convergence histories", "The lead runner's drag per iteration (or time) in every finished case.");
        if (vm.count("no-flow") == 0) {
            flow = FlowFieldExport::exportSweep(sweep, outDir + "/flow");
            // The report links and embeds relative to where it lives.
            auto relative = [&](std::string& p) {
                if (!p.empty()) p = fs::relative(p, outDir).generic_string();
            };
            relative(flow.pvd);
            relative(flow.script);
            for (auto& s : flow.series) relative(s.pvd);
            for (auto& c : flow.cases) {
                relative(c.slice);
                relative(c.surfaces);
                relative(c.image);
            }
            common::JsonFile::writeAtomic(outDir + "/flow/flow.json", flow.toJson());
            report.flow = &flow;
            out << "  " << outDir << "/flow/open-in-paraview.py (" << flow.cases.size() << " case(s) in "
                << flow.series.size() << " formation series for ParaView)\n";
        }
    }
    ReportPage::write(report.model(), outDir);
    out << "  " << outDir << "/report.html\n";
    return 0;
}

int PostCli::runPace(const std::vector<std::string>& argv, std::ostream& out) {
    po::options_description desc;
    desc.add_options()("help,h", "")("mass", po::value<std::string>())("height", po::value<std::string>())(
        "baseline-time", po::value<std::string>())("drag-saving", po::value<std::string>())(
        "cda", po::value<std::string>())("air-density", po::value<std::string>())("distance", po::value<std::string>())(
        "json", "");
    const po::variables_map vm = parse(std::vector<std::string>(argv.begin() + 2, argv.end()), desc, {});
    if (vm.count("help")) {
        out << usage();
        return 0;
    }
    for (const char* key : {"mass", "height", "baseline-time", "drag-saving"})
        if (!vm.count(key)) throw PacingError(std::string("--") + key + ": missing (see draft-post --help)");
    PacingInputs in;
    in.massKg = numberOption(vm, "mass");
    in.heightM = numberOption(vm, "height");
    in.baselineTimeS = parseRaceTime("--baseline-time", vm["baseline-time"].as<std::string>());
    if (vm.count("cda")) in.cdaM2 = numberOption(vm, "cda");
    if (vm.count("air-density")) in.airDensity = numberOption(vm, "air-density");
    if (vm.count("distance")) in.distanceM = numberOption(vm, "distance");
    const double saving = numberOption(vm, "drag-saving");
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
    out << "alone:           " << formatRaceTime(in.baselineTimeS) << " (" << fixed(p.baselineSpeedMps, 3)
        << " m/s), drag " << fixed(p.soloDragN, 2) << " N = " << fixed(p.dragForceBwPct, 2) << " % of body weight\n"
        << "air share:       " << fixed(p.airSharePct, 2) << " % of metabolic power (CdA " << fixed(model.cdaM2(), 3)
        << " m^2)\n"
        << "drag saving:     " << fixed(100.0 * saving, 1) << " %\n"
        << "metabolic:       " << fixed(p.metabolicSavingPct, 2) << " % saved (" << fixed(p.metabolicPowerSavedW, 1)
        << " W of " << fixed(p.metabolicPowerW, 0) << " W)\n"
        << "speed:           +" << fixed(p.speedGainPct, 2) << " % (" << fixed(p.speedMps, 3) << " m/s)\n"
        << "predicted time:  " << formatRaceTime(p.timeS) << '\n';
    return 0;
}

int PostCli::runRace(const std::vector<std::string>& argv, std::ostream& out) {
    po::options_description desc;
    desc.add_options()("help,h", "")("schedule", po::value<std::string>())("sweep", po::value<std::string>())(
        "json", "")("output,o", po::value<std::string>());
    po::positional_options_description positional;
    positional.add("schedule", 1);
    const po::variables_map vm = parse(std::vector<std::string>(argv.begin() + 2, argv.end()), desc, positional);
    if (vm.count("help")) {
        out << usage();
        return 0;
    }
    if (!vm.count("schedule")) throw PacingError("SCHEDULE: missing (see draft-post --help)");
    const std::string outShown = vm.count("output") ? checkOutputFolder(vm["output"].as<std::string>()) : "";
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
        createOutputFolder(vm["output"].as<std::string>(), outShown);
        common::JsonFile::writeAtomic(vm["output"].as<std::string>() + "/race.json", j);
    }
    if (vm.count("json")) {
        out << j.dump(2) << '\n';
        return 0;
    }
    out << "alone " << formatRaceTime(result.baselineTimeS) << " (CdA " << fixed(model.cdaM2(), 3) << " m^2)\n";
    for (const auto& s : result.segments) {
        out << "  " << std::setw(7) << fixed(s["from_m"].get<double>(), 0) << "-" << std::setw(4) << std::left
            << fixed(s["to_m"].get<double>(), 0) << std::right << " m  " << std::setw(28) << std::left
            << s["formation"].get<std::string>() << std::right << " saving " << std::setw(5)
            << fixed(100.0 * s["drag_saving"].get<double>(), 1) << " %  " << fixed(s["speed_mps"].get<double>(), 3)
            << " m/s\n";
    }
    out << "splits:";
    for (const auto& s : result.splits) out << "  " << fixed(s.distanceM, 0) << " m " << formatRaceTime(s.timeS);
    out << "\npredicted time " << formatRaceTime(result.finalTimeS) << '\n';
    return 0;
}

}  // namespace drafting::post
