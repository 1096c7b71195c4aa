#include "cases/cli/StatusCommand.hpp"

#include "common/Error.hpp"
#include "cases/SlurmStatus.hpp"
#include "cases/SweepLayout.hpp"
#include "cases/SweepStatus.hpp"
#include "cases/SweepTransaction.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace drafting::cases::cli {

int StatusCommand::run(const CommandLine& line, std::ostream& out, std::ostream&) {
    const std::string& target = line.target();
    if (!fs::exists(fs::path(target) / SweepLayout::kManifest))
        throw common::InputError("status: '" + target + "' is not a sweep directory (no manifest.json)");
    auto status = SweepStatus::read(target);
    SlurmStatus::annotate(target, status);
    if (line.has("json")) out << status.dump(2) << '\n';
    else out << SweepStatus::table(status) << SlurmStatus::table(status);
    if (SweepTransaction::interrupted(target))
        out << "note: a generate was interrupted here; the next generate or run of " << target
            << " completes or undoes it\n";
    return 0;
}

}  // namespace drafting::cases::cli
