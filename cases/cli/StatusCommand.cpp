#include "cases/cli/StatusCommand.hpp"

#include "common/Error.hpp"
#include "cases/slurm/SlurmStatus.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/run/SweepStatus.hpp"
#include "cases/run/SweepTransaction.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace drafting::cases::cli {

int StatusCommand::run(const CommandLine& line, std::ostream& out, std::ostream&) {
    const std::string& target = line.target();
    if (!fs::exists(fs::path(target) / files::SweepLayout::kManifest))
        throw common::InputError("status: '" + target + "' is not a sweep directory (no manifest.json)");
    auto status = run::SweepStatus::read(target);
    slurm::SlurmStatus::annotate(target, status);
    if (line.has("json")) out << status.dump(2) << '\n';
    else out << run::SweepStatus::table(status) << slurm::SlurmStatus::table(status);
    if (run::SweepTransaction::interrupted(target))
        out << "note: a generate was interrupted here; the next generate or run of " << target
            << " completes or undoes it\n";
    return 0;
}

}  // namespace drafting::cases::cli
