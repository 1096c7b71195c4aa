#include "cases/run/SweepTransaction.hpp"

#include "cases/files/CaseFile.hpp"

#include "cases/files/CaseResult.hpp"
#include "cases/writer/CaseWriter.hpp"
#include "common/Error.hpp"
#include "common/JsonFile.hpp"
#include "cases/files/Manifest.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"
#include "cases/files/SweepLayout.hpp"
#include "cases/run/SweepRunner.hpp"
#include "common/AtomicFile.hpp"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;

namespace drafting::cases::run {

namespace {

// What a case folder on disk is, as far as generate is concerned.
struct CaseFolder {
    bool exists = false;
    std::string foreign;      // why draft-cases did not make it; empty when it did
    std::string fingerprint;  // from its case.json
    bool finished = false;    // results.json says ok
};

CaseFolder inspect(const fs::path& sweep, const std::string& name) {
    CaseFolder f;
    const fs::path dir = sweep / name;
    const auto status = fs::symlink_status(dir);
    if (!fs::exists(status)) return f;
    f.exists = true;
    if (fs::is_symlink(status) || !fs::is_directory(status)) {
        f.foreign = "is not a folder";
        return f;
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string entryName = entry.path().filename().string();
        if (entry.is_symlink()) {
            f.foreign = "holds the symbolic link " + common::Printable::quote(entryName);
            return f;
        }
        if (!files::SweepLayout::isCaseEntry(entryName, entry.is_directory())) {
            f.foreign = "holds " + common::Printable::quote(entryName) + ", which draft-cases did not write";
            return f;
        }
    }
    files::CaseFile caseFile;
    try {
        caseFile = files::CaseFile::read((dir / files::SweepLayout::kCaseFile).string());
        if (caseFile.name != name || !caseFile.fingerprint) throw common::InputError("not the case.json of this folder");
        f.fingerprint = *caseFile.fingerprint;
    } catch (const std::exception&) {
        f.foreign = "has no case.json written by draft-cases";
        return f;
    }
    // Below the top: every file must be one the writer listed in case.json or one a run makes,
    // so a file someone put in system/ or constant/ keeps the folder from being deleted.
    // (Cases written before the list existed are judged by their top level only.)
    if (caseFile.files) {
        const std::set<std::string> written(caseFile.files->begin(), caseFile.files->end());
        for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
            const fs::path rel = it->path().lexically_relative(dir);  // fs::relative would follow links
            if (it->is_symlink() && !files::SweepLayout::isRunLink(rel, fs::read_symlink(it->path()))) {
                f.foreign = "holds the symbolic link " + common::Printable::quote(rel.generic_string());
                return f;
            }
            if (it->is_directory()) continue;
            if (!written.count(rel.generic_string()) && !files::SweepLayout::isRunOutput(rel)) {
                f.foreign = "holds " + common::Printable::quote(rel.generic_string()) + ", which draft-cases did not write";
                return f;
            }
        }
    }
    f.finished = files::SweepLayout::hasFinishedResults(dir.string());
    return f;
}

// "a, b, c and 4 more"
std::string listed(const std::vector<std::string>& names) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(names.size(), 4);
    for (std::size_t i = 0; i < shown; ++i) out += (i > 0 ? ", " : "") + names[i];
    if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
    return out;
}

std::string quotedDir(const std::string& sweepDir) { return "-o " + common::Printable::quote(sweepDir); }

// What a generate over `sweepDir` will do, decided before anything is written.
struct Decision {
    files::Manifest manifest;                    // the new one
    std::map<std::string, std::string> fingerprints;
    std::vector<std::string> write;       // planned cases written afresh
    std::vector<std::string> moveOut;     // case folders of ours that go (replaced or dropped)
    std::vector<std::string> lostReplaced, lostDropped;  // finished cases among them
    bool changed = false;                 // anything beyond an identical re-generate
    /// The cases or their config changed: draft-post's tables of the old ones must go. Not when
    /// only the manifest's bookkeeping (its schema, the study mark, the provenance) is new.
    bool staleOutputs = false;
};

