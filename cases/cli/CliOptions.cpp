#include "cases/cli/CliOptions.hpp"

#include "common/Error.hpp"

#include <algorithm>
#include <set>

namespace drafting::cases::cli {

namespace {

struct Command {
    const char* name;
    const char* synopsis;     // after "draft-cases "
    const char* description;  // what it does, in lines of at most 100 characters
};

struct Option {
    const char* name;    // as Boost stores it
    const char* spelling;  // as the help shows it
    const char* help;      // continuation lines start with a newline and are indented by the printer
    std::set<std::string> commands;
};

const std::vector<Command>& commandTable() {
    static const std::vector<Command> table = {
        {"plan", "plan CONFIG [--json]",
         "list the cases CONFIG expands to and each runner's position (writes nothing); --json prints\n"
         "the manifest.json generate would write"},
        {"generate", "generate CONFIG -o DIR", "write the OpenFOAM cases and manifest.json"},
        {"run", "run DIR [--continue [--iterations N]]",
         "run the cases of DIR that are not finished; --continue also runs on, from its final time, every\n"
         "finished steady case that did not converge"},
        {"status", "status DIR [--json]", "per-case state of a sweep (pending, ok, failed)"},
        {"sweep", "sweep CONFIG -o DIR", "generate, then run"},
        {"convergence", "convergence CONFIG -o DIR [--levels L1,L2,L3[,L4]] [--reduce-only]",
         "run CONFIG at each level (default coarse,medium,fine; also extra-fine) into DIR/LEVEL and\n"
         "reduce every consecutive triplet: each body's extrapolated drag and saving, order and GCI\n"
         "(DIR/convergence.json, .csv); --reduce-only runs nothing"},
        {"geometry", "geometry -o FILE.stl [--height M] [--mass KG] [--proportions winter|female|male] [--pose mid-stride|standing | --stride-phase P] [--stl IN.stl]",
         "write a 3D runner surface and FILE.json beside it"},
        {"reference", "reference NAME -o DIR | reference --list",
         "run a reference flow and check it; DIR/results.json holds values and checks; a 3D one takes\n"
         "--mesh.level (default coarse) and its box as --mesh.upstream, --mesh.downstream, --mesh.side,\n"
         "--mesh.above (default its own); --list prints every reference: name, 2D or 3D, title"},
    };
    return table;
}

const std::set<std::string> kRunning = {"run", "sweep", "convergence"};
const std::set<std::string> kSlurm = {"run", "sweep"};

const std::vector<Option>& optionTable() {
    static const std::vector<Option> table = {
        {"output", "-o, --output DIR",
         "the sweep directory (geometry: the .stl to write; reference: its folder)",
         {"generate", "sweep", "convergence", "geometry", "reference"}},
        {"jobs", "-j, --jobs N",
         "cases run at once (default: cores; with slurm: array tasks at once)",
         {"run", "sweep", "convergence", "reference"}},
        {"max-cases", "--max-cases N", "refuse sweeps larger than N cases (default 200)",
         {"plan", "generate", "sweep", "convergence"}},
        {"force", "--force",
         "run/sweep: re-run finished cases too; generate/sweep: replace finished cases whose\n"
         "settings changed or that the config drops",
         {"generate", "run", "sweep", "convergence"}},
        {"np", "--np N", "MPI ranks per case (decomposePar, mpirun, reconstructPar; default 1)", kRunning},
        {"oversubscribe", "--oversubscribe", "allow jobs x np above the cores",
         {"run", "sweep", "convergence", "reference"}},
        {"retries", "--retries N",
         "re-runs of a case whose program died or failed (default 1; with slurm, inside the case's\n"
         "array task)",
         {"run", "sweep", "convergence", "run-task"}},
        {"json", "--json", "print JSON instead of a table", {"status", "plan"}},
        {"continue", "--continue",
         "run on finished steady cases that did not converge, from their final time, with runnerDrag's\n"
         "averaging carried over; the earlier results.json stays until the new one is written",
         {"run"}},
        {"iterations", "--iterations N", "with --continue: iterations more per case (default: as many again)", {"run"}},
        {"levels", "--levels L1,L2,L3[,L4]", "the mesh levels of the study", {"convergence"}},
        {"reduce-only", "--reduce-only", "reduce the levels already run; run nothing", {"convergence"}},
        {"list", "--list", "every reference: name, 2D or 3D, title", {"reference"}},
        {"height", "--height M", "the runner's height (default the config's)", {"geometry"}},
        {"mass", "--mass KG", "the runner's mass", {"geometry"}},
        {"pose", "--pose mid-stride|standing", "the parametric pose", {"geometry"}},
        {"stride-phase", "--stride-phase P", "pose at phase P (0-1, 0 = right foot strike) of the measured stride instead", {"geometry"}},
        {"proportions", "--proportions SET", "limb proportions: winter (Winter 2009, default), female or male (de Leva 1996)", {"geometry"}},
        {"stl", "--stl IN.stl", "scale and describe your own body instead", {"geometry"}},
        {"backend", "--backend local|slurm",
         "run here (default) or submit one Slurm job array and a reduce job (docs/cluster.md)", kSlurm},
        {"partition", "--partition P", "slurm: the partition", kSlurm},
        {"account", "--account A", "slurm: the account", kSlurm},
        {"time", "--time LIMIT", "slurm: each array task's time limit", kSlurm},
        {"module", "--module M", "slurm: a module to load first (repeatable)", kSlurm},
        {"ntasks", "--ntasks N", "slurm: MPI ranks per case", kSlurm},
        {"signal-seconds", "--signal-seconds S", "slurm: SIGUSR1 S s before the limit (default 60)", kSlurm},
        {"dry-run", "--dry-run", "slurm: write SWEEPDIR/slurm/*.sbatch, submit nothing", kSlurm},
        {"wait", "--wait", "slurm: block until the array and the reduce job are done", kSlurm},
        {"index", "--index I", "run-task: the case's line in SWEEPDIR/slurm/cases.txt", {"run-task"}},
    };
    return table;
}

void printOption(std::string& text, const Option& o) {
    std::string spelling = std::string("  ") + o.spelling;
    std::string help = o.help;
    std::string indent(26, ' ');
    std::string first = spelling.size() < 26 ? spelling + std::string(26 - spelling.size(), ' ') : spelling + "\n" + indent;
    std::string body;
    for (char c : help) body += c == '\n' ? "\n" + indent : std::string(1, c);
    text += first + body + "\n";
}

const char* kOverrides = "Any config key can be overridden as --section.key value (see docs/config.md).\n";

}  // namespace

const std::vector<std::string>& CliOptions::commands() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& c : commandTable()) n.push_back(c.name);
        return n;
    }();
    return names;
}

