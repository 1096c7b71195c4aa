#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace drafting::post::cli {

/// draft-post SWEEPDIR [-o OUT] [--no-plot] [--no-flow] [--race SCHEDULE] [--discretisation FILE]
/// [--model-form FILE]: a sweep (or a convergence study's directory) reduced to the savings tables,
/// fits, pacing, plots, flow fields and the report. Everything is read and computed before the
/// first file is written, so a sweep that cannot be reduced writes nothing.
class ReduceCommand {
public:
    /// `args` follow the program name. `ensureDisplay`: see PostCli::run.
    static int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                   const std::function<bool()>& ensureDisplay);

private:
    /// Whether the sweep is a level folder of the convergence study above it.
    static bool isStudyLevel(const std::string& sweep);
};

}  // namespace drafting::post::cli