Decision decide(const config::SweepConfig& config, const std::vector<config::CaseSpec>& plan, const std::string& sweepDir,
                bool force, const std::string& studyLevel = "") {
    Decision d;
    d.manifest.sweepName = config.name;
    d.manifest.studyLevel = studyLevel;
    d.manifest.provenance = files::Provenance::now();
    d.manifest.config = config;
    const std::string bodyHash = SweepRunner::bodyHash(config);

    const fs::path sweep(sweepDir);
    const auto dirStatus = fs::symlink_status(sweep);
    std::optional<files::Manifest> old;
    if (fs::exists(dirStatus)) {
        if (!fs::is_directory(fs::status(sweep)))
            throw common::InputError(quotedDir(sweepDir) + ": exists and is not a folder");
        const fs::path manifestPath = sweep / files::SweepLayout::kManifest;
        if (fs::exists(fs::symlink_status(manifestPath))) {
            try {
                if (!fs::is_regular_file(fs::symlink_status(manifestPath))) throw common::InputError("not a regular file");
                old = files::Manifest::read(sweepDir);
            } catch (const std::exception& e) {
                throw common::InputError(quotedDir(sweepDir) + ": its manifest.json was not written by draft-cases (" +
                                  std::string(e.what()).substr(0, 160) + "); use a fresh -o");
            }
        } else {
            for (const auto& entry : fs::directory_iterator(sweep)) {
                const std::string name = entry.path().filename().string();
                if (name != files::SweepLayout::kLock && name != files::SweepLayout::kStaging)
                    throw common::InputError(quotedDir(sweepDir) + ": exists, holds " + common::Printable::quote(name) +
                                      " and is not a sweep (no manifest.json); use a fresh -o");
            }
        }
    }

    std::set<std::string> planned;
    std::vector<std::string> foreign;
    for (const auto& spec : plan) {
        planned.insert(spec.name);
        const std::string print = SweepRunner::fingerprint(config, spec, bodyHash);
        d.fingerprints[spec.name] = print;
        files::Manifest::Entry entry{spec.name, spec.parametersJson(), "pending", ""};
        const CaseFolder folder = inspect(sweep, spec.name);
        if (!folder.foreign.empty()) {
            foreign.push_back(spec.name + "/ " + folder.foreign);
        } else if (folder.exists && folder.fingerprint == print) {
            // Same settings: kept as it is, finished or waiting for `run` (which clears a
            // killed run's leftovers itself).
            entry.status = folder.finished ? "ok" : "pending";
        } else {
            d.write.push_back(spec.name);
            if (folder.exists) d.moveOut.push_back(spec.name);
            if (folder.finished) d.lostReplaced.push_back(spec.name);
        }
        d.manifest.cases.push_back(std::move(entry));
    }
    if (!foreign.empty())
        throw common::InputError(quotedDir(sweepDir) + ": case folder " + foreign.front() +
                          "; move it away or use a fresh -o (nothing was changed)");
    if (old) {
        for (const auto& entry : old->cases) {
            if (planned.count(entry.name)) continue;
            const CaseFolder folder = inspect(sweep, entry.name);
            // A folder someone else filled stays where it is; it only leaves the manifest.
            if (!folder.exists || !folder.foreign.empty()) continue;
            d.moveOut.push_back(entry.name);
            if (folder.finished) d.lostDropped.push_back(entry.name);
        }
    }
    if (!force && (!d.lostReplaced.empty() || !d.lostDropped.empty())) {
        std::string what;
        if (!d.lostReplaced.empty())
            what = "replace " + std::to_string(d.lostReplaced.size()) + " finished case(s) whose settings changed (" +
                   listed(d.lostReplaced) + ")";
        if (!d.lostDropped.empty())
            what += std::string(what.empty() ? "" : " and ") + "drop " + std::to_string(d.lostDropped.size()) +
                    " finished case(s) not in this config (" + listed(d.lostDropped) + ")";
        throw common::InputError(quotedDir(sweepDir) + ": this config would " + what +
                          "; add --force to discard their results, or use a fresh -o (nothing was changed)");
    }
    // A level folder stays one when a plain generate rewrites it (the mark is the study's, not the config's).
    if (d.manifest.studyLevel.empty() && old) d.manifest.studyLevel = old->studyLevel;
    // An older manifest (schema 1) whose cases are the same is up to date: a new schema alone
    // rewrites nothing and, above all, removes no table draft-post wrote from these cases. Nor
    // does a new build, host or command line (the provenance): the cases are what they were.
    const auto casesOf = [](const files::Manifest& m) {
        nlohmann::json j = m.toJson();
        j.erase("schema");
        j.erase("study");
        j.erase("provenance");
        return j;
    };
    d.staleOutputs = !d.write.empty() || !d.moveOut.empty() || !old || casesOf(*old) != casesOf(d.manifest);
    d.changed = d.staleOutputs || old->studyLevel != d.manifest.studyLevel;
    return d;
}

