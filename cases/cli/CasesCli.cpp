#include "cases/cli/CasesCli.hpp"

#include "cases/cli/CliOptions.hpp"
#include "cases/cli/CommandLine.hpp"
#include "cases/cli/GeometryCommand.hpp"
#include "cases/cli/PlanCommand.hpp"
#include "cases/cli/ReferenceCommand.hpp"
#include "cases/cli/RunCommand.hpp"
#include "cases/cli/RunTaskCommand.hpp"
#include "cases/cli/StatusCommand.hpp"
#include "cases/cli/SweepCommand.hpp"

#include <map>

namespace drafting::cases::cli {

std::string CasesCli::usage() { return CliOptions::usage(); }

int CasesCli::run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    int answered = 0;
    auto line = cli::CommandLine::parse(args, out, err, answered);
    if (!line) return answered;  // --version, --help, or no command
    // Two commands need none of the run settings: a listing and a body written on its own.
    if (line->command() == "reference" && line->has("list")) return cli::ReferenceCommand::list(*line, out);
    if (line->command() == "geometry") return cli::GeometryCommand::run(*line, out);
    line->checkRunSettings(out);

    // Every command CliOptions knows has its entry here (one file each under cases/cli/).
    using Command = int (*)(const cli::CommandLine&, std::ostream&, std::ostream&);
    static const std::map<std::string, Command> commands = {
        {"status", &cli::StatusCommand::run},   {"run-task", &cli::RunTaskCommand::run},
        {"reference", &cli::ReferenceCommand::run}, {"run", &cli::RunCommand::run},
        {"plan", &cli::PlanCommand::run},       {"generate", &cli::SweepCommand::run},
        {"sweep", &cli::SweepCommand::run},     {"convergence", &cli::SweepCommand::run}};
    return commands.at(line->command())(*line, out, err);
}

}  // namespace drafting::cases::cli
