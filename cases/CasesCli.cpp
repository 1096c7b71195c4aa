#include "cases/CasesCli.hpp"

#include "cases/CaseTask.hpp"
#include "cases/CliOptions.hpp"
#include "cases/ConfigError.hpp"
#include "cases/ConvergenceStudy.hpp"
#include "common/DecimalNumber.hpp"
#include "common/JsonFile.hpp"
#include "cases/Manifest.hpp"
#include "cases/OutputFiles.hpp"
#include "common/Printable.hpp"
#include "cases/Provenance.hpp"
#include "cases/ReferenceCase.hpp"
#include "common/SafeName.hpp"
#include "cases/SlurmBackend.hpp"
#include "cases/SlurmStatus.hpp"
#include "cases/SweepConfig.hpp"
#include "cases/SweepLayout.hpp"
#include "cases/SweepLock.hpp"
#include "cases/SweepPlan.hpp"
#include "cases/SweepRunner.hpp"
#include "cases/SweepStatus.hpp"
#include "cases/SweepTransaction.hpp"
#include "cases/ToolPaths.hpp"
#include "common/ValueList.hpp"
#include "common/Version.hpp"
#include "meshes/Athlete.hpp"
#include "meshes/FoamFile.hpp"
#include "meshes/RunnerBody.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace drafting::cases {

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
            if (i + 1 >= args.size()) throw ConfigError(a.substr(2) + ": missing value on the command line");
            overrides.push_back(a + "=" + args[++i]);
        }
    }
}

// A number option of the geometry command, "--height 1.57": one line naming it when malformed.
double numberOption(const po::variables_map& vm, const char* name, double fallback) {
    if (!vm.count(name)) return fallback;
    const std::string text = vm[name].as<std::string>();
    if (const auto value = common::DecimalNumber::parse(text)) return *value;
    throw ConfigError(std::string("--") + name + " = " + common::Printable::quote(text) +
                      ": not a number (decimal digits, e.g. 1.57; no hex, inf or nan)");
}

// geometry has options of its own; a config override (split off before it sees the options)
// would be ignored silently, so it is refused, naming the option that does that job.
void refuseGeometryOverrides(const std::vector<std::string>& overrides) {
    if (overrides.empty()) return;
    const std::string& first = overrides.front();  // "--key=value"
    const std::string key = first.substr(2, first.find('=') - 2);
    const std::pair<const char*, const char*> own[] = {
        {"athlete.height", "--height"}, {"athlete.mass", "--mass"}, {"geometry.pose", "--pose"}, {"geometry.stl", "--stl"}};
    for (const auto& [configKey, option] : own)
        if (key == configKey)
            throw ConfigError("geometry: --" + key + " is a sweep-config key; use " + option + " (geometry takes no config)");
    throw ConfigError("geometry: takes no config overrides (" + common::Printable::quote("--" + key) +
                      "); use --height, --mass, --pose, --stl");
}

// The sweep folder of -o, refused in one line when it cannot be one: empty, a file, under a
// file, or a link to nowhere.
std::string checkedOutputDir(const std::string& dir) {
    const std::string shown = "-o " + common::Printable::quote(dir);
    if (dir.empty()) throw ConfigError(shown + ": empty path");
    if (dir.find('\0') != std::string::npos || dir.size() > 4096) throw ConfigError(shown + ": not a usable path");
    // OpenFOAM drops blanks and quotes from a case's path (fileName::stripInvalid): every case in
    // such a folder would fail at blockMesh, so it is refused before anything is written.
    if (fs::absolute(dir).string().find_first_of(" \t\n\r\v\f\"'") != std::string::npos)
        throw ConfigError(shown + ": OpenFOAM cannot run a case whose path holds a blank or a quote (" +
                          common::Printable::quote(fs::absolute(dir).string(), 120) + ")");
    const fs::path path(dir);
    const auto own = fs::symlink_status(path);
    if (fs::is_symlink(own) && !fs::exists(fs::status(path)))
        throw ConfigError(shown + ": is a symbolic link to nothing");
    if (fs::exists(own) && !fs::is_directory(fs::status(path))) throw ConfigError(shown + ": exists and is not a folder");
    // Every existing ancestor must be a folder: "file/sub" cannot be made.
    for (fs::path up = path.parent_path(); !up.empty(); up = up.parent_path()) {
        const auto st = fs::status(up);
        if (fs::exists(st)) {
            if (!fs::is_directory(st))
                throw ConfigError(shown + ": " + common::Printable::quote(up.string()) + " is not a folder");
            break;
        }
        if (up == up.parent_path()) break;
    }
    return dir;
}

