#include "postprocess/cli/ReduceCommand.hpp"

#include "common/Error.hpp"
#include "cases/study/ConvergenceFile.hpp"
#include "cases/files/Manifest.hpp"
#include "cases/files/SweepLayout.hpp"
#include "common/JsonFile.hpp"
#include "common/Printable.hpp"
#include "common/Version.hpp"
#include "meshes/MeshLevel.hpp"
#include "postprocess/ComparisonPlot.hpp"
#include "postprocess/FlowFieldExport.hpp"
#include "postprocess/HistoryPlot.hpp"
#include "postprocess/ModelFormFile.hpp"
#include "postprocess/PacerDragPlot.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PacingModel.hpp"
#include "postprocess/PacingTable.hpp"
#include "postprocess/PostCli.hpp"
#include "postprocess/RaceReplay.hpp"
#include "postprocess/RaceSchedule.hpp"
#include "postprocess/ReportPage.hpp"
#include "postprocess/SavingsFit.hpp"
#include "postprocess/SavingsPlot.hpp"
#include "postprocess/SavingsTable.hpp"
#include "postprocess/StrideAverage.hpp"
#include "postprocess/SweepComparison.hpp"
#include "postprocess/SweepReport.hpp"
#include "postprocess/TableText.hpp"
#include "postprocess/cli/CommandLine.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace drafting::post::cli {

