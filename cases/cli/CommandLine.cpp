#include "cases/cli/CommandLine.hpp"

#include "cases/cli/CliOptions.hpp"
#include "common/Error.hpp"
#include "cases/study/ConvergenceStudy.hpp"
#include "cases/files/Provenance.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/files/ToolPaths.hpp"
#include "common/Printable.hpp"
#include "common/Version.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>
#include <utility>
#include <unistd.h>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace drafting::cases::cli {

namespace {

// Splits "--section.key value" / "--section.key=value" config overrides from the rest, since
// Boost.PO cannot know which unregistered options take a value.
void splitOverrides(const std::vector<std::string>& args, std::vector<std::string>& own,
                    std::vector<std::string>& overrides) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const std::string key = a.size() > 2 && a.compare(0, 2, "--") == 0 ? a.substr(2, a.find('=') - 2) : "";
        // Config keys have a section ("athlete.height"); "name" is the one top-level key.
        const bool isKey = key.find('.') != std::string::npos || key == "name";
        if (!isKey) {
            own.push_back(a);
            continue;
        }
        if (a.find('=') != std::string::npos) {
            overrides.push_back(a);
        } else {
            if (i + 1 >= args.size()) throw common::InputError(a.substr(2) + ": missing value on the command line");
            overrides.push_back(a + "=" + args[++i]);
        }
    }
}

}  // namespace

std::optional<CommandLine> CommandLine::parse(const std::vector<std::string>& args, std::ostream& out,
                                              std::ostream& err, int& exitCode) {
    files::Provenance::recordCommand("draft-cases", args);
    CommandLine line;
    std::vector<std::string> own;
    splitOverrides(args, own, line.overrides_);

    po::options_description desc;
    desc.add_options()("help,h", "")("version", "")("output,o", po::value<std::string>())("jobs,j", po::value<int>())(
        "max-cases", po::value<int>())("np", po::value<int>())("oversubscribe", "")("retries", po::value<int>())(
        "force", "")("json", "")("list", "")("levels", po::value<std::string>())("reduce-only", "")("continue", "")(
        "iterations", po::value<int>())("command", po::value<std::string>())(
        "target", po::value<std::string>())("height", po::value<std::string>())("mass", po::value<std::string>())(
        "pose", po::value<std::string>())("stride-phase", po::value<std::string>())("stl", po::value<std::string>())(
        "proportions", po::value<std::string>());
    // The Slurm backend (docs/cluster.md) and its hidden per-task command.
    desc.add_options()("backend", po::value<std::string>())("dry-run", "")("wait", "")(
        "partition", po::value<std::string>())("account", po::value<std::string>())("time", po::value<std::string>())(
        "module", po::value<std::vector<std::string>>()->composing())("ntasks", po::value<int>())(
        "signal-seconds", po::value<int>())("index", po::value<int>());
    po::positional_options_description positional;
    positional.add("command", 1).add("target", 1);

    try {
        po::store(po::command_line_parser(own).options(desc).positional(positional).run(), line.vm_);
    } catch (const po::too_many_positional_options_error&) {
        throw common::InputError("too many arguments (see draft-cases --help)");
    } catch (const po::error& e) {
        // Boost quotes the option as given: escape it, cut it, keep the line one line.
        throw common::InputError("command line: " + common::Printable::quote(e.what(), 200));
    }
    const auto& vm = line.vm_;
    if (vm.count("version")) {
        out << common::versionLine("draft-cases") << '\n';
        exitCode = 0;
        return std::nullopt;
    }
    if (!vm.count("command")) {
        (vm.count("help") ? out : err) << CliOptions::usage();
        exitCode = vm.count("help") ? 0 : 1;
        return std::nullopt;
    }

    line.command_ = vm["command"].as<std::string>();
    const std::string& command = line.command_;
    if (!CliOptions::isCommand(command)) {
        std::string known;
        for (const auto& c : CliOptions::commands()) known += (known.empty() ? "" : ", ") + c;
        throw common::InputError("command " + common::Printable::quote(command, 40) + " is unknown (" + known + ")");
    }
    if (vm.count("help")) {
        out << CliOptions::usage(command);
        exitCode = 0;
        return std::nullopt;
    }
    if (command != "geometry")
        for (const auto& [geometryOnly, configKey] :
             {std::pair<const char*, const char*>{"height", "athlete.height"}, {"mass", "athlete.mass"},
              {"pose", "geometry.pose"}, {"stride-phase", "geometry.stride_phase"}, {"stl", "geometry.stl"},
              {"proportions", "athlete.proportions"}})
            if (vm.count(geometryOnly))
                throw common::InputError(std::string("--") + geometryOnly + ": belongs to the geometry command (in a sweep: --" +
                                         configKey + ")");
    {
        // Every other option the command does not take is refused, never ignored.
        std::vector<std::string> given;
        for (const auto& [name, value] : vm)
            if (name != "command" && name != "target" && !value.defaulted()) given.push_back(name);
        CliOptions::checkBelongs(command, given);
    }
    if (vm.count("target")) line.target_ = vm["target"].as<std::string>();
    return line;
}