bool CliOptions::isCommand(const std::string& name) {
    const auto& n = commands();
    return name == "run-task" || std::find(n.begin(), n.end(), name) != n.end();
}

std::string CliOptions::usage() {
    std::string text = "usage: draft-cases COMMAND [options] [--section.key value ...]\n"
                       "       draft-cases COMMAND --help   (that command and its options)\n"
                       "commands:\n";
    for (const auto& c : commandTable()) {
        text += std::string("  ") + c.synopsis + "\n";
        std::string indent(26, ' ');
        text += indent;
        for (const char* p = c.description; *p; ++p) text += *p == '\n' ? "\n" + indent : std::string(1, *p);
        text += "\n";
    }
    text += "options:\n";
    for (const auto& o : optionTable())
        if (o.commands != std::set<std::string>{"run-task"}) printOption(text, o);
    text += "  -h, --help              this text\n"
            "  --version               the version, git commit and OpenFOAM version it was built with\n";
    return text + kOverrides;
}

std::string CliOptions::usage(const std::string& command) {
    const auto& table = commandTable();
    const auto c = std::find_if(table.begin(), table.end(), [&](const Command& x) { return command == x.name; });
    if (c == table.end()) return usage();
    std::string text = std::string("usage: draft-cases ") + c->synopsis + " [options]\n";
    for (const char* p = c->description; *p; ++p) text += *p;
    text += "\noptions:\n";
    for (const auto& o : optionTable())
        if (o.commands.count(command)) printOption(text, o);
    text += "  -h, --help              this text\n";
    // reference takes only its own --mesh keys (its description says which).
    if (command == "plan" || command == "generate" || command == "sweep" || command == "convergence") text += kOverrides;
    return text;
}

void CliOptions::checkBelongs(const std::string& command, const std::vector<std::string>& given) {
    for (const auto& name : given) {
        for (const auto& o : optionTable()) {
            if (name != o.name || o.commands.count(command)) continue;
            std::string owners;
            for (const auto& c : commands())  // in the help's order
                if (o.commands.count(c)) owners += (owners.empty() ? "" : ", ") + c;
            if (o.commands.count("run-task")) owners += (owners.empty() ? "" : ", ") + std::string("run-task");
            throw common::InputError("--" + name + ": belongs to " + owners + " (not " + command + ")");
        }
    }
}

}  // namespace drafting::cases::cli
