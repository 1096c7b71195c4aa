#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace drafting::post {

/// The draft-post command line: reduce a sweep (cli::ReduceCommand), predict one saving
/// (cli::PaceCommand), replay a race (cli::RaceCommand), picked from a table.
class PostCli {
public:
    /// `argv` includes the program name. `ensureDisplay` is asked, once everything is read and
    /// before anything is written, whether an X display is there to plot with (VTK renders
    /// through X); draft-post's main may re-run the program under xvfb-run from it. Without one,
    /// a display is there when DISPLAY is set.
    static int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err,
                   const std::function<bool()>& ensureDisplay = {});
    static std::string usage();
};

}  // namespace drafting::post