std::string CommandLine::text(const char* option) const { return vm_[option].as<std::string>(); }

int CommandLine::number(const char* option) const { return vm_[option].as<int>(); }

void CommandLine::checkRunSettings(const std::ostream& out) {
    const auto& vm = vm_;
    const std::string& command = command_;
    if (!vm.count("target"))
        throw common::InputError(command + ": missing " +
                          std::string(command == "run" || command == "status" || command == "run-task" ? "DIR"
                                      : command == "reference"                                             ? "NAME"
                                                                                                           : "CONFIG"));
    const std::string& target = target_;

    // Slurm options are checked with everything else, before anything is written.
    backend_ = vm.count("backend") ? vm["backend"].as<std::string>() : "local";
    if (backend_ != "local" && backend_ != "slurm")
        throw common::InputError(common::ErrorSite::of("--backend", backend_), "use local or slurm");
    for (const char* opt : {"dry-run", "wait", "partition", "account", "time", "module", "ntasks", "signal-seconds"})
        if (vm.count(opt) && backend_ != "slurm")
            throw common::InputError(std::string("--") + opt + ": belongs to --backend slurm (run or sweep)");
    if (backend_ == "slurm") {
        if (vm.count("partition")) slurm_.partition = vm["partition"].as<std::string>();
        if (vm.count("account")) slurm_.account = vm["account"].as<std::string>();
        if (vm.count("time")) slurm_.timeLimit = vm["time"].as<std::string>();
        if (vm.count("module")) slurm_.modules = vm["module"].as<std::vector<std::string>>();
        if (vm.count("ntasks")) slurm_.ntasks = vm["ntasks"].as<int>();
        if (vm.count("signal-seconds")) slurm_.signalSeconds = vm["signal-seconds"].as<int>();
        if (vm.count("jobs")) slurm_.maxParallel = vm["jobs"].as<int>();
        slurm_.dryRun = vm.count("dry-run") != 0;
        slurm_.wait = vm.count("wait") != 0;
        if (vm.count("force")) throw common::InputError("--force: not with --backend slurm (run it locally)");
        if (vm.count("continue")) throw common::InputError("--continue: not with --backend slurm (run it locally)");
        if (vm.count("np")) throw common::InputError("--np: not with --backend slurm; --ntasks N gives each case N MPI ranks");
        if (vm.count("oversubscribe")) throw common::InputError("--oversubscribe: not with --backend slurm (Slurm places the ranks)");
        if (vm.count("retries")) slurm_.retries = vm["retries"].as<int>();
        slurm::SlurmBackend::validate(slurm_);
        const bool sweeps = command == "sweep" && vm.count("output");
        slurm::SlurmBackend::checkPaths(sweeps ? vm["output"].as<std::string>() : target, files::ToolPaths::discover());
        // run: the manifest's names and an earlier jobs.json reach the scripts and squeue too;
        // refused here, before the sweep's lock file is touched. (sweep: checked in submit.)
        if (command == "run" && fs::exists(fs::path(target) / files::SweepLayout::kManifest))
            slurm::SlurmBackend::prepare(target, slurm_, files::ToolPaths::discover());
    }
    // Checked before the config is read or anything is written.
    levels_ = vm.count("levels") ? study::ConvergenceStudy::parseLevels(vm["levels"].as<std::string>())
                                 : study::ConvergenceStudy::defaultLevels();

    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    jobs_ = cores;
    if (vm.count("jobs")) {
        jobs_ = vm["jobs"].as<int>();
        if (jobs_ < 1 || jobs_ > 256) throw common::InputError(common::ErrorSite::of("--jobs", std::to_string(jobs_)), "outside [1, 256]");
    }
    if (vm.count("np")) {
        runOptions_.ranks = vm["np"].as<int>();
        if (runOptions_.ranks < 1 || runOptions_.ranks > 1024)
            throw common::InputError(common::ErrorSite::of("--np", std::to_string(runOptions_.ranks)), "outside [1, 1024]");
        if (!vm.count("jobs")) jobs_ = std::max(1, cores / runOptions_.ranks);
    }
    runOptions_.oversubscribe = vm.count("oversubscribe") != 0;
    // A redrawn bar only where a person watches; logs, CI and Slurm output get plain lines.
    runOptions_.progressBar = &out == &std::cout && isatty(STDOUT_FILENO) != 0;
    if (jobs_ * runOptions_.ranks > cores && !runOptions_.oversubscribe && backend_ != "slurm")  // --jobs: the array's throttle
        throw common::InputError("--jobs " + std::to_string(jobs_) + " x --np " + std::to_string(runOptions_.ranks) + " = " +
                          std::to_string(jobs_ * runOptions_.ranks) + ": more than the " + std::to_string(cores) +
                          " cores (add --oversubscribe to allow it)");
    if (vm.count("retries")) {
        runOptions_.retries = vm["retries"].as<int>();
        if (runOptions_.retries < 0 || runOptions_.retries > 10)
            throw common::InputError(common::ErrorSite::of("--retries", std::to_string(runOptions_.retries)), "outside [0, 10]");
        slurm_.retries = runOptions_.retries;
    }
    if (vm.count("iterations") && !vm.count("continue"))
        throw common::InputError("--iterations: only with --continue (the config's solver.max_iterations sets a run's)");
    if (vm.count("continue") && vm.count("force"))
        throw common::InputError("--continue: not with --force (--force runs finished cases again from their mesh)");
    if (vm.count("continue")) {
        runOptions_.continueUnconverged = true;
        if (vm.count("iterations")) {
            runOptions_.continueIterations = vm["iterations"].as<int>();
            if (runOptions_.continueIterations < 1 || runOptions_.continueIterations > 1000000)
                throw common::InputError(common::ErrorSite::of("--iterations", std::to_string(runOptions_.continueIterations)),
                                         "outside [1, 1000000]");
        }
    }
    if (vm.count("max-cases")) {
        maxCases_ = vm["max-cases"].as<int>();
        if (maxCases_ < 1) throw common::InputError(common::ErrorSite::of("--max-cases", std::to_string(maxCases_)), "must be at least 1");
    }
    const bool needsOutput =
        command == "generate" || command == "sweep" || command == "reference" || command == "convergence";
    if (needsOutput && !vm.count("output")) throw common::InputError(command + ": missing -o DIR");
    if ((command == "run" || command == "status" || command == "run-task") && !overrides_.empty())
        throw common::InputError(command + ": config overrides (" + common::Printable::quote(overrides_.front(), 80) +
                          ") belong to generate or sweep");
    if (command == "convergence" && vm.count("reduce-only"))
        for (const char* opt : {"jobs", "np", "oversubscribe", "retries"})
            if (vm.count(opt)) throw common::InputError(std::string("--") + opt + ": not with --reduce-only (nothing is run)");
}

