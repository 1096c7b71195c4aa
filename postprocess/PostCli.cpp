#include "postprocess/PostCli.hpp"

#include "common/Units.hpp"
#include "postprocess/TableText.hpp"
#include "postprocess/cli/PaceCommand.hpp"
#include "postprocess/cli/RaceCommand.hpp"
#include "postprocess/cli/ReduceCommand.hpp"

#include <map>

namespace drafting::post {

std::string PostCli::usage() {
    return "usage: draft-post SWEEPDIR [-o OUT] [--no-plot] [--no-flow] [--race SCHEDULE] [--discretisation FILE]\n"
           "                        [--model-form FILE] [--compare LABEL=SWEEPDIR ...] [--phase-sweep SWEEPDIR ...]\n"
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
           "  factors.csv/.json  with --compare: this sweep's savings beside other sweeps'\n"
           "  stride.csv/.json   with --phase-sweep: the lead's saving over her stride\n"
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
           "  --compare LABEL=SWEEPDIR\n"
           "                     (repeatable) this sweep's lead savings beside other sweeps of the same\n"
           "                     cases at the same level, each against its own solo, with each one's move\n"
           "                     from the first compared (e.g. the identical-mannequin, in-step, calm-air\n"
           "                     sweep): factors.csv/.json, factors.png and the report's \"Beside other\n"
           "                     sweeps\"; this sweep is labelled by its folder's name\n"
           "  --phase-sweep SWEEPDIR\n"
           "                     (repeatable) the same sweep at another phase of her stride\n"
           "                     (geometry.stride_phase; no other setting may differ): the lead's drag\n"
           "                     averaged over the stride (quasi-steady: the mean of the instants' drags\n"
           "                     against the mean of her solo's), with its phase-sampling uncertainty\n"
           "                     (from 4 phases) and the range of the instants' savings; the phases\n"
           "                     must be evenly spaced over the stride (0, 0.25, 0.5, 0.75):\n"
           "                     stride.csv/.json and the report's \"Over the stride\"\n"
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
    // One file per command under postprocess/cli/; anything but a command name is a sweep to reduce.
    using Command = int (*)(const std::vector<std::string>&, std::ostream&);
    static const std::map<std::string, Command> commands = {{"pace", &cli::PaceCommand::run},
                                                            {"race", &cli::RaceCommand::run}};
    if (argv.size() >= 2)
        if (const auto command = commands.find(argv[1]); command != commands.end())
            return command->second(std::vector<std::string>(argv.begin() + 2, argv.end()), out);
    return cli::ReduceCommand::run(std::vector<std::string>(argv.begin() + 1, argv.end()), out, err, ensureDisplay);
}

}  // namespace drafting::post
