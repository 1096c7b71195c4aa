#pragma once
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options/variables_map.hpp>

namespace drafting::cases {

/// The draft-cases command line (plan | generate | run | sweep | status |
/// convergence | geometry | reference). Throws ConfigError for bad
/// input (before anything is written) and RunError for failures while running.
class CasesCli {
public:
    /// `args` excludes the program name. Returns the exit code: 0, or 3 when cases failed.
    static int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

    static std::string usage();

private:
    /// draft-cases geometry: a runner surface and its description, written nowhere else.
    static int geometry(const boost::program_options::variables_map& vm, std::ostream& out);
};

}  // namespace drafting::cases