// The study's table, and exit 3 when a case is not ok at every level (failed or not run yet).
int convergenceResult(const nlohmann::json& study, const std::string& dir, std::ostream& out, std::ostream& err) {
    out << ConvergenceStudy::table(study);
    int incomplete = 0;
    for (const auto& row : study["cases"]) incomplete += row["status"] != "ok";
    if (incomplete > 0) {
        err << "draft-cases: " << incomplete << " case(s) failed or not run at some level (see " << dir
            << "/convergence.json)\n";
        return 3;
    }
    return 0;
}

}  // namespace

int CasesCli::geometry(const po::variables_map& vm, std::ostream& out) {
    if (vm.count("target")) throw ConfigError("geometry: takes no CONFIG; use --height, --mass, --pose");
    if (!vm.count("output")) throw ConfigError("geometry: missing -o FILE.stl");
    const fs::path stlPath = vm["output"].as<std::string>();
    if (stlPath.extension() != ".stl")
        throw ConfigError("-o " + common::Printable::quote(stlPath.string()) + ": expected a .stl file name");
    fs::path jsonPath = stlPath;
    jsonPath.replace_extension(".json");
    // Both outputs are checked before the body is built, and written as a pair: an STL without
    // its description (or beside an older one) is never left behind.
    OutputFiles::check("-o", stlPath);
    OutputFiles::check("-o (its description)", jsonPath);
    const SweepConfig defaults;
    const meshes::Athlete athlete(numberOption(vm, "height", defaults.athleteHeight),
                                  numberOption(vm, "mass", defaults.athleteMass));
    const std::string pose = vm.count("pose") ? vm["pose"].as<std::string>() : defaults.geometryPose;
    const auto body = vm.count("stl") ? meshes::RunnerBody::fromStl(vm["stl"].as<std::string>(), athlete)
                                      : meshes::RunnerBody(athlete, meshes::RunnerBody::poseFrom(pose));
    // The solid's name comes from the file name only where it is safe; "runner" otherwise.
    std::string solid = stlPath.stem().string();
    if (!common::SafeName::isSafe(solid)) solid = "runner";
    // The source is the user's path: bytes that are not UTF-8 are replaced rather than thrown on.
    const std::string description =
        body.describe().dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    OutputFiles::writeAll({{stlPath, body.stl(solid)}, {jsonPath, description}});
    char line[200];
    std::snprintf(line, sizeof(line), "%s: height %.3f m, frontal area %.4f m^2 (Pugh %.4f), depth %.3f m, width %.3f m\n",
                  stlPath.string().c_str(), body.height(), body.frontalArea(), athlete.frontalArea(), body.depth(),
                  body.width());
    out << line << "wrote " << stlPath.string() << " and " << jsonPath.string() << '\n';
    return 0;
}

std::string CasesCli::usage() { return CliOptions::usage(); }