fs::path stagingOf(const std::string& sweepDir) { return fs::path(sweepDir) / files::SweepLayout::kStaging; }

// Written first into a staging folder: a folder of that name without it is someone else's.
constexpr const char* kStagingMarker = "draft-cases.json";

// Adds the list of files the writer made to the case's case.json ("files"), so that a later
// generate can tell a case folder of ours from one someone added files to.
void recordWriterFiles(const fs::path& caseDir) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(caseDir))
        if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), caseDir).generic_string());
    const std::string caseJsonPath = (caseDir / files::SweepLayout::kCaseFile).string();
    files::CaseFile caseFile = files::CaseFile::read(caseJsonPath);
    caseFile.files = files;
    caseFile.write(caseJsonPath);
}

// A name from the journal: a case folder name, and (for folders leaving) one of ours.
std::string checkedJournalName(const std::string& sweepDir, const nlohmann::json& name, bool leaving) {
    const std::string file = common::Printable::quote((stagingOf(sweepDir) / files::SweepLayout::kJournal).string());
    if (!name.is_string() || !common::SafeName::isSafe(name.get<std::string>()))
        throw common::InputError(file + ": " + common::Printable::quote(name.dump()) + " is not a case name");
    const std::string n = name.get<std::string>();
    const fs::path dir = fs::path(sweepDir) / n;
    if (leaving && fs::exists(fs::symlink_status(dir))) {
        bool ours = false;
        try {
            ours = fs::is_directory(fs::symlink_status(dir)) &&
                   files::CaseFile::read((dir / files::SweepLayout::kCaseFile).string()).name == n;
        } catch (const std::exception&) {
        }
        if (!ours) throw common::InputError(file + ": " + common::Printable::quote(n) + " is not a case folder of draft-cases");
    }
    return n;
}

// Moves `from` to `to` unless it is gone already (a resumed commit): every step may run twice.
void moveIfPresent(const fs::path& from, const fs::path& to) {
    if (!fs::exists(fs::symlink_status(from))) return;
    fs::create_directories(to.parent_path());
    if (fs::exists(fs::symlink_status(to))) fs::remove_all(to);  // a trash copy from an earlier attempt
    fs::rename(from, to);
    SweepTransaction::faultPoint();
}

// The commit after the journal: manifest, old cases out, new cases in, stale tables out.
void complete(const std::string& sweepDir, const nlohmann::json& journal) {
    const fs::path sweep(sweepDir), staging = stagingOf(sweepDir);
    // Every name is checked before anything moves: the journal is a file like any other.
    std::vector<std::string> leaving, arriving;
    try {
        for (const auto& name : journal.at("move_out")) leaving.push_back(checkedJournalName(sweepDir, name, true));
        for (const auto& name : journal.at("install")) arriving.push_back(checkedJournalName(sweepDir, name, false));
        if (!journal.at("stale_outputs").is_boolean()) throw common::InputError("stale_outputs is not true or false");
    } catch (const nlohmann::json::exception&) {
        throw common::InputError(common::Printable::quote((staging / files::SweepLayout::kJournal).string()) + ": not a journal of draft-cases");
    }
    moveIfPresent(staging / files::SweepLayout::kManifest, sweep / files::SweepLayout::kManifest);
    moveIfPresent(staging / files::SweepLayout::kConfigEcho, sweep / files::SweepLayout::kConfigEcho);
    for (const auto& n : leaving) moveIfPresent(sweep / n, staging / "old" / n);
    for (const auto& n : arriving) moveIfPresent(staging / "new" / n, sweep / n);
    if (journal.at("stale_outputs").get<bool>())
        for (const auto& name : files::SweepLayout::postOutputs()) moveIfPresent(sweep / name, staging / "old" / name);
    fs::remove(staging / files::SweepLayout::kJournal);
    SweepTransaction::faultPoint();
    fs::remove_all(staging);
}

}  // namespace

