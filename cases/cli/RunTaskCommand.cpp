#include "cases/cli/RunTaskCommand.hpp"

#include "cases/run/CaseTask.hpp"
#include "common/Error.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/files/ToolPaths.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace drafting::cases::cli {

int RunTaskCommand::run(const CommandLine& line, std::ostream& out, std::ostream&) {
    if (!line.has("index")) throw common::InputError("run-task: missing --index I");
    if (!fs::exists(fs::path(line.target()) / files::SweepLayout::kManifest))
        throw common::InputError("run-task: '" + line.target() + "' is not a sweep directory (no manifest.json)");
    return run::CaseTask(files::ToolPaths::discover()).run(line.target(), line.number("index"), out, line.runOptions().retries);
}

}  // namespace drafting::cases::cli
