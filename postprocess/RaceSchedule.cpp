#include "postprocess/RaceSchedule.hpp"

#include "cases/files/Manifest.hpp"
#include "postprocess/PacingTable.hpp"

#include "common/DecimalNumber.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"
#include "cases/files/SweepLayout.hpp"
#include "meshes/Athlete.hpp"
#include "postprocess/PacingError.hpp"
#include "postprocess/PostError.hpp"
#include "postprocess/SavingsTable.hpp"
#include "postprocess/TableText.hpp"

#include <boost/program_options.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace drafting::post {

namespace {

double number(const std::string& key, const std::string& text, double lo, double hi) {
    const auto v = common::DecimalNumber::parse(text);
    if (!v) throw PacingError(common::ErrorSite::of(key, text), "not a number");
    if (*v < lo || *v > hi)
        throw PacingError(common::ErrorSite::of(key, text), "must be in [" + TableText::plain(lo) + ", " + TableText::plain(hi) + "]");
    return *v;
}

}  // namespace

RaceSchedule RaceSchedule::load(const std::string& path, const std::string& sweepOverride) {
    std::ifstream in(path);
    if (!in) throw PacingError("schedule file " + common::Printable::quote(path) + ": cannot be read");
    po::options_description desc;
    desc.add_options()("athlete.mass", po::value<std::string>())("athlete.height", po::value<std::string>())(
        "race.baseline_time", po::value<std::string>())("race.distance", po::value<std::string>())(
        "race.split", po::value<std::string>())("race.air_density", po::value<std::string>())(
        "race.cda", po::value<std::string>())("race.sweep", po::value<std::string>())(
        "race.segment", po::value<std::vector<std::string>>()->composing());
    po::variables_map vm;
    try {
        po::store(po::parse_config_file(in, desc, false), vm);
    } catch (const po::error& e) {
        throw PacingError("schedule file " + common::Printable::quote(path) + ": " + e.what());
    }
    auto get = [&](const char* key) { return vm.count(key) ? vm[key].as<std::string>() : std::string(); };
    for (const char* key : {"athlete.mass", "athlete.height", "race.baseline_time", "race.segment"})
        if (!vm.count(key)) throw PacingError(std::string(key) + ": missing in " + common::Printable::quote(path));

    RaceSchedule s;
    s.inputs.massKg = number("athlete.mass", get("athlete.mass"), meshes::Athlete::kMinMass, meshes::Athlete::kMaxMass);
    s.inputs.heightM = number("athlete.height", get("athlete.height"), meshes::Athlete::kMinHeight, meshes::Athlete::kMaxHeight);
    s.inputs.baselineTimeS = parseRaceTime("race.baseline_time", get("race.baseline_time"));
    if (vm.count("race.distance")) s.inputs.distanceM = number("race.distance", get("race.distance"), 100.0, 100000.0);
    if (vm.count("race.split")) s.splitM = number("race.split", get("race.split"), 10.0, 100000.0);
    if (vm.count("race.air_density"))
        s.inputs.airDensity = number("race.air_density", get("race.air_density"), 0.5, 1.5);
    if (vm.count("race.cda")) s.inputs.cdaM2 = number("race.cda", get("race.cda"), 0.02, 2.0);

    const std::string sweep = sweepOverride.empty() ? get("race.sweep") : sweepOverride;
    if (!sweep.empty()) {
        fs::path p(sweep);
        if (sweepOverride.empty() && p.is_relative()) p = fs::path(path).parent_path() / p;
        if (!fs::exists(p / cases::files::SweepLayout::kManifest))
            throw PacingError(common::ErrorSite::of(sweepOverride.empty() ? "race.sweep" : "--sweep", sweep), "not a sweep directory (no manifest.json)");
        s.sweepDir = p.string();
    }

    static const std::regex segment(R"(\s*([0-9]*\.?[0-9]+)\s+(\S+)\s*)");
    for (const auto& text : vm["race.segment"].as<std::vector<std::string>>()) {
        std::smatch m;
        if (!std::regex_match(text, m, segment))
            throw PacingError(common::ErrorSite::of("race.segment", text), "expected 'UNTIL_METRES FORMATION'");
        Entry e;
        e.untilM = number("race.segment", m[1].str(), 1.0, 100000.0);
        e.source = m[2].str();
        if (e.source != "alone" && !std::regex_match(e.source, std::regex(R"([0-9]*\.?[0-9]+)"))) {
            try {
                common::SafeName::check("race.segment", e.source);
            } catch (const std::exception& err) {
                throw PacingError(common::ErrorSite::of("race.segment", text), "not a case name, 'alone' or a fraction");
            }
            if (s.sweepDir.empty())
                throw PacingError(common::ErrorSite::of("race.segment", text), "names a case but no race.sweep is given");
        }
        s.entries.push_back(e);
    }
    return s;
}

std::vector<RaceReplay::Segment> RaceSchedule::resolve(PacingInputs& inputsOut) const {
    inputsOut = inputs;
    std::optional<SavingsTable> table;
    if (!sweepDir.empty()) {
        // The replay runs the race in calm air: the savings of a sweep run in one wind are not its.
        const auto config = cases::files::Manifest::read(sweepDir).config;
        if (config.windSpeed > 0.0 || config.headwind != 0.0)
            throw PacingError(common::ErrorSite::of("race.sweep", sweepDir), PacingTable::kNotInWind);
        table = SavingsTable::fromSweep(sweepDir);
        if (!inputsOut.cdaM2) {
            for (const auto& r : table->rows())
                if (r.formation == "solo" && r.cdaLead) inputsOut.cdaM2 = r.cdaLead;
        }
    }
    std::vector<RaceReplay::Segment> out;
    for (const auto& e : entries) {
        RaceReplay::Segment seg{e.untilM, 0.0, e.source};
        const std::string text = std::to_string(e.untilM) + " " + e.source;
        if (e.source == "alone") {
            seg.dragSaving = 0.0;
        } else if (std::regex_match(e.source, std::regex(R"([0-9]*\.?[0-9]+)"))) {
            seg.dragSaving = std::stod(e.source);
            if (seg.dragSaving > 1.0) throw PacingError(common::ErrorSite::of("race.segment", e.source), "a saving is a fraction in [0, 1]");
        } else {
            const SavingsRow* row = nullptr;
            for (const auto& r : table->rows())
                if (r.caseName == e.source) row = &r;
            if (!row) throw PacingError(common::ErrorSite::of("race.segment", e.source), "no such case in " + common::Printable::quote(sweepDir));
            if (row->status != "ok" || !row->savingPct)
                throw PacingError(common::ErrorSite::of("race.segment", e.source), "that case failed: " + row->reason);
            // Above 100 % the case failed in the table (checkDragPositive); below 0 it costs drag.
            if (*row->savingPct < 0.0)
                throw PacingError(common::ErrorSite::of("race.segment", e.source), "that formation's saving is " +
                                  TableText::plain(*row->savingPct) + " % (the pacing model takes savings in [0, 1])");
            seg.dragSaving = *row->savingPct / 100.0;
        }
        out.push_back(seg);
    }
    return out;
}

}  // namespace drafting::post
