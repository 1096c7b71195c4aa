#include "cases/cli/RunCommand.hpp"

#include "common/Error.hpp"
#include "cases/SlurmBackend.hpp"
#include "cases/SweepLayout.hpp"
#include "cases/SweepLock.hpp"
#include "cases/SweepRunner.hpp"
#include "cases/SweepTransaction.hpp"
#include "cases/ToolPaths.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace drafting::cases::cli {

int RunCommand::run(const CommandLine& line, std::ostream& out, std::ostream& err) {
    const std::string& target = line.target();
    if (!fs::exists(fs::path(target) / SweepLayout::kManifest))
        throw common::InputError("run: '" + target + "' is not a sweep directory (no manifest.json)");
    if (line.slurm()) {
        {
            const SweepLock lock(target);
            SweepTransaction::recover(target, out);
            SlurmBackend::submit(target, line.slurmOptions(), ToolPaths::discover(), out);
        }
        return line.slurmOptions().wait ? SlurmBackend::wait(target, out, err) : 0;
    }
    const SweepLock lock(target);
    const int failed = SweepRunner(ToolPaths::discover()).run(target, line.jobs(), line.force(), out, line.runOptions());
    if (failed > 0) {
        err << "draft-cases: " << failed << " case(s) failed (see " << target << "/manifest.json)\n";
        return 3;
    }
    return 0;
}

}  // namespace drafting::cases::cli