void SweepTransaction::faultPoint() {
    static const long limit = [] {
        const char* text = std::getenv("DRAFTING_FAULT_AFTER");
        return text != nullptr ? std::strtol(text, nullptr, 10) : 0L;
    }();
    static long steps = 0;
    if (limit > 0 && ++steps >= limit) _exit(137);
}

bool SweepTransaction::interrupted(const std::string& sweepDir) {
    return fs::exists(fs::symlink_status(stagingOf(sweepDir)));
}

bool SweepTransaction::recover(const std::string& sweepDir, std::ostream& log) {
    const fs::path staging = stagingOf(sweepDir);
    const auto status = fs::symlink_status(staging);
    if (!fs::exists(status)) return false;
    if (fs::is_directory(status) && !fs::is_symlink(status) && fs::is_empty(staging)) {
        fs::remove(staging);  // killed before it wrote its marker: nothing in it to lose
        return true;
    }
    if (!fs::is_directory(status) || fs::is_symlink(status) ||
        !fs::is_regular_file(fs::symlink_status(staging / kStagingMarker)))
        throw common::InputError(common::Printable::quote(staging.string()) +
                          ": is not the staging folder of draft-cases; move it away (nothing was changed)");
    if (fs::exists(staging / files::SweepLayout::kJournal)) {
        complete(sweepDir, common::JsonFile::read((staging / files::SweepLayout::kJournal).string()));
        log << "completed an interrupted generate in " << sweepDir << '\n';
    } else {
        fs::remove_all(staging);  // killed before its commit point: the old sweep stands
        log << "removed the staging of an interrupted generate in " << sweepDir << '\n';
    }
    return true;
}

void SweepTransaction::check(const config::SweepConfig& config, const std::vector<config::CaseSpec>& plan,
                             const std::string& sweepDir, bool force) {
    decide(config, plan, sweepDir, force);
}

void SweepTransaction::generate(const config::SweepConfig& config, const std::vector<config::CaseSpec>& plan,
                                const std::string& sweepDir, bool force, std::ostream& log,
                                const std::string& studyLevel) {
    recover(sweepDir, log);
    const Decision d = decide(config, plan, sweepDir, force, studyLevel);
    std::size_t kept = 0;
    for (const auto& e : d.manifest.cases) kept += e.status == "ok";
    if (!d.changed) {
        log << sweepDir << " is up to date: " << plan.size() << " case(s), kept " << kept << " finished case(s)\n";
        return;
    }

    // Stage: nothing outside the staging folder changes until the journal exists.
    const fs::path staging = stagingOf(sweepDir);
    try {
        fs::create_directory(staging);
        common::JsonFile::writeAtomic((staging / kStagingMarker).string(), {{"tool", "draft-cases"}, {"purpose", "generate"}});
        fs::create_directories(staging / "new");
        for (const auto& spec : plan) {
            if (std::find(d.write.begin(), d.write.end(), spec.name) == d.write.end()) continue;
            const fs::path caseDir = staging / "new" / spec.name;
            writer::CaseWriter::write(config, spec, caseDir.string(), d.fingerprints.at(spec.name));
            recordWriterFiles(caseDir);
            faultPoint();
        }
        d.manifest.write(staging.string());
        common::AtomicFile::write((staging / files::SweepLayout::kConfigEcho).string(), config.toText());
        faultPoint();
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        throw;
    }
    const nlohmann::json journal = {{"move_out", d.moveOut}, {"install", d.write}, {"stale_outputs", d.staleOutputs}};
    common::JsonFile::writeAtomic((staging / files::SweepLayout::kJournal).string(), journal);
    faultPoint();
    complete(sweepDir, journal);

    log << "wrote " << d.write.size() << " case(s) to " << sweepDir;
    if (kept > 0) log << ", kept " << kept << " finished case(s)";
    if (!d.lostReplaced.empty()) log << ", replaced " << d.lostReplaced.size() << " finished case(s) (--force)";
    if (!d.lostDropped.empty()) log << ", dropped " << d.lostDropped.size() << " finished case(s) (--force)";
    log << '\n';
}

}  // namespace drafting::cases::run