std::string CommandLine::outputDir() const {
    const std::string dir = text("output");
    const std::string shown = "-o " + common::Printable::quote(dir);
    if (dir.empty()) throw common::InputError(shown + ": empty path");
    if (dir.find('\0') != std::string::npos || dir.size() > 4096) throw common::InputError(shown + ": not a usable path");
    // OpenFOAM drops blanks and quotes from a case's path (fileName::stripInvalid): every case in
    // such a folder would fail at blockMesh, so it is refused before anything is written.
    if (fs::absolute(dir).string().find_first_of(" \t\n\r\v\f\"'") != std::string::npos)
        throw common::InputError(shown + ": OpenFOAM cannot run a case whose path holds a blank or a quote (" +
                          common::Printable::quote(fs::absolute(dir).string(), 120) + ")");
    const fs::path path(dir);
    const auto own = fs::symlink_status(path);
    if (fs::is_symlink(own) && !fs::exists(fs::status(path)))
        throw common::InputError(shown + ": is a symbolic link to nothing");
    if (fs::exists(own) && !fs::is_directory(fs::status(path))) throw common::InputError(shown + ": exists and is not a folder");
    // Every existing ancestor must be a folder: "file/sub" cannot be made.
    for (fs::path up = path.parent_path(); !up.empty(); up = up.parent_path()) {
        const auto st = fs::status(up);
        if (fs::exists(st)) {
            if (!fs::is_directory(st))
                throw common::InputError(shown + ": " + common::Printable::quote(up.string()) + " is not a folder");
            break;
        }
        if (up == up.parent_path()) break;
    }
    return dir;
}

}  // namespace drafting::cases::cli
