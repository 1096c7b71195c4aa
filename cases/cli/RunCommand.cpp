#include "cases/cli/RunCommand.hpp"

#include "common/Error.hpp"
#include "cases/slurm/SlurmBackend.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/run/SweepLock.hpp"
#include "cases/run/SweepRunner.hpp"
#include "cases/run/SweepTransaction.hpp"
#include "cases/files/ToolPaths.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace drafting::cases::cli {

int RunCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err) {
    const std::string& target = line.target();
    if (!fs::exists(fs::path(target) / files::SweepLayout::kManifest))
        throw common::InputError("run: '" + target + "' is not a sweep directory (no manifest.json)");
    if (line.slurm()) {
        {
            const run::SweepLock lock(target);
            run::SweepTransaction::recover(target, out);
            slurm::SlurmBackend::submit(target, line.slurmOptions(), files::ToolPaths::discover(), out);
        }
        return line.slurmOptions().wait ? slurm::SlurmBackend::wait(target, out, err) : 0;
    }
    const run::SweepLock lock(target);
    const int failed = run::SweepRunner(files::ToolPaths::discover()).run(target, line.jobs(), line.force(), out, line.runOptions());
    if (failed > 0) {
        err << "draft-cases: " << failed << " case(s) failed (see " << target << "/manifest.json)\n";
        return 3;
    }
    return 0;
}

}  // namespace drafting::cases::cli