int CasesCli::run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    Provenance::recordCommand("draft-cases", args);
    std::vector<std::string> own, overrides;
    splitOverrides(args, own, overrides);

    po::options_description desc;
    desc.add_options()("help,h", "")("version", "")("output,o", po::value<std::string>())("jobs,j", po::value<int>())(
        "max-cases", po::value<int>())("np", po::value<int>())("oversubscribe", "")("retries", po::value<int>())(
        "force", "")("json", "")("list", "")("levels", po::value<std::string>())("reduce-only", "")("continue", "")(
        "iterations", po::value<int>())("command", po::value<std::string>())(
        "target", po::value<std::string>())("height", po::value<std::string>())("mass", po::value<std::string>())(
        "pose", po::value<std::string>())("stl", po::value<std::string>());
    // The Slurm backend (docs/cluster.md) and its hidden per-task command.
    desc.add_options()("backend", po::value<std::string>())("dry-run", "")("wait", "")(
        "partition", po::value<std::string>())("account", po::value<std::string>())("time", po::value<std::string>())(
        "module", po::value<std::vector<std::string>>()->composing())("ntasks", po::value<int>())(
        "signal-seconds", po::value<int>())("index", po::value<int>());
    po::positional_options_description positional;
    positional.add("command", 1).add("target", 1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(own).options(desc).positional(positional).run(), vm);
    } catch (const po::too_many_positional_options_error&) {
        throw ConfigError("too many arguments (see draft-cases --help)");
    } catch (const po::error& e) {
        // Boost quotes the option as given: escape it, cut it, keep the line one line.
        throw ConfigError("command line: " + common::Printable::quote(e.what(), 200));
    }
    if (vm.count("version")) {
        out << common::versionLine("draft-cases") << '\n';
        return 0;
    }
    if (!vm.count("command")) {
        (vm.count("help") ? out : err) << usage();
        return vm.count("help") ? 0 : 1;
    }

    const std::string command = vm["command"].as<std::string>();
    if (!CliOptions::isCommand(command)) {
        std::string known;
        for (const auto& c : CliOptions::commands()) known += (known.empty() ? "" : ", ") + c;
        throw ConfigError("command " + common::Printable::quote(command, 40) + " is unknown (" + known + ")");
    }
    if (vm.count("help")) {
        out << CliOptions::usage(command);
        return 0;
    }
    if (command != "geometry")
        for (const char* own : {"height", "mass", "pose", "stl"})
            if (vm.count(own))
                throw ConfigError(std::string("--") + own + ": belongs to the geometry command (in a sweep: --" +
                                  (std::string(own) == "pose" || std::string(own) == "stl" ? "geometry." : "athlete.") +
                                  own + ")");
    {
        // Every other option the command does not take is refused, never ignored.
        std::vector<std::string> given;
        for (const auto& [name, value] : vm)
            if (name != "command" && name != "target" && !value.defaulted()) given.push_back(name);
        CliOptions::checkBelongs(command, given);
    }
    if (vm.count("list")) {
        if (vm.count("target")) throw ConfigError("reference --list: takes no NAME");
        for (const auto& [name, value] : vm)
            if (name != "list" && name != "command" && !value.defaulted())
                throw ConfigError("reference --list: takes no other option (--" + name + ")");
        if (!overrides.empty()) throw ConfigError("reference --list: takes no config overrides (" + common::Printable::quote(overrides.front(), 80) + ")");
        out << ReferenceCase::listing();
        return 0;
    }
    if (command == "geometry") {
        refuseGeometryOverrides(overrides);
        return geometry(vm, out);
    }
    if (!vm.count("target"))
        throw ConfigError(command + ": missing " +
                          std::string(command == "run" || command == "status" || command == "run-task" ? "DIR"
                                      : command == "reference"                                             ? "NAME"
                                                                                                           : "CONFIG"));
    const std::string target = vm["target"].as<std::string>();

    // Slurm options are checked with everything else, before anything is written.
    const std::string backend = vm.count("backend") ? vm["backend"].as<std::string>() : "local";
    if (backend != "local" && backend != "slurm")
        throw ConfigError("--backend = '" + backend + "': use local or slurm");
    SlurmBackend::Options slurm;
    for (const char* opt : {"dry-run", "wait", "partition", "account", "time", "module", "ntasks", "signal-seconds"})
        if (vm.count(opt) && backend != "slurm")
            throw ConfigError(std::string("--") + opt + ": belongs to --backend slurm (run or sweep)");
    if (backend == "slurm") {
        if (vm.count("partition")) slurm.partition = vm["partition"].as<std::string>();
        if (vm.count("account")) slurm.account = vm["account"].as<std::string>();
        if (vm.count("time")) slurm.timeLimit = vm["time"].as<std::string>();
        if (vm.count("module")) slurm.modules = vm["module"].as<std::vector<std::string>>();
        if (vm.count("ntasks")) slurm.ntasks = vm["ntasks"].as<int>();
        if (vm.count("signal-seconds")) slurm.signalSeconds = vm["signal-seconds"].as<int>();
        if (vm.count("jobs")) slurm.maxParallel = vm["jobs"].as<int>();
        slurm.dryRun = vm.count("dry-run") != 0;
        slurm.wait = vm.count("wait") != 0;
        if (vm.count("force")) throw ConfigError("--force: not with --backend slurm (run it locally)");
        if (vm.count("continue")) throw ConfigError("--continue: not with --backend slurm (run it locally)");
        if (vm.count("np")) throw ConfigError("--np: not with --backend slurm; --ntasks N gives each case N MPI ranks");
        if (vm.count("oversubscribe")) throw ConfigError("--oversubscribe: not with --backend slurm (Slurm places the ranks)");
        if (vm.count("retries")) slurm.retries = vm["retries"].as<int>();
        SlurmBackend::validate(slurm);
        const bool sweeps = command == "sweep" && vm.count("output");
        SlurmBackend::checkPaths(sweeps ? vm["output"].as<std::string>() : target, ToolPaths::discover());
        // run: the manifest's names and an earlier jobs.json reach the scripts and squeue too;
        // refused here, before the sweep's lock file is touched. (sweep: checked in submit.)
        if (command == "run" && fs::exists(fs::path(target) / SweepLayout::kManifest))
            SlurmBackend::prepare(target, slurm, ToolPaths::discover());
    }
    // Checked before the config is read or anything is written.
    const std::vector<std::string> levels = vm.count("levels") ? ConvergenceStudy::parseLevels(vm["levels"].as<std::string>())
                                                                : ConvergenceStudy::defaultLevels();

    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    int jobs = cores;
    if (vm.count("jobs")) {
        jobs = vm["jobs"].as<int>();
        if (jobs < 1 || jobs > 256) throw ConfigError("--jobs = '" + std::to_string(jobs) + "': outside [1, 256]");
    }
    SweepRunner::RunOptions runOptions;
    if (vm.count("np")) {
        runOptions.ranks = vm["np"].as<int>();
        if (runOptions.ranks < 1 || runOptions.ranks > 1024)
            throw ConfigError("--np = '" + std::to_string(runOptions.ranks) + "': outside [1, 1024]");
        if (!vm.count("jobs")) jobs = std::max(1, cores / runOptions.ranks);
    }
    runOptions.oversubscribe = vm.count("oversubscribe") != 0;
    // A redrawn bar only where a person watches; logs, CI and Slurm output get plain lines.
    runOptions.progressBar = &out == &std::cout && isatty(STDOUT_FILENO) != 0;
    if (jobs * runOptions.ranks > cores && !runOptions.oversubscribe &&
        !(vm.count("backend") && vm["backend"].as<std::string>() == "slurm"))  // --jobs: the array's throttle
        throw ConfigError("--jobs " + std::to_string(jobs) + " x --np " + std::to_string(runOptions.ranks) + " = " +
                          std::to_string(jobs * runOptions.ranks) + ": more than the " + std::to_string(cores) +
                          " cores (add --oversubscribe to allow it)");
    if (vm.count("retries")) {
        runOptions.retries = vm["retries"].as<int>();
        if (runOptions.retries < 0 || runOptions.retries > 10)
            throw ConfigError("--retries = '" + std::to_string(runOptions.retries) + "': outside [0, 10]");
        slurm.retries = runOptions.retries;
    }
    if (vm.count("iterations") && !vm.count("continue"))
        throw ConfigError("--iterations: only with --continue (the config's solver.max_iterations sets a run's)");
    if (vm.count("continue") && vm.count("force"))
        throw ConfigError("--continue: not with --force (--force runs finished cases again from their mesh)");
    if (vm.count("continue")) {
        runOptions.continueUnconverged = true;
        if (vm.count("iterations")) {
            runOptions.continueIterations = vm["iterations"].as<int>();
            if (runOptions.continueIterations < 1 || runOptions.continueIterations > 1000000)
                throw ConfigError("--iterations = '" + std::to_string(runOptions.continueIterations) +
                                  "': outside [1, 1000000]");
        }
    }
    int maxCases = 200;
    if (vm.count("max-cases")) {
        maxCases = vm["max-cases"].as<int>();
        if (maxCases < 1) throw ConfigError("--max-cases = '" + std::to_string(maxCases) + "': must be at least 1");
    }
    const bool needsOutput =
        command == "generate" || command == "sweep" || command == "reference" || command == "convergence";
    if (needsOutput && !vm.count("output")) throw ConfigError(command + ": missing -o DIR");
    if ((command == "run" || command == "status" || command == "run-task") && !overrides.empty())
        throw ConfigError(command + ": config overrides (" + common::Printable::quote(overrides.front(), 80) +
                          ") belong to generate or sweep");
    if (command == "convergence" && vm.count("reduce-only"))
        for (const char* opt : {"jobs", "np", "oversubscribe", "retries"})
            if (vm.count(opt)) throw ConfigError(std::string("--") + opt + ": not with --reduce-only (nothing is run)");

    const SweepRunner runner(ToolPaths::discover());

    if (command == "status") {
        if (!fs::exists(fs::path(target) / SweepLayout::kManifest))
            throw ConfigError("status: '" + target + "' is not a sweep directory (no manifest.json)");
        auto status = SweepStatus::read(target);
        SlurmStatus::annotate(target, status);
        if (vm.count("json")) out << status.dump(2) << '\n';
        else out << SweepStatus::table(status) << SlurmStatus::table(status);
        if (SweepTransaction::interrupted(target))
            out << "note: a generate was interrupted here; the next generate or run of " << target
                << " completes or undoes it\n";
        return 0;
    }

    if (command == "run-task") {
        // One case of a Slurm job array (SlurmBackend writes the call); no SweepLock: tasks share the sweep.
        if (!vm.count("index")) throw ConfigError("run-task: missing --index I");
        if (!fs::exists(fs::path(target) / SweepLayout::kManifest))
            throw ConfigError("run-task: '" + target + "' is not a sweep directory (no manifest.json)");
        return CaseTask(ToolPaths::discover()).run(target, vm["index"].as<int>(), out, runOptions.retries);
    }

    if (command == "reference") {
        common::SafeName::check("reference", target);
        ReferenceCase::checkName(target);
        // A 3D reference is meshed by the runners' pipeline, so it has their levels and box keys
        // (checked by the config's own rules).
        static const std::vector<std::string> keys = {"level", "upstream", "downstream", "side", "above"};
        std::set<std::string> given;
        for (const auto& o : overrides) {
            const auto eq = o.find('=');
            const std::string key = o.rfind("--mesh.", 0) == 0 && eq != std::string::npos ? o.substr(7, eq - 7) : "";
            if (ReferenceCase::dimension(target) != 3 || std::find(keys.begin(), keys.end(), key) == keys.end())
                throw ConfigError("reference: takes no config overrides (" + common::Printable::quote(o, 80) +
                                  "; a 3D reference takes --mesh.level, --mesh.upstream, --mesh.downstream, "
                                  "--mesh.side, --mesh.above)");
            given.insert(key);
        }
        std::vector<std::string> asConfig = {"--mesh.dimension=3"};
        asConfig.insert(asConfig.end(), overrides.begin(), overrides.end());
        const SweepConfig checked = SweepConfig::parse("", asConfig);
        ReferenceCase::Box box;
        if (given.count("upstream")) box.upstream = checked.domain.upstream;
        if (given.count("downstream")) box.downstream = checked.domain.downstream;
        if (given.count("side")) box.side = checked.domain.side;
        if (given.count("above")) box.above = checked.domain.above;
        // Not the config's default level: a reference runs at coarse (CI's level) unless told.
        checkedOutputDir(vm["output"].as<std::string>());
        const auto r = ReferenceCase::run(target, vm["output"].as<std::string>(), ToolPaths::discover(), jobs,
                                          given.count("level") ? checked.level : "coarse", box);
        out << "reference " << target << ":\n";
        for (const auto& c : r["checks"]) {
            char line[256];
            const std::string value = c["value"].is_number() ? std::to_string(c["value"].get<double>()) : "missing";
            std::snprintf(line, sizeof(line), "  %-36s %-12s %s  (%s)\n", c["quantity"].get<std::string>().c_str(),
                          value.c_str(), c["pass"].get<bool>() ? "pass" : "FAIL", c["note"].get<std::string>().c_str());
            out << line;
        }
        for (const auto& [sub, a] : r["stock_forces"].items()) {
            if (a.contains("relative_difference"))
                out << "  runnerDrag vs stock forces (" << sub << "): relative difference "
                    << a["relative_difference"].get<double>() << '\n';
        }
        if (!r["pass"].get<bool>()) {
            err << "draft-cases: reference " << target << " did not pass (see " << vm["output"].as<std::string>()
                << "/results.json)\n";
            return 3;
        }
        return 0;
    }

    if (command == "run") {
        if (!fs::exists(fs::path(target) / SweepLayout::kManifest))
            throw ConfigError("run: '" + target + "' is not a sweep directory (no manifest.json)");
        if (backend == "slurm") {
            {
                const SweepLock lock(target);
                SweepTransaction::recover(target, out);
                SlurmBackend::submit(target, slurm, ToolPaths::discover(), out);
            }
            return slurm.wait ? SlurmBackend::wait(target, out, err) : 0;
        }
        const SweepLock lock(target);
        const int failed = runner.run(target, jobs, vm.count("force") != 0, out, runOptions);
        if (failed > 0) {
            err << "draft-cases: " << failed << " case(s) failed (see " << target << "/manifest.json)\n";
            return 3;
        }
        return 0;
    }

    // Everything is validated before anything is written.
    const SweepConfig config = SweepConfig::load(target, overrides);
    const auto plan = SweepPlan::expand(config, static_cast<std::size_t>(maxCases));

    if (command == "plan") {
        if (vm.count("json")) {
            // What generate would write as manifest.json, before any case exists.
            Manifest m;
            m.sweepName = config.name;
            m.config = config.toJson();
            for (const auto& spec : plan) m.cases.push_back({spec.name, spec.parametersJson(), "pending", ""});
            out << m.toJson().dump(2) << '\n';
            return 0;
        }
        out << "sweep " << config.name << ": " << plan.size() << " case(s)\n";
        // To the millimetre: a clearance gap adds the body's depth, which has many digits.
        const auto mm = [](double v) { return common::ValueList::format(std::round(v * 1000.0) / 1000.0); };
        for (const auto& spec : plan) {
            out << "  " << spec.name << ":";
            for (const auto& r : spec.runners)
                out << " " << r.name << "(" << mm(r.x) << ", " << mm(r.y) << ")";
            out << '\n';
        }
        return 0;
    }

    const std::string dir = checkedOutputDir(vm["output"].as<std::string>());
    const bool force = vm.count("force") != 0;
    if (command == "convergence" && vm.count("reduce-only")) {
        // Only reads the levels' results and rewrites convergence.json and .csv: no lock, nothing run.
        if (!fs::is_directory(dir))
            throw ConfigError("-o " + common::Printable::quote(dir) + ": no convergence study here (--reduce-only reduces one)");
        if (force) throw ConfigError("--force: not with --reduce-only (nothing is run)");
        return convergenceResult(ConvergenceStudy::reduce(dir, levels), dir, out, err);
    }
    // Refusals come before the folder or its lock exist, so they change nothing on disk.
    if (command != "convergence") SweepTransaction::check(config, plan, dir, force);
    const bool created = !fs::exists(fs::symlink_status(dir));
    try {
        fs::create_directories(dir);  // with any missing parents, as mkdir -p
    } catch (const fs::filesystem_error& e) {
        throw ConfigError("-o " + common::Printable::quote(dir) + ": cannot be created (" + e.code().message() + ")");
    }
    std::optional<SweepLock> lock;
    try {
        lock.emplace(dir);
        if (command != "convergence") runner.generate(config, plan, dir, out, force);
    } catch (...) {
        lock.reset();
        std::error_code ignored;
        if (created) fs::remove_all(dir, ignored);  // ours: made a moment ago, holding only the lock
        throw;
    }
    if (command == "convergence")
        return convergenceResult(ConvergenceStudy::run(config, plan, dir, levels, runner, jobs, force, out, runOptions),
                                 dir, out, err);
    if (command == "generate") return 0;
    if (backend == "slurm") {
        SlurmBackend::submit(dir, slurm, ToolPaths::discover(), out);
        return slurm.wait ? SlurmBackend::wait(dir, out, err) : 0;
    }

    const int failed = runner.run(dir, jobs, vm.count("force") != 0, out, runOptions);
    if (failed > 0) {
        err << "draft-cases: " << failed << " case(s) failed (see " << dir << "/manifest.json)\n";
        return 3;
    }
    return 0;
}

}  // namespace drafting::cases