// Whether the sweep is a level folder of the convergence study above it: its manifest says so
// (schema 2); a manifest written before the mark existed (schema 1) is one when its folder is
// named like a mesh level. A manifest that cannot be read is not judged here: the reduction
// reports it.
bool ReduceCommand::isStudyLevel(const std::string& sweep) {
    cases::files::Manifest manifest;
    try {
        manifest = cases::files::Manifest::read(sweep);
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

int ReduceCommand::run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                       const std::function<bool()>& ensureDisplay) {
    po::options_description desc;
    desc.add_options()("help,h", "")("version", "")("output,o", po::value<std::string>())("no-plot", "")("no-flow", "")(
        "race", po::value<std::string>())("sweep", po::value<std::string>())("discretisation", po::value<std::string>())(
        "model-form", po::value<std::string>())("compare", po::value<std::vector<std::string>>()->composing())(
        "phase-sweep", po::value<std::vector<std::string>>()->composing());
    po::positional_options_description positional;
    positional.add("sweep", 1);
    const po::variables_map vm = CommandLine::parse(args, desc, positional);
    if (vm.count("version")) {
        out << common::versionLine("draft-post") << '\n';
        return 0;
    }
    if (vm.count("help")) {
        out << PostCli::usage();
        return 0;
    }
    if (!vm.count("sweep")) {
        err << PostCli::usage();
        return 1;
    }
    std::string sweep = vm["sweep"].as<std::string>();
    const std::string outDir = vm.count("output") ? vm["output"].as<std::string>() : sweep;

    // The discretisation error of the savings: a study file given, else the study whose level
    // folder this sweep is; a study's own directory reduces its fine level. A study file given
    // must be readable (exit 1); a study directory's own convergence.json that is not (damaged,
    // or of an older format) leaves the savings without a GCI, each row saying why.
    std::optional<cases::study::ConvergenceFile> convergence;
    std::string studyName, convergenceUnreadable;
    if (vm.count("discretisation")) {
        studyName = vm["discretisation"].as<std::string>();
        convergence = cases::study::ConvergenceFile::read(studyName, "--discretisation");
    }
    // A file that cannot be read at all (I/O) still fails the command (exit 2); one that reads
    // but is not a convergence.json of this format only leaves the savings without a GCI.
    const auto readStudy = [&](const std::string& path) {
        const nlohmann::json study = common::JsonFile::read(path);
        try {
            convergence = cases::study::ConvergenceFile::fromJson(study, path, common::JsonFields::Source::run);
        } catch (const common::RunError& e) {
            convergenceUnreadable = e.what();
        }
    };
    // The model-form uncertainty of the savings: only from a study file given.
    std::optional<ModelFormFile> modelForm;
    const std::string modelFormName = vm.count("model-form") ? vm["model-form"].as<std::string>() : "";
    if (vm.count("model-form")) modelForm = ModelFormFile::read(modelFormName, "--model-form");
    using Layout = cases::files::SweepLayout;
    if (!fs::exists(fs::path(sweep) / Layout::kManifest) && fs::exists(fs::path(sweep) / Layout::kConvergence)) {
        if (!convergence) readStudy(sweep + "/" + Layout::kConvergence), studyName = sweep;
        sweep += "/fine";
    } else if (!convergence && fs::exists(fs::path(sweep) / ".." / Layout::kConvergence) &&
               isStudyLevel(sweep)) {
        fs::path folder = fs::path(sweep).lexically_normal();
        if (folder.filename().empty()) folder = folder.parent_path();  // "DIR/medium/"
        readStudy((fs::path(sweep) / ".." / Layout::kConvergence).string());
        studyName = folder.has_parent_path() ? folder.parent_path().string() : std::string(".");
    }
    if (!fs::exists(fs::path(sweep) / Layout::kManifest))
        throw common::InputError("SWEEPDIR = " + common::Printable::quote(vm["sweep"].as<std::string>()) +
                                 ": not a sweep directory (no manifest.json)");
    std::vector<std::pair<std::string, std::string>> compared;
    if (vm.count("compare"))
        for (const auto& value : vm["compare"].as<std::vector<std::string>>())
            compared.push_back(SweepComparison::parseOption(value));
    const std::string outShown = CommandLine::checkOutputFolder(outDir, vm.count("output") ? "-o" : "SWEEPDIR (the output folder)");

    // Read and compute everything first: a sweep that cannot be reduced writes nothing.
    SavingsTable table = SavingsTable::fromSweep(sweep);
    const int gciAttached = convergence ? table.attachGci(*convergence, studyName) : 0;
    if (!convergenceUnreadable.empty()) table.attachNoGci(convergenceUnreadable, studyName);
    const int modelAttached = modelForm ? table.attachModelForm(*modelForm, modelFormName) : 0;
    const auto curves = SavingsFit::fit(table);
    // Beside other sweeps: this one is labelled by its folder's name.
    std::optional<SweepComparison> comparison;
    if (!compared.empty()) {
        fs::path folder = fs::path(sweep).lexically_normal();
        if (folder.filename().empty()) folder = folder.parent_path();
        std::string label = folder.filename().string();
        if (label.empty() || label == "." || label == "..") label = "this";
        comparison = SweepComparison::build(label, sweep, table, compared);
    }
    // Over her stride: this sweep and the same at other phases.
    std::optional<StrideAverage> stride;
    if (vm.count("phase-sweep"))
        stride = StrideAverage::build(sweep, table, vm["phase-sweep"].as<std::vector<std::string>>());
    const cases::files::Manifest manifest = cases::files::Manifest::read(sweep);
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

    CommandLine::createOutputFolder(outDir, outShown);
    table.writeCsv(outDir + "/savings.csv");
    table.writeBodiesCsv(outDir + "/bodies.csv");
    common::JsonFile::writeAtomic(outDir + "/savings.json", table.toJson());
    common::JsonFile::writeAtomic(outDir + "/fit.json", SavingsFit::toJson(curves));
    if (pacing) {
        pacing->writeCsv(outDir + "/pacing.csv");
        common::JsonFile::writeAtomic(outDir + "/pacing.json", pacing->toJson());
    }
    if (race) common::JsonFile::writeAtomic(outDir + "/race.json", *race);
    if (comparison) {
        comparison->writeCsv(outDir + "/factors.csv");
        common::JsonFile::writeAtomic(outDir + "/factors.json", comparison->toJson());
    }
    if (stride) {
        stride->writeCsv(outDir + "/stride.csv");
        common::JsonFile::writeAtomic(outDir + "/stride.json", stride->toJson());
    }

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
        if (r.status == "ok" && !r.converged)
            unsettled += (unsettled.empty() ? "" : ", ") + r.caseName +
                         (stride && manifest.config.stridePhase ? " (phase " + TableText::plain(*manifest.config.stridePhase) + ")" : "");
    }
    // The other phases' cases, named with their phase.
    std::string otherPhasesUnsettled;
    if (stride)
        for (const auto& p : stride->phases())
            if (p.dir != sweep)
                for (const auto& r : p.table.rows())
                    if (r.status == "ok" && !r.converged)
                        otherPhasesUnsettled += (otherPhasesUnsettled.empty() ? "" : ", ") + r.caseName + " (phase " +
                                                TableText::plain(p.phase) + ")";
    if (!otherPhasesUnsettled.empty()) unsettled += (unsettled.empty() ? "" : ", ") + otherPhasesUnsettled;
    if (!unsettled.empty()) {
        err << "draft-post: warning: not converged (drag is a mean over the final iterations, see drag_std_N in "
               "results.json): "
            << unsettled << '\n';
    }
    if (!pacingWarning.empty()) err << "draft-post: warning: " << pacingWarning << '\n';
    for (const auto& c : curves) {
        if (c.status == "fitted" || c.status == "exact") {
            out << "  fit " << c.label << ": L " << CommandLine::fixed(c.decayLength, 2) << " m, n " << CommandLine::fixed(c.shape, 2)
                << ", half saving at " << CommandLine::fixed(c.halfSavingGap(), 2) << " m, rmse " << CommandLine::fixed(c.rmse, 2)
                << " points (" << c.gaps.size() << " gaps)" << (c.note.empty() ? "" : "; " + c.note) << '\n';
        }
    }
    // With other phases of the stride, this sweep's own numbers are of one instant: said so.
    const std::string instant =
        stride && manifest.config.stridePhase ? " (her phase " + TableText::plain(*manifest.config.stridePhase) + " alone)" : "";
    if (pacing) {
        for (const auto& r : pacing->rows()) {
            if (r.prediction && r.formation != "solo")
                out << "  pace " << r.caseName << instant << ": saving " << CommandLine::fixed(100.0 * r.prediction->dragSaving, 1)
                    << " % -> mile " << formatRaceTime(r.prediction->timeS) << " (alone "
                    << formatRaceTime(pacing->inputs().baselineTimeS) << ")\n";
        }
    }
    out << "  " << outDir << "/savings.csv, bodies.csv, fit.json" << (pacing ? ", pacing.csv" : "")
        << (comparison ? ", factors.csv" : "") << (stride ? ", stride.csv" : "") << '\n';
    if (comparison) {
        const auto& sweeps = comparison->sweeps();
        for (const auto& row : comparison->rows()) {
            out << "  beside " << sweeps.front().label << ", " << TableText::terminal(row.caseName) << instant << ":";
            for (std::size_t i = 1; i < sweeps.size(); ++i) {
                const auto& cell = row.cells[i];
                out << ' ' << sweeps[i].label << ' '
                    << (cell.movePct ? (*cell.movePct >= 0 ? "+" : "") + CommandLine::fixed(*cell.movePct, 1) +
                                           (cell.moveIterPct ? " +/- " + CommandLine::fixed(*cell.moveIterPct, 1) : "") +
                                           " points"
                                     : "no move (" +
                                           (cell.status != "ok" ? cell.status : sweeps.front().label + " " + row.cells[0].status) +
                                           ")")
                    << (i + 1 < sweeps.size() ? "," : "");
            }
            out << '\n';
        }
    }

    if (stride) {
        std::string phases;
        for (const auto& p : stride->phases()) phases += (phases.empty() ? "" : ", ") + TableText::plain(p.phase);
        out << "  over the stride (phases " << phases << "; solo " << CommandLine::fixed(stride->soloDragN(), 3)
            << " N, spread " << CommandLine::fixed(stride->soloSpreadPct(), 1) << " %):\n";
        for (const auto& row : stride->rows()) {
            out << "    " << TableText::terminal(row.caseName) << ": ";
            if (row.savingPct) {
                out << "saving " << CommandLine::fixed(*row.savingPct, 1)
                    << (row.savingIterPct ? " +/- " + CommandLine::fixed(*row.savingIterPct, 1) + " (iterative)" : "")
                    << (row.savingPhasePct ? " +/- " + CommandLine::fixed(*row.savingPhasePct, 1) + " (phase sampling)"
                                           : " (phase sampling unknown: " + stride->samplingWhyNot() + ")")
                    << " %; instants " << CommandLine::fixed(*row.savingMinPct, 1) << " to "
                    << CommandLine::fixed(*row.savingMaxPct, 1) << " %";
                if (const auto p = pacing ? stride->pace(row, *pacing) : std::nullopt)
                    out << " -> mile " << formatRaceTime(p->timeS);
                out << '\n';
            } else
                out << "no mean (" << TableText::terminal(row.reason) << ")\n";
        }
    }

    SweepReport report;
    report.sweepName = manifest.sweepName;
    report.sweepDir = sweep;
    report.config = manifest.config;
    report.casesMadeBy = manifest.provenance;
    if (const fs::path echo = fs::path(sweep) / cases::files::SweepLayout::kConfigEcho; fs::is_regular_file(echo))
        report.configFile = fs::relative(echo, outDir).generic_string();
    report.table = &table;
    report.curves = &curves;
    report.pacing = pacing ? &*pacing : nullptr;
    if (convergence || !convergenceUnreadable.empty()) report.gciStudy = studyName, report.gciAttached = gciAttached;
    if (modelForm) report.modelFormStudy = modelFormName, report.modelFormAttached = modelAttached;
    report.race = race;
    report.comparison = comparison ? &*comparison : nullptr;
    report.stride = stride ? &*stride : nullptr;
    if (race) out << "  race replay: " << (*race)["final_time"].get<std::string>() << " (" << outDir << "/race.json)\n";
    if (!pacingWarning.empty()) report.warnings.push_back(pacingWarning);
    if (!otherPhasesUnsettled.empty())
        report.warnings.push_back("Not converged at the other phases of the stride (forces are a mean over the last "
                                  "iterations; see drag_std_N): " + otherPhasesUnsettled);
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
        if (comparison)
            figure("factors",
                   ComparisonPlot::write(*comparison, outDir + "/factors.png", outDir + "/factors.svg",
                                         "The lead's saving beside " + comparison->sweeps().front().label),
                   "Each sweep's saving vs front gap",
                   "Markers: cases, with error bars of the iterative uncertainty; one line per sweep "
                   "(factors.csv). Each saving is against that sweep's own solo runner.");
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

}  // namespace drafting::post::cli
