#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace drafting::post {

/// The draft-post command line: draft-post SWEEPDIR [-o OUT] [--no-plot].
class PostCli {
public:
    /// `argv` includes the program name (needed to re-run under xvfb-run for plots).
    static int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
    static std::string usage();
};

}  // namespace drafting::post
