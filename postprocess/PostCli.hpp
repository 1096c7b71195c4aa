#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace drafting::post {

/// The draft-post command line: reduce a sweep, predict one saving (pace), replay a race (race).
class PostCli {
public:
    /// `argv` includes the program name (needed to re-run under xvfb-run for plots).
    static int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
    static std::string usage();

private:
    static int runPace(const std::vector<std::string>& argv, std::ostream& out);
    static int runRace(const std::vector<std::string>& argv, std::ostream& out);
};

}  // namespace drafting::post
